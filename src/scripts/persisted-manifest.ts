/**
 * `npm run persisted:build` writes the manifests of persisted operations (Apollo's format):
 * - schema/persisted-operations.json, the default one, from the example operations in schema/operations/;
 * - web/persisted-operations.json, the Explorer's, from its documents (web/src/documents.ts), each as urql's client
 *   sends it (web/src/client.ts: cacheExchange, then fetchExchange), whose hashes the Explorer sends instead
 *   (web/src/persisted.ts).
 * `npm run persisted:check` (--check) fails when a committed file differs from what its sources give. The
 * Explorer's needs the dev dependencies (gql.tada, urql), as building the Explorer does.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatDocument, stringifyDocument } from '@urql/core';
import { loadExampleOperations } from '../graphql/operations.ts';
import { buildManifest, defaultManifestPath, type Manifest } from '../http/persisted.ts';
import { projectPath, projectRoot } from '../paths.ts';

export const explorerManifestPath = projectPath('web', 'persisted-operations.json');

/** The manifest of the example operations. */
export const examplesManifest = async (): Promise<Manifest> => buildManifest(await loadExampleOperations());

/** The manifest of the Explorer's documents, each as urql's client sends it. */
export async function explorerManifest(): Promise<Manifest> {
  // Imported by URL: web/ is its own TypeScript project (DOM, JSX, gql.tada's types), not part of this one.
  const documents = (await import(pathToFileURL(projectPath('web', 'src', 'documents.ts')).href)) as Record<
    string,
    { kind?: unknown }
  >;
  // In the order of their export names: a module namespace's own order depends on the loader.
  const operations = Object.entries(documents)
    .filter(([, document]) => document.kind === 'Document')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    // The text urql's fetchExchange sends: the document as the cacheExchange formats it (`__typename` added to
    // every selection), printed by stringifyDocument.
    .map(([name, document]) => ({
      name,
      query: stringifyDocument(formatDocument(document as Parameters<typeof formatDocument>[0])),
    }));
  return buildManifest(operations, { asSent: true });
}

const printManifest = (manifest: Manifest) => `${JSON.stringify(manifest, null, 2)}\n`;

async function main() {
  const check = process.argv.includes('--check');
  const manifests: [string, Manifest][] = [
    [defaultManifestPath, await examplesManifest()],
    [explorerManifestPath, await explorerManifest()],
  ];
  for (const [file, manifest] of manifests) {
    const name = path.relative(projectRoot, file);
    const printed = printManifest(manifest);
    if (!check) {
      await writeFile(file, printed);
      console.log(`wrote ${name}`);
    } else if ((await readFile(file, 'utf8').catch(() => '')) !== printed) {
      console.error(`${name} is stale: run \`npm run persisted:build\` and commit the result.`);
      process.exitCode = 1;
    } else {
      console.log(`${name} is up to date.`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
