/**
 * Persisted operations, with Yoga's persisted-operations plugin. A client sends
 * `extensions.persistedQuery.sha256Hash` (the hex SHA-256 of a document) instead of the document:
 * - `allow-list` mode (production): only the operations of the manifest run; any document sent as text is
 *   refused, so the server runs nothing its operators have not reviewed;
 * - `apq` mode: automatic persisted queries (Apollo's protocol): documents run as usual; a hash alone runs the
 *   manifest's operation or one the client registered earlier by sending document and hash together (checked,
 *   and kept only once it validates). Registered documents live in an LRU cache bounded in bytes.
 * The manifest is Apollo's persisted-query manifest format; `npm run persisted:build` writes the default one,
 * schema/persisted-operations.json, from the example operations, and the Explorer's, web/persisted-operations.json,
 * which goes into the Explorer's build: the server adds it to whichever manifest it runs with whenever it serves
 * the Explorer (src/http/explorer.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { projectPath } from '../paths.ts';

export type PersistedMode = 'apq' | 'allow-list' | 'off';

export const defaultManifestPath = projectPath('schema', 'persisted-operations.json');

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/),
      name: z.string(),
      type: z.enum(['query', 'mutation', 'subscription']),
      body: z.string(),
    }),
  ),
});

export type Manifest = z.infer<typeof manifestSchema>;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A manifest of the given operations. Each body is the printed document (comments and layout removed), or, with
 * `asSent`, the text as given: the Explorer's documents as urql sends them, whose hashes its client sends.
 */
export function buildManifest(documents: { name: string; query: string }[], { asSent = false } = {}): Manifest {
  const operations = documents.map(({ name, query }) => {
    const document = parse(query);
    const definition = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    const body = asSent ? query : print(document);
    const type: Manifest['operations'][number]['type'] = definition?.operation ?? 'query';
    return { id: sha256(body), name: definition?.name?.value ?? name, type, body };
  });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** Operations by hash from a manifest's text; refuses one whose ids are not the hashes of their bodies. */
function parseManifest(text: string, file: string): Map<string, string> {
  const manifest = manifestSchema.parse(JSON.parse(text));
  const byId = new Map<string, string>();
  for (const { id, name, body } of manifest.operations) {
    if (sha256(body) !== id) throw new Error(`${file}: operation ${name} has id ${id}, not the SHA-256 of its body`);
    byId.set(id, body);
  }
  return byId;
}

/** Reads a manifest; refuses one whose ids are not the hashes of their bodies (a stale or edited file). */
export async function loadManifest(file: string = defaultManifestPath): Promise<Map<string, string>> {
  return parseManifest(await readFile(file, 'utf8'), file);
}

/** loadManifest, read synchronously, as the app reads its other files when it is created. */
export function loadManifestSync(file: string): Map<string, string> {
  return parseManifest(readFileSync(file, 'utf8'), file);
}

export type PersistedOptions = {
  mode: PersistedMode;
  /** Operations by hash (loadManifest). */
  manifest: ReadonlyMap<string, string>;
  /** apq mode: bytes of registered documents kept (0: only the manifest's hashes are known). @default 16 MiB */
  apqCacheBytes?: number;
};

/** The SHA-256 a request names in `extensions.persistedQuery` (Apollo's protocol, version 1), if any. */
export function persistedHash(extensions: unknown): string | undefined {
  const persisted = (extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)
    ?.persistedQuery;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

const error = (message: string, code: string) => ({ message, extensions: { code, http: { status: 400 } } });

/**
 * Registers documents sent with their hash (APQ), once they validate. (@graphql-yoga/plugin-apq does this, but its
 * last release requires @graphql-tools/utils 10, and Yoga 5.24 uses 11.)
 */
function useApqRegistration(store: LRUCache<string, string>): Plugin {
  const pending = new WeakMap<object, { hash: string; query: string }>();
  return {
    onParams({ params, context }) {
      const hash = persistedHash(params.extensions);
      if (hash === undefined || typeof params.query !== 'string') return;
      if (sha256(params.query) !== hash) {
        const { message, ...options } = error(
          'The persisted query hash is not the SHA-256 of the document sent with it.',
          'PERSISTED_QUERY_HASH_MISMATCH',
        );
        throw createGraphQLError(message, options);
      }
      pending.set(context, { hash, query: params.query });
    },
    onValidate({ context }) {
      const registration = pending.get(context);
      if (!registration) return;
      return ({ valid }) => {
        if (valid) store.set(registration.hash, registration.query);
      };
    },
  };
}

export function usePersistedQueries({ mode, manifest, apqCacheBytes = 16 * 1024 * 1024 }: PersistedOptions): Plugin[] {
  if (mode === 'off') return [];
  const store =
    mode === 'apq' && apqCacheBytes > 0
      ? new LRUCache<string, string>({
          maxSize: apqCacheBytes,
          sizeCalculation: (query, hash) => query.length + hash.length,
        })
      : undefined;
  const persisted = usePersistedOperations({
    allowArbitraryOperations: mode === 'apq',
    getPersistedOperation: (hash) => manifest.get(hash) ?? store?.get(hash) ?? null,
    customErrors: {
      notFound: error(
        // Apollo's clients register the document when they see this message (or the code).
        mode === 'apq'
          ? 'PersistedQueryNotFound'
          : 'PersistedQueryNotFound: this server runs only the operations of its manifest.',
        'PERSISTED_QUERY_NOT_FOUND',
      ),
      keyNotFound: error(
        mode === 'apq'
          ? 'Must provide a query string or extensions.persistedQuery.sha256Hash.'
          : 'This server runs only persisted operations: send extensions.persistedQuery.sha256Hash of an operation in its manifest.',
        'PERSISTED_QUERY_ID_REQUIRED',
      ),
      persistedQueryOnly: error(
        'This server runs only persisted operations: send extensions.persistedQuery.sha256Hash of an operation in its manifest instead of a document.',
        'PERSISTED_QUERY_ONLY',
      ),
    },
  });
  return store ? [useApqRegistration(store), persisted] : [persisted];
}
