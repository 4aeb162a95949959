/**
 * `npm run schema:print` writes the SDL to schema/schema.graphql; `npm run schema:check` (--check) fails
 * when the committed file differs from what the code builds.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printSortedSchema } from '../graphql/print.ts';

const target = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
const printed = printSortedSchema();

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== printed) {
    console.error('schema/schema.graphql is stale: run `npm run schema:print` and commit the result.');
    process.exitCode = 1;
  } else {
    console.log('schema/schema.graphql is up to date.');
  }
} else {
  await writeFile(target, printed);
  console.log(`wrote ${target}`);
}
