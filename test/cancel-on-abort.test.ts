/**
 * A request whose HTTP client goes away stops its database work: the statement it is running is cancelled on
 * PostgreSQL, and no statement of it starts afterwards (PostgreSQL and PGlite, whose running statement cannot be
 * cancelled).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabase, type Database } from '../src/db/client.ts';
import { databaseError } from '../src/db/errors.ts';
import { prepareDatabase } from '../src/seed/prepare.ts';
import { createApp } from '../src/yoga.ts';
import { postgresUrl } from './helpers/backends.ts';
import { createThrowawayDatabase } from './helpers/throwaway-database.ts';

/** Statements and transactions asked for after the abort are refused as cancelled ones; none reaches the database. */
async function expectNothingStartsAfterAbort(database: Database) {
  const signal = AbortSignal.abort();
  /** The SQLSTATE the work failed with (drizzle wraps the driver's error). */
  const failure = (work: Promise<unknown>) =>
    work.then(
      () => 'ran',
      (error: unknown) => databaseError(error)?.code,
    );
  // drizzle's queries start when awaited: inside the request's execution, as resolvers do.
  const create = sql`create table started_after_abort (x int)`;
  expect(await failure(database.runForRequest(signal, async () => await database.db.execute(create)))).toBe('57014');
  expect(await failure(database.runForRequest(signal, () => database.db.transaction((tx) => tx.execute(create))))).toBe(
    '57014',
  );
  const probe = (await database.db.execute(sql`select to_regclass('started_after_abort') as t`)) as unknown as {
    rows: { t: unknown }[];
  };
  expect(probe.rows[0]!.t).toBeNull();
  // Outside a request, and in a request whose client stays, statements run as ever.
  await expect(database.db.execute(sql`select 1`)).resolves.toBeDefined();
  await expect(
    database.runForRequest(new AbortController().signal, async () => await database.db.execute(sql`select 1`)),
  ).resolves.toBeDefined();
}

describe('PGlite: a request whose client went away starts no statement', () => {
  test('after the abort, no statement or transaction of the request starts', async () => {
    const database = await createDatabase({});
    try {
      await database.migrate();
      await expectNothingStartsAfterAbort(database);
    } finally {
      await database.close();
    }
  });
});

/** Polls `check` until it holds; the deadline only turns a hang into a failure, it times nothing. */
async function eventually(what: string, check: () => Promise<boolean>, deadlineMs = 30_000) {
  const end = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`still not true after ${deadlineMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.runIf(postgresUrl)('a client that goes away cancels its SQL', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let url: string;
  let server: Server;
  let endpoint: string;
  /** The same app served as `npm start` serves it: behind the fast lane (src/http/fast-lane.ts). */
  let laneServer: Server;
  let laneEndpoint: string;
  let observer: pg.Client;

  beforeAll(async () => {
    ({ url, drop } = await createThrowawayDatabase(postgresUrl!));
    database = await createDatabase({ url, poolSize: 4 });
    await prepareDatabase(database, { seed: false });
    const app = createApp({ database, graphiql: false });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    laneServer = createServer(app.nodeListener);
    await new Promise<void>((resolve) => laneServer.listen(0, '127.0.0.1', resolve));
    laneEndpoint = `http://127.0.0.1:${(laneServer.address() as AddressInfo).port}/graphql`;
    observer = new pg.Client({ connectionString: url });
    await observer.connect();
  });

  afterAll(async () => {
    await observer?.end();
    await new Promise((resolve) => server?.close(resolve));
    await new Promise((resolve) => laneServer?.close(resolve));
    await database?.close();
    await drop?.();
  });

  /** The server's statements in this database (its pool names its connections `modelgraph-<pid>-…`). */
  async function serverStatements(condition: string): Promise<number> {
    const result = await observer.query(
      `select count(*)::int as n from pg_stat_activity
       where datname = current_database() and application_name like 'modelgraph-%' and ${condition}`,
    );
    return result.rows[0].n as number;
  }

  const post = (query: string, signal?: AbortSignal, to = endpoint) =>
    fetch(to, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      ...(signal ? { signal } : {}),
    });

  test('aborting the fetch cancels the statement waiting on a lock, which the test still holds', async () => {
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      // The lock keeps the request's statements running (waiting), however fast or slow the machine is.
      await blocker.query('begin; lock table model in access exclusive mode');
      const client = new AbortController();
      const request = post('{ a: models(first: 1) { totalCount } b: models(first: 2) { totalCount } }', client.signal);
      const outcome = request.then(
        () => 'answered',
        (error: Error) => error.name,
      );
      await eventually(
        'the request waits on the lock',
        async () => (await serverStatements(`wait_event_type = 'Lock'`)) > 0,
      );

      client.abort();
      expect(await outcome).toBe('AbortError');
      // Still under the lock: only a cancel can end the wait.
      await eventually(
        'no statement of the server is running',
        async () => (await serverStatements(`state = 'active'`)) === 0,
      );
      expect(await serverStatements(`wait_event_type = 'Lock'`)).toBe(0);
    } finally {
      await blocker.query('rollback').catch(() => {});
      await blocker.end();
    }
    // The pool is healthy afterwards: the next request is answered.
    const response = await post('{ models(first: 1) { totalCount } }');
    expect(await response.json()).toEqual({ data: { models: { totalCount: 0 } } });
  });

  test.each([
    ['before parsing', 3, () => endpoint],
    ['by the fast lane', 4, () => laneEndpoint],
  ])('a repeated request, answered %s, is cancelled too', async (_how, first, to) => {
    const query = `{ models(first: ${first}) { totalCount } }`;
    const postHere = (query: string, signal?: AbortSignal) => post(query, signal, to());
    // Answered once the ordinary way: the same request again takes the compiled path's `repeats` (or the lane).
    expect(await (await postHere(query)).json()).toEqual({ data: { models: { totalCount: 0 } } });
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      await blocker.query('begin; lock table model in access exclusive mode');
      const client = new AbortController();
      const outcome = postHere(query, client.signal).then(
        () => 'answered',
        (error: Error) => error.name,
      );
      await eventually(
        'the request waits on the lock',
        async () => (await serverStatements(`wait_event_type = 'Lock'`)) > 0,
      );
      client.abort();
      expect(await outcome).toBe('AbortError');
      await eventually(
        'no statement of the server is running',
        async () => (await serverStatements(`state = 'active'`)) === 0,
      );
    } finally {
      await blocker.query('rollback').catch(() => {});
      await blocker.end();
    }
    expect(await (await postHere(query)).json()).toEqual({ data: { models: { totalCount: 0 } } });
  });

  test('after the abort, no statement or transaction of the request starts', async () => {
    await expectNothingStartsAfterAbort(database);
  });
});
