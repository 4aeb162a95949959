/**
 * Runs a suite on every backend: PGlite always, PostgreSQL too when DATABASE_URL is set. Each suite gets its
 * own database, seeded, and a statement counter; PostgreSQL databases are created for the suite and dropped
 * after it.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createDatabase, type Database, type DatabaseKind } from '../../src/db/client.ts';
import { prepareDatabase } from '../../src/seed/prepare.ts';
import { type App, createApp } from '../../src/yoga.ts';
import { StatementCounter } from './statement-counter.ts';
import { createThrowawayDatabase } from './throwaway-database.ts';

export { createThrowawayDatabase, StatementCounter };

export type TestBackend = {
  kind: DatabaseKind;
  database: Database;
  app: App;
  statements: StatementCounter;
};

export const postgresUrl = loadConfig().databaseUrl;
export const backendKinds: DatabaseKind[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

type OpenOptions = { seed?: boolean };

/** A fresh database of the given kind; with `seed: false` it has the schema but no data. */
export async function openBackend(
  kind: DatabaseKind,
  { seed = true }: OpenOptions = {},
): Promise<TestBackend & { close(): Promise<void> }> {
  const statements = new StatementCounter();
  if (kind === 'pglite') {
    const snapshot = seed ? new Blob([await readFile(inject('pgliteSnapshotPath'))]) : undefined;
    const database = await createDatabase({ logger: statements, ...(snapshot ? { pgliteSnapshot: snapshot } : {}) });
    if (!seed) await database.migrate();
    return { kind, database, statements, app: createApp({ database, graphiql: false }), close: () => database.close() };
  }
  const { url, drop } = await createThrowawayDatabase(postgresUrl as string);
  const database = await createDatabase({ url, logger: statements, poolSize: 4 });
  await prepareDatabase(database, { seed });
  statements.reset();
  return {
    kind,
    database,
    statements,
    app: createApp({ database, graphiql: false }),
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** `describe` once per backend, with a seeded database opened before and closed after the suite. */
export function describeEachBackend(
  name: string,
  suite: (backend: () => TestBackend) => void,
  options: OpenOptions = {},
) {
  describe.each(backendKinds)(`${name} [%s]`, (kind) => {
    let backend: Awaited<ReturnType<typeof openBackend>> | undefined;
    beforeAll(async () => {
      backend = await openBackend(kind, options);
    });
    afterAll(async () => {
      await backend?.close();
    });
    suite(() => {
      if (!backend) throw new Error('backend not open');
      return backend;
    });
  });
}
