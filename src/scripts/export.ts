/**
 * `npm run export -- --format json|csv|eee [--out <file|dir>] [--models a,b] [--datasets a,b] [--sources a,b]`
 *
 * Exports the graph: `json` the whole graph (or the filtered part) as one graph JSON document, which
 * `importGraphJson` reads back exactly; `csv` the results in the results-CSV import format; `eee` the results
 * as Every Eval Ever records, one file per model and source under `--out <dir>` (required). json and csv go
 * to stdout unless `--out <file>` is given (written to a temporary file, renamed when complete). Filters take
 * slugs, comma-separated or repeated; see `selectGraph` (src/export/graph-read.ts) for what they include.
 * Messages go to stderr, so stdout carries only the export. Exit code: 0 on success, 1 when the export is
 * refused (an unknown slug in a filter), 2 on bad arguments.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { loadConfig } from '../config.ts';
import { prepareDatabase } from '../seed/prepare.ts';
import { writeEveryEvalEver } from '../export/every-eval-ever.ts';
import { type ExportFilter, ExportFilterError } from '../export/graph-read.ts';
import { writeGraphJson } from '../export/graph-json.ts';
import { writeResultsCsv } from '../export/results-csv.ts';
import { parseCommandLine, runWithDatabase } from './cli.ts';

const formats = ['json', 'csv', 'eee'] as const;
type Format = (typeof formats)[number];

const usage = `usage: npm run export -- --format json|csv|eee [--out <file|dir>] [--models a,b] [--datasets a,b] [--sources a,b]
  json  the graph as one graph JSON document (stdout or --out <file>)
  csv   results in the results-CSV import format (stdout or --out <file>)
  eee   results as Every Eval Ever records, <model>/<source>.json under --out <dir>
filters (slugs, comma-separated or repeated): the listed models / datasets / sources, the results and claims
that match every filter given, and everything those refer to`;

const { values } = parseCommandLine(
  {
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      models: { type: 'string', multiple: true },
      datasets: { type: 'string', multiple: true },
      sources: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  },
  usage,
);
if (!formats.includes(values.format as Format)) {
  console.error(`${values.format === undefined ? 'no --format given' : `unknown format "${values.format}"`}\n${usage}`);
  process.exit(2);
}
const format = values.format as Format;
if (format === 'eee' && values.out === undefined) {
  console.error(`--format eee writes one file per model and source: give --out <dir>\n${usage}`);
  process.exit(2);
}

const slugs = (list: string[] | undefined) =>
  list?.flatMap((item) => item.split(',').map((slug) => slug.trim())).filter((slug) => slug !== '');
const filter: ExportFilter = {};
for (const kind of ['models', 'datasets', 'sources'] as const) {
  const list = slugs(values[kind]);
  if (list !== undefined) filter[kind] = list;
}

// `npm run export | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Runs `write` against `--out` (via a temporary file, renamed once complete) or stdout. */
async function toOutput<T>(write: (out: Writable) => Promise<T>): Promise<T> {
  if (values.out === undefined) return write(process.stdout);
  const target = path.resolve(values.out);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  const out = createWriteStream(temporary);
  try {
    const result = await write(out);
    out.end();
    await finished(out);
    await rename(temporary, target);
    return result;
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}

const number = (n: number) => n.toLocaleString('en-US');

await runWithDatabase(async (database) => {
  // The same state the server would start from: migrated, and seeded on first use (SEED_ON_START).
  await prepareDatabase(database, { seed: loadConfig().seedOnStart });
  try {
    if (format === 'json') {
      const counts = await toOutput((out) => writeGraphJson(database.db, out, { filter }));
      const listed = Object.entries(counts).map(([kind, n]) => `${number(n)} ${kind}`);
      console.error(`exported ${listed.join(', ')}${values.out ? ` to ${values.out}` : ''}`);
    } else if (format === 'csv') {
      const summary = await toOutput((out) => writeResultsCsv(database.db, out, { filter }));
      console.error(`exported ${number(summary.rows)} results${values.out ? ` to ${values.out}` : ''}`);
    } else {
      const dir = path.resolve(values.out as string);
      const summary = await writeEveryEvalEver(database.db, dir, { filter });
      console.error(`exported ${number(summary.results)} results in ${number(summary.files)} files under ${dir}`);
    }
  } catch (error) {
    if (!(error instanceof ExportFilterError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
});
