/**
 * Brings a database to a servable state: migrations applied and, on first start, the bundled seed loaded.
 * Both steps run under the cluster-wide lock, so instances starting together do not race.
 */
import type { Logger } from '../logger.ts';
import { hasBeenSeeded, loadSeed } from './load.ts';
import { readSeed } from './read.ts';
import type { Database } from '../db/client.ts';

export async function prepareDatabase(database: Database, { seed, logger }: { seed: boolean; logger?: Logger }) {
  await database.migrate();
  logger?.info({ backend: database.kind }, 'migrations applied');
  if (!seed) return;
  await database.withExclusiveLock(async () => {
    if (await hasBeenSeeded(database.db)) {
      logger?.info('seed already loaded; reusing the data');
      return;
    }
    const summary = await loadSeed(database.db, await readSeed());
    logger?.info({ summary }, 'seed loaded');
  });
}
