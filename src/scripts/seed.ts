/**
 * `npm run db:seed [-- --landscape]`: migrates, then loads `data/seed/` idempotently and prints what changed;
 * with `--landscape`, then the Every Eval Ever landscape (`data/landscape/`), once per landscape file. Running
 * it twice changes nothing the second time.
 */
import { describeLoad, loadLandscape } from '../seed/landscape.ts';
import { loadSeed } from '../seed/load.ts';
import { readSeed, SeedValidationError } from '../seed/read.ts';
import { parseCommandLine, runWithDatabase } from './cli.ts';

const { values } = parseCommandLine(
  { options: { landscape: { type: 'boolean' }, help: { type: 'boolean' } } },
  'usage: npm run db:seed [-- --landscape]\n  --landscape  also load the Every Eval Ever landscape (data/landscape/)',
);

await runWithDatabase(async (database) => {
  let seed;
  try {
    seed = await readSeed();
  } catch (error) {
    if (!(error instanceof SeedValidationError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return;
  }
  await database.migrate();
  const summary = await database.withExclusiveLock(() => loadSeed(database.db, seed));
  const width = Math.max(...Object.keys(summary).map((key) => key.length));
  console.log(`seed ${seed.contentHash.slice(0, 12)} loaded into ${database.kind}:`);
  for (const [kind, c] of Object.entries(summary)) {
    const deleted = c.deleted ? `, ${c.deleted} deleted` : '';
    console.log(
      `  ${kind.padEnd(width)}  ${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged${deleted}`,
    );
  }
  if (!values.landscape) return;
  const started = performance.now();
  const load = await database.withExclusiveLock(() => loadLandscape(database.db));
  console.log(`${describeLoad(load)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (load.report && !load.report.written) process.exitCode = 1;
});
