/**
 * `npm run landscape:prepare [-- --check]`: writes the prepared landscape (src/seed/prepared-landscape.ts) from
 * the shipped landscape file, by loading it through the importer onto a fresh in-memory curated seed. Run it
 * after a change to the importer, the registry, the seed or the migrations changes what the load writes (the
 * landscape test fails until then); `--check` only says whether the shipped file is current.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { defaultPreparedFile, prepareLandscape, writePrepared } from '../seed/prepared-landscape.ts';
import { parseCommandLine } from './cli.ts';

const { values } = parseCommandLine(
  { options: { check: { type: 'boolean' }, help: { type: 'boolean' } } },
  'usage: npm run landscape:prepare [-- --check]',
);
const started = performance.now();
const bytes = writePrepared(await prepareLandscape());
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const shipped = await readFile(defaultPreparedFile).catch(() => undefined);
if (values.check) {
  const current = shipped?.equals(bytes) ?? false;
  console.log(
    `${defaultPreparedFile} is ${current ? 'current' : 'stale: run npm run landscape:prepare'} (${seconds} s)`,
  );
  if (!current) process.exitCode = 1;
} else {
  await writeFile(defaultPreparedFile, bytes);
  console.log(
    `${defaultPreparedFile}: ${bytes.length} bytes${shipped?.equals(bytes) ? ' (unchanged)' : ''} (${seconds} s)`,
  );
}
