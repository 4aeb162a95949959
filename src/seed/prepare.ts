/**
 * Brings a database to a servable state: migrations applied and, on first start, the bundled seed loaded:
 * the curated seed, then (with `seed: 'landscape'`) the Every Eval Ever landscape resolved onto it. Each is
 * loaded once; a later start finds them recorded in `seed_run` and reads nothing. Both steps run under the
 * cluster-wide lock, so instances starting together do not race.
 */
import type { Logger } from '../logger.ts';
import { readFile } from 'node:fs/promises';
import { analyzeLoaded, defaultLandscapeFile, describeLoad, hasLandscape, loadLandscape } from './landscape.ts';
import {
  defaultPreparedFile,
  loadPreparedLandscape,
  preparedMismatch,
  readShippedPrepared,
} from './prepared-landscape.ts';
import { hasBeenSeeded, loadSeed } from './load.ts';
import { readSeed } from './read.ts';
import type { Database } from '../db/client.ts';

/** `true` is the curated seed (what tests use); `false` loads nothing. */
export type SeedChoice = boolean | 'curated' | 'landscape';

export async function prepareDatabase(
  database: Database,
  {
    seed,
    logger,
    landscapeFile,
    preparedFile = defaultPreparedFile,
  }: {
    seed: SeedChoice;
    logger?: Logger;
    /** Tests: a small landscape, and its prepared rows (none: through the importer). */
    landscapeFile?: string;
    preparedFile?: string | null;
  },
) {
  await database.migrate();
  logger?.info({ backend: database.kind }, 'migrations applied');
  if (!seed) return;
  await database.withExclusiveLock(async () => {
    if (await hasBeenSeeded(database.db)) {
      logger?.info('seed already loaded; reusing the data');
    } else {
      const summary = await loadSeed(database.db, await readSeed());
      // Rows inserted per table in one short field; the full counts (updated, unchanged) at debug level.
      const inserted = Object.fromEntries(
        Object.entries(summary).flatMap(([table, counts]) => (counts.inserted > 0 ? [[table, counts.inserted]] : [])),
      );
      logger?.debug({ summary }, 'seed counts');
      logger?.info({ inserted }, 'seed loaded');
    }
    if (seed !== 'landscape' || (await hasLandscape(database.db))) return;
    const started = performance.now();
    // The prepared rows when they apply (a first start on PGlite), else the importer.
    const file = landscapeFile ?? defaultLandscapeFile;
    const prepared = preparedFile === null ? undefined : await readShippedPrepared(preparedFile);
    const mismatch = prepared ? await preparedMismatch(database, prepared, await readFile(file)) : 'none shipped';
    if (prepared && !mismatch) {
      await loadPreparedLandscape(database, prepared);
      await analyzeLoaded(database.db);
      const ms = Math.round(performance.now() - started);
      logger?.info({ ms, summary: prepared.header.summary }, 'landscape loaded from its prepared rows');
      return;
    }
    logger?.debug({ reason: mismatch }, 'landscape through the importer');
    const load = await loadLandscape(database.db, { file });
    const ms = Math.round(performance.now() - started);
    const message = describeLoad(load);
    if (load.report && !load.report.written) logger?.error({ ms }, message);
    else logger?.info({ ms }, message);
  });
}
