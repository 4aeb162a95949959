/**
 * `npm run bench:import [-- --rows=1000000]`: imports a synthetic results CSV (test/bench/generate-csv.ts:
 * 20,000 models x 50 benchmarks) into an empty, migrated database and prints rows per second and the
 * process's peak memory; then imports the same file again (every row unchanged) and prints the same.
 * Prints figures; asserts nothing.
 *
 * Database: an in-memory PGlite by default, or, when DATABASE_URL is set, a database it creates on that
 * server and drops at the end. The import goes through `runImport` exactly as `npm run import` does
 * (streaming parse, entity resolution, batched upserts, audit trail, one transaction).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/client.ts';
import { runImport } from '../../src/import/run.ts';
import { createThrowawayDatabase } from '../helpers/throwaway-database.ts';
import { writeResultsCsv } from './generate-csv.ts';

const rows = Number(process.argv.find((a) => a.startsWith('--rows='))?.split('=')[1] ?? 1_000_000);
if (!(Number.isInteger(rows) && rows > 0)) throw new Error('--rows must be a positive integer');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Samples RSS and heap every 100 ms while `work` runs; returns their peaks. */
async function measured<T>(work: () => Promise<T>) {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  }, 100);
  const started = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - started) / 1000, rss, heap };
  } finally {
    clearInterval(timer);
  }
}

const dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-bench-import-'));
const file = path.join(dir, 'results.csv');
const generated = await measured(() => writeResultsCsv(file, rows));
console.log(
  `generated ${rows.toLocaleString('en-US')} rows (${mb((await stat(file)).size)}) in ${generated.seconds.toFixed(1)} s`,
);

const url = loadConfig().databaseUrl;
const throwaway = url ? await createThrowawayDatabase(url, 'modelgraph_bench') : undefined;
const database = await createDatabase(throwaway ? { url: throwaway.url, poolSize: 2 } : {});
try {
  await database.migrate();
  console.log(`backend: ${database.kind}; node ${process.version}; baseline RSS ${mb(process.memoryUsage().rss)}`);
  for (const pass of ['first import (all new)', 'second import (all unchanged)']) {
    const {
      result: report,
      seconds,
      rss,
      heap,
    } = await measured(() =>
      runImport({ db: database.db, fileName: 'results.csv', path: file, actor: 'bench', format: 'csv' }),
    );
    const r = report.results;
    const created = report.resolutions.filter((x) => x.by === 'created').length;
    console.log(
      `${pass}: ${seconds.toFixed(1)} s, ${Math.round(report.records / seconds).toLocaleString('en-US')} rows/s; ` +
        `peak RSS ${mb(rss)}, peak heap ${mb(heap)}; results inserted ${r.inserted}, updated ${r.updated}, ` +
        `unchanged ${r.unchanged}; entities created ${created}; problems ${report.problemCount}; written ${report.written}`,
    );
  }
} finally {
  await database.close();
  await throwaway?.drop();
  await rm(dir, { recursive: true, force: true });
}
