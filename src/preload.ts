/**
 * The server's first import (src/server.ts), evaluated before the rest of its bundle: starts what can run beside
 * that evaluation. Without DATABASE_URL in the environment, PGlite's module compiles on V8's background threads
 * meanwhile (src/db/pglite-artifacts.ts); with a DATABASE_URL that only .env sets, the work is wasted, not wrong.
 */
import { environmentNamesDatabase } from './config.ts';
import { type PgliteArtifacts, preloadPglite } from './db/pglite-artifacts.ts';

export const pgliteArtifacts: PgliteArtifacts | undefined = environmentNamesDatabase() ? undefined : preloadPglite();
