/**
 * `npm run landscape:build -- <every-eval-ever data folder> [--out file]`: writes the compact landscape file
 * (`src/seed/landscape.ts` says what it holds) from the public Every Eval Ever records. Deterministic: the same
 * folder gives the same bytes.
 */
import { writeFile } from 'node:fs/promises';
import { buildLandscape, defaultLandscapeFile } from '../seed/landscape.ts';
import { parseCommandLine } from './cli.ts';

const usage = 'usage: npm run landscape:build -- <every-eval-ever data folder> [--out <file.tsv.gz>]';
const { values, positionals } = parseCommandLine(
  {
    allowPositionals: true,
    options: { out: { type: 'string' }, help: { type: 'boolean' } },
  },
  usage,
);
if (positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}
const out = values.out ?? defaultLandscapeFile;
const { bytes, records, left } = await buildLandscape(positionals[0] as string);
await writeFile(out, bytes);
console.log(`${records} records -> ${out} (${bytes.length} bytes)`);
if (left.length) console.log(`left out (not Every Eval Ever records): ${left.join(', ')}`);
if (out === defaultLandscapeFile) console.log('now run npm run landscape:prepare: the prepared rows follow this file');
