/**
 * Faults between the server and PostgreSQL (PostgreSQL only: PGlite runs in the process). Connections are cut
 * by a TCP proxy while transactions hold clients checked out of the pool, or while GraphQL requests wait on
 * the database.
 */
import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabase, type Database } from '../src/db/client.ts';
import { maskError } from '../src/graphql/mask-error.ts';
import { prepareDatabase } from '../src/seed/prepare.ts';
import { createApp } from '../src/yoga.ts';
import { postgresUrl } from './helpers/backends.ts';
import { rows } from './helpers/db.ts';
import { execute, expectData } from './helpers/graphql.ts';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.ts';
import { createThrowawayDatabase } from './helpers/throwaway-database.ts';

describe('a lost database connection is UNAVAILABLE, whatever part of the chain says so', () => {
  const failedQuery = (cause: unknown) =>
    new GraphQLError('x', { originalError: new Error('Failed query', { cause }) });
  test.each([
    ['a reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['the driver', new Error('Connection terminated unexpectedly')],
    ['the server shutting down (57P01)', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ['a connection exception (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
  ])('%s', (_, cause) => {
    expect(maskError(failedQuery(cause), 'Unexpected error.')).toMatchObject({ extensions: { code: 'UNAVAILABLE' } });
  });

  test('another failure stays masked as unexpected', () => {
    expect(maskError(failedQuery(new Error('boom')), 'Unexpected error.')).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});

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

  test('connections run without JIT compilation (a walk the planner overestimates would compile for tens of ms)', async () => {
    const [row] = await rows(database.db, sql`select current_setting('jit') as jit`);
    expect(row?.jit).toBe('off');
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

describe.runIf(postgresUrl)('PostgreSQL lost while GraphQL requests run', () => {
  const REQUESTS = 20;
  let proxy: TcpProxy;
  let database: Database;
  let app: ReturnType<typeof createApp>;
  /** A connection of the test's own, past the proxy: it holds the lock and watches the server's backends. */
  let direct: pg.Client;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const throwaway = await createThrowawayDatabase(postgresUrl!);
    drop = throwaway.drop;
    const seeded = await createDatabase({ url: throwaway.url });
    await prepareDatabase(seeded, { seed: true });
    await seeded.close();
    const url = new URL(throwaway.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    database = await createDatabase({ url: url.toString(), poolSize: REQUESTS });
    app = createApp({ database, graphiql: false });
    direct = new pg.Client({ connectionString: throwaway.url });
    await direct.connect();
  });

  afterAll(async () => {
    await direct?.end();
    await database?.close();
    await proxy?.close();
    await drop?.();
  });

  /** Backends of this database waiting for a lock: the requests' statements, blocked by the test's lock. */
  async function waitingOnLock(): Promise<number> {
    const { rows } = await direct.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    return rows[0]!.n;
  }

  test(`the connection lost under ${REQUESTS} concurrent requests: each gets a typed error, the process lives on, and requests succeed once the database is back`, async () => {
    const { models } = await expectData<{ models: { nodes: { slug: string }[] } }>(
      app,
      `{ models(first: ${REQUESTS}) { nodes { slug } } }`,
    );
    // The seeded models, in turn, one per request.
    expect(models.nodes.length).toBeGreaterThan(1);
    const slugs = Array.from({ length: REQUESTS }, (_, i) => models.nodes[i % models.nodes.length]!.slug);
    const query = (slug: string) => `{ model(slug: ${JSON.stringify(slug)}) { slug name organization { slug } } }`;
    const expected = await Promise.all(slugs.map((slug) => expectData(app, query(slug))));
    const runAll = (some = slugs) => Promise.all(some.map((slug) => execute(app, query(slug))));

    // The model table is locked, so every request's statement waits in PostgreSQL: all are in flight when the
    // connection goes, however slow the machine (the test waits for the state, not for a time).
    await direct.query('begin');
    await direct.query('lock table model in access exclusive mode');
    let responses: Awaited<ReturnType<typeof runAll>>;
    try {
      const running = runAll();
      while ((await waitingOnLock()) < REQUESTS) await new Promise((resolve) => setTimeout(resolve, 20));
      proxy.down();
      responses = await running;
      // While it is gone, new requests fail the same way.
      responses.push(...(await runAll(slugs.slice(0, 3))));
    } finally {
      await direct.query('rollback');
      proxy.up();
    }
    // An 'error' event no listener took would have failed the run here (vitest reports it): the process lived.
    expect(responses).toHaveLength(REQUESTS + 3);
    for (const response of responses) {
      expect(response.status).toBeLessThan(500);
      expect(response.body.data?.model ?? null).toBeNull();
      expect(response.body.errors, JSON.stringify(response.body)).toMatchObject([
        {
          message: 'The database cannot be reached: its connection was lost or refused. Retry later.',
          extensions: { code: 'UNAVAILABLE' },
        },
      ]);
    }
    // Back: every request is answered in full again, with what it returned before the fault.
    const after = await runAll();
    expect(after.map((r) => r.body)).toEqual(expected.map((data) => ({ data })));
  });
});
