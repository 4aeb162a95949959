/**
 * `npm run fuzz`: the fuzz property of test/fuzz.test.ts, run long against a freshly seeded database (PGlite in
 * memory, or a throwaway PostgreSQL database with `--backend postgres` and DATABASE_URL), bounded by a number of
 * runs or seconds, whichever comes first. Prints what it sent, the answers by status and error code, and any
 * failing request (with the seed and path to replay it).
 *
 *   npm run fuzz -- [--runs 10000] [--seconds 120] [--seed N] [--backend pglite|postgres]
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/client.ts';
import { prepareDatabase } from '../../src/seed/prepare.ts';
import { createApp } from '../../src/yoga.ts';
import { createThrowawayDatabase } from '../helpers/throwaway-database.ts';
import { databaseChecksum } from './checksum.ts';
import { fuzzProperty, newStats } from './property.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '120' },
    seed: { type: 'string' },
    backend: { type: 'string', default: 'pglite' },
  },
});
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!(runs > 0) || !(seconds > 0) || !Number.isInteger(seed) || !['pglite', 'postgres'].includes(values.backend)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seconds S] [--seed N] [--backend pglite|postgres]');
  process.exit(2);
}

const postgresUrl = loadConfig().databaseUrl;
if (values.backend === 'postgres' && !postgresUrl) {
  console.error('--backend postgres needs DATABASE_URL (a server where a throwaway database can be created)');
  process.exit(2);
}
const throwaway =
  values.backend === 'postgres' ? await createThrowawayDatabase(postgresUrl!, 'modelgraph_fuzz') : undefined;
const database = await createDatabase(throwaway ? { url: throwaway.url } : {});
let failed = false;
try {
  await prepareDatabase(database, { seed: true });
  const app = createApp({ database, graphiql: false });
  const before = await databaseChecksum(database.db);
  const stats = newStats();
  console.log(`fuzzing ${values.backend} with seed ${seed}: at most ${runs} requests or ${seconds} s`);
  const started = performance.now();
  const result = await fc.check(fuzzProperty(app, database, stats), {
    seed,
    numRuns: runs,
    interruptAfterTimeLimit: seconds * 1000,
    markInterruptAsFailure: false,
    endOnFailure: true,
  });
  const elapsed = (performance.now() - started) / 1000;
  const unchanged = JSON.stringify(await databaseChecksum(database.db)) === JSON.stringify(before);
  console.log(`${stats.requests} requests in ${elapsed.toFixed(1)} s (${(stats.requests / elapsed).toFixed(1)}/s)`);
  console.log('HTTP status:', Object.fromEntries([...stats.byStatus].sort()));
  console.log('error codes:', Object.fromEntries([...stats.errorCodes].sort((a, b) => b[1] - a[1])));
  console.log(`database unchanged: ${unchanged ? 'yes' : 'NO'}`);
  if (result.failed) {
    console.log(
      `\nFAILED after ${result.numRuns} runs (replay: --seed ${seed}, fast-check path ${result.counterexamplePath}):`,
    );
    console.log(String(result.errorInstance instanceof Error ? result.errorInstance.message : result.errorInstance));
  }
  failed = result.failed || !unchanged;
} finally {
  await database.close();
  await throwaway?.drop();
}
process.exit(failed ? 1 : 0);
