/**
 * `npm run db:seed`: migrates, then loads `data/seed/` idempotently and prints what changed. Running it twice
 * changes nothing the second time.
 */
import { loadSeed } from '../seed/load.ts';
import { readSeed, SeedValidationError } from '../seed/read.ts';
import { runWithDatabase } from './cli.ts';

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
});
