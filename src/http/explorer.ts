/**
 * The Explorer (web/, built by `npm run explorer:build` into web/dist/): its static files served by the Yoga app
 * at `/`, beside /graphql. Files are read once when the app is created; each comes precompressed (Brotli and
 * gzip, written by the build) and is sent in the best encoding the client accepts. Hashed assets (assets/) are
 * cached for a year; the page itself is revalidated (ETag) so a new build shows at once. Any other path without
 * a file extension is a page of the single-page app and gets index.html; the API's own paths are left to Yoga.
 * When the Explorer was not built, `/` says how to build it instead of a bare 404.
 * The Explorer sends its operations by hash (web/src/persisted.ts); its build carries their manifest, which the app
 * adds to the persisted operations it runs (`withExplorerOperations`), so its pages work in every
 * PERSISTED_OPERATIONS mode, `allow-list` included, whatever manifest the server was given.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { projectPath } from '../paths.ts';
import { EXAMPLES_PATH } from './graphiql.ts';
import { loadManifestSync, type PersistedOptions } from './persisted.ts';
import { etagMatches, pickEncoding } from './conditional.ts';

export const defaultExplorerDir = projectPath('web', 'dist');

/** Paths the API serves itself: never answered with the Explorer's page. */
const apiPaths = ['/graphql', '/health', '/ready', '/metrics', EXAMPLES_PATH];

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Only the app's own origin: scripts, styles and data come from this server, never from a CDN. Inline style
 * attributes are allowed (the chart and graph libraries set them); inline scripts are not.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

type Bytes = Uint8Array<ArrayBuffer>;

/** A file's bytes, as a body the Fetch API's Response takes. */
const readBytes = (file: string): Bytes => new Uint8Array(readFileSync(file));

type StaticFile = {
  type: string;
  etag: string;
  immutable: boolean;
  encodings: { identity: Bytes; br?: Bytes; gzip?: Bytes };
};

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) return listFiles(dir, relative);
    return entry.name.startsWith('.') || /\.(br|gz)$/.test(entry.name) ? [] : [relative];
  });
}

/** The built files by URL path, or undefined when there is no build in `dir`. */
export function loadExplorerFiles(dir: string = defaultExplorerDir): Map<string, StaticFile> | undefined {
  if (!existsSync(path.join(dir, 'index.html'))) return undefined;
  const files = new Map<string, StaticFile>();
  for (const relative of listFiles(dir)) {
    const file = path.join(dir, relative);
    const identity = readBytes(file);
    const variant = (suffix: string) =>
      existsSync(file + suffix) && statSync(file + suffix).isFile() ? readBytes(file + suffix) : undefined;
    const br = variant('.br');
    const gzip = variant('.gz');
    files.set(`/${relative}`, {
      type: contentTypes[path.extname(relative)] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
      immutable: relative.startsWith('assets/'),
      encodings: { identity, ...(br ? { br } : {}), ...(gzip ? { gzip } : {}) },
    });
  }
  return files;
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>modelgraph</title></head>
<body><main><h1>modelgraph</h1>
<p>The Explorer is not built. Run <code>npm run explorer:build</code> (it needs the dev dependencies) and restart,
or use the GraphQL API and GraphiQL at <a href="/graphql">/graphql</a>.</p></main></body></html>`;

/** The build's manifest of the Explorer's operations (src/scripts/explorer-build.mjs copies it there). */
export const EXPLORER_OPERATIONS_FILE = '.persisted-operations.json';

/** The Explorer's operations by hash, from its build in `dir`; none when there is no build (or an older one). */
export function loadExplorerOperations(dir: string = defaultExplorerDir): Map<string, string> {
  const file = path.join(dir, EXPLORER_OPERATIONS_FILE);
  return existsSync(file) ? loadManifestSync(file) : new Map();
}

/**
 * The persisted operations with the Explorer's added, so that its pages work in every mode: on a server that runs
 * only persisted operations (`allow-list`), and without a miss on one with automatic persisted queries (`apq`).
 * Without persisted operations (`off`, or none configured) the Explorer's alone are known by hash: documents run
 * as before and no client registers any, and the Explorer's requests are answered at once instead of being
 * refused once (which the browser logs as an error) and sent again as documents.
 */
export function withExplorerOperations(
  persisted: PersistedOptions | undefined,
  { dir }: ExplorerOptions = {},
): PersistedOptions | undefined {
  const operations = loadExplorerOperations(dir);
  if (operations.size === 0) return persisted;
  if (!persisted || persisted.mode === 'off') return { mode: 'apq', manifest: operations, apqCacheBytes: 0 };
  return { ...persisted, manifest: new Map([...persisted.manifest, ...operations]) };
}

export type ExplorerOptions = {
  /** Folder of the build (index.html, assets/). @default web/dist/ */
  dir?: string;
};

/** Serves the Explorer on GET and HEAD requests for paths that are not the API's. */
export function useExplorer({ dir }: ExplorerOptions = {}): Plugin {
  const files = loadExplorerFiles(dir);
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (apiPaths.some((api) => url.pathname === api || url.pathname.startsWith(`${api}/`))) return;
      const isPage = !path.posix.extname(url.pathname);
      if (!files) {
        if (url.pathname === '/')
          endResponse(
            new fetchAPI.Response(NOT_BUILT_PAGE, {
              status: 200,
              headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
            }),
          );
        return;
      }
      const file = files.get(url.pathname) ?? (isPage ? files.get('/index.html') : undefined);
      if (!file) return;
      const headers: Record<string, string> = {
        'content-type': file.type,
        etag: file.etag,
        vary: 'accept-encoding',
        'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      };
      if (file.type.startsWith('text/html')) headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
      if (etagMatches(request.headers.get('if-none-match'), file.etag)) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      const encoding = pickEncoding(request.headers.get('accept-encoding'), file.encodings);
      const body = file.encodings[encoding] as Bytes;
      if (encoding !== 'identity') headers['content-encoding'] = encoding;
      headers['content-length'] = String(body.byteLength);
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}
