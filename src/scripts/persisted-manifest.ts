/**
 * `npm run persisted:build` writes schema/persisted-operations.json, the default manifest of persisted
 * operations (Apollo's format), from the example operations in schema/operations/; `npm run persisted:check`
 * (--check) fails when the committed file differs from what they give.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { loadExampleOperations } from '../graphql/operations.ts';
import { buildManifest, defaultManifestPath } from '../http/persisted.ts';

const printed = `${JSON.stringify(buildManifest(await loadExampleOperations()), null, 2)}\n`;

if (process.argv.includes('--check')) {
  const committed = await readFile(defaultManifestPath, 'utf8').catch(() => '');
  if (committed !== printed) {
    console.error('schema/persisted-operations.json is stale: run `npm run persisted:build` and commit the result.');
    process.exitCode = 1;
  } else {
    console.log('schema/persisted-operations.json is up to date.');
  }
} else {
  await writeFile(defaultManifestPath, printed);
  console.log(`wrote ${defaultManifestPath}`);
}
