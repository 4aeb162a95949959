/** `npm run db:migrate`: applies pending migrations to the configured database. */
import { runWithDatabase } from './cli.ts';

await runWithDatabase(async (database, logger) => {
  await database.migrate();
  logger.info({ backend: database.kind }, 'migrations applied');
});
