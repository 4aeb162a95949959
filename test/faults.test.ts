/**
 * Faults between the server and PostgreSQL (PostgreSQL only: PGlite runs in the process). Connections are cut
 * by a TCP proxy while transactions hold clients checked out of the pool.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabase, type Database } from '../src/db/client.ts';
import { maskError } from '../src/graphql/mask-error.ts';
import { prepareDatabase } from '../src/seed/prepare.ts';
import { createApp } from '../src/yoga.ts';
import { postgresUrl } from './helpers/backends.ts';
import { execute } from './helpers/graphql.ts';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.ts';
import { createThrowawayDatabase } from './helpers/throwaway-database.ts';

describe.runIf(postgresUrl)('PostgreSQL connection faults', () => {
  let proxy: TcpProxy;
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const throwaway = await createThrowawayDatabase(postgresUrl!);
    drop = throwaway.drop;
    const url = new URL(throwaway.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    database = await createDatabase({ url: url.toString(), poolSize: 20 });
  });

  afterAll(async () => {
    await database?.close();
    await proxy?.close();
    await drop?.();
  });

  test('connections cut during 20 open transactions fail those transactions, not the process', async () => {
    let entered = 0;
    let allInside = () => {};
    const inside = new Promise<void>((resolve) => (allInside = resolve));
    const writers = Array.from({ length: 20 }, () =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        if (++entered === 20) allInside();
        // Held open until the cut: the client is checked out of the pool when its socket is reset.
        await tx.execute(sql`select pg_sleep(30)`);
      }),
    );
    await inside;
    proxy.cut();
    const outcomes = await Promise.allSettled(writers);
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    // The pool dropped the broken clients: new work gets fresh connections through the proxy.
    await database.ping();
    const result = (await database.db.execute(sql`select 42 as answer`)) as unknown as { rows: { answer: number }[] };
    expect(result.rows[0]!.answer).toBe(42);
  });

  test('/ready answers 503 within its timeout while the database stalls, and 200 once it answers again', async () => {
    const app = createApp({ database, graphiql: false });
    expect((await app.fetch('http://modelgraph.test/ready')).status).toBe(200);
    // Every pooled connection stalls: a ping would wait forever without the readiness timeout.
    proxy.stall();
    try {
      const stalled = await app.fetch('http://modelgraph.test/ready');
      expect(stalled.status).toBe(503);
    } finally {
      proxy.resume();
    }
    expect((await app.fetch('http://modelgraph.test/ready')).status).toBe(200);
  });
});

describe.runIf(postgresUrl)('PostgreSQL time limits', () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const throwaway = await createThrowawayDatabase(postgresUrl!);
    drop = throwaway.drop;
    // Migrated and seeded without limits (a loaded machine may take long), then opened with them.
    const unlimited = await createDatabase({ url: throwaway.url });
    await prepareDatabase(unlimited, { seed: true });
    await unlimited.close();
    database = await createDatabase({
      url: throwaway.url,
      poolSize: 2,
      statementTimeoutMs: 500,
      acquireTimeoutMs: 300,
    });
    app = createApp({ database, graphiql: false });
  });

  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  test('a statement over the statement timeout is cancelled by PostgreSQL and reported as TIMEOUT', async () => {
    const slow = database.db.execute(sql`select pg_sleep(20)`);
    await expect(slow).rejects.toMatchObject({ cause: { code: '57014' } });
    const error = await database.db.execute(sql`select pg_sleep(20)`).catch((e: unknown) => e);
    expect(maskError(error, 'Unexpected error.')).toMatchObject({ extensions: { code: 'TIMEOUT' } });
  });

  test('with every pooled connection busy, a request fails within the acquire timeout as UNAVAILABLE', async () => {
    // Both connections are held by open transactions that wait on the test, not on a statement, so the
    // statement timeout does not free them early however slow the machine is.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    let bothHeld = () => {};
    const holding = new Promise<void>((resolve) => (bothHeld = resolve));
    const holders = [1, 2].map(() =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        if (++held === 2) bothHeld();
        await released;
      }),
    );
    await holding;
    const response = await execute(app, '{ models(first: 1) { nodes { slug } } }');
    expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAVAILABLE' } });
    release();
    await Promise.all(holders);
    // Once they are free again, requests are served.
    const after = await execute(app, '{ models(first: 1) { nodes { slug } } }');
    expect(after.body.errors).toBeUndefined();
  });
});
