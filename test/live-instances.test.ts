/**
 * Two instances sharing PostgreSQL and Redis (a key prefix of this run's own), each an HTTP server with
 * WebSockets on a loopback port: a mutation on A reaches an SSE and a graphql-ws subscriber on B, a cached
 * read on B is evicted by a mutation on A, and a write by another process (plain SQL on a connection of its
 * own, as the CLI importer writes) reaches B too. PostgreSQL only (DATABASE_URL): PGlite serves one process.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabase, type Database } from '../src/db/client.ts';
import { serveWebSockets } from '../src/http/websocket.ts';
import { type LiveData, startLiveData } from '../src/live/live-data.ts';
import { prepareDatabase } from '../src/seed/prepare.ts';
import { type App, createApp } from '../src/yoga.ts';
import { apiKeys } from './helpers/auth.ts';
import { createThrowawayDatabase, postgresUrl } from './helpers/backends.ts';
import { executeAs } from './helpers/graphql.ts';
import { dropRedisKeys, read, REDIS_URL, subscribeSse, subscribeWs, type Subscriber, until } from './helpers/live.ts';

type Instance = { database: Database; live: LiveData; app: App; server: Server; url: string };

describe.runIf(postgresUrl)('two instances sharing PostgreSQL and Redis', () => {
  const keyPrefix = `modelgraph-test-${randomUUID()}:`;
  let url: string;
  let drop: () => Promise<void>;
  let a: Instance;
  let b: Instance;
  let editor: string;
  const open: Subscriber[] = [];

  const start = async (): Promise<Instance> => {
    const database = await createDatabase({ url, poolSize: 4 });
    const live = await startLiveData({ database, redis: { url: REDIS_URL, keyPrefix }, responseCache: true });
    const app = createApp({ database, graphiql: false, live, responseCache: { ttlMs: 60_000 } });
    const server = createServer(app);
    const sockets = serveWebSockets(server, app);
    server.on('close', () => void sockets.close());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { database, live, app, server, url: `127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
  };
  const stop = async (instance: Instance | undefined) => {
    if (!instance) return;
    await instance.live.close();
    instance.server.closeAllConnections();
    await new Promise((resolve) => instance.server.close(resolve));
    await instance.database.close();
  };

  beforeAll(async () => {
    ({ url, drop } = await createThrowawayDatabase(postgresUrl as string));
    const setup = await createDatabase({ url });
    await prepareDatabase(setup, { seed: true });
    ({ editor } = await apiKeys(setup));
    await setup.close();
    a = await start();
    b = await start();
  });
  afterAll(async () => {
    for (const subscriber of open) subscriber.close();
    await stop(a);
    await stop(b);
    await drop?.();
    await dropRedisKeys(keyPrefix);
  });

  test('a mutation on A reaches SSE and graphql-ws subscribers on B', async () => {
    const query = `subscription { resultAdded(model: "gpt-4o") { value dataset { slug } } }`;
    const overSse = await subscribeSse(fetch, `http://${b.url}`, query);
    const overWs = subscribeWs(`ws://${b.url}`, query);
    open.push(overSse, overWs);
    await until(() => b.live.subscriptions() >= 2, 'subscriptions on B');
    const response = await executeAs(
      a.app,
      editor,
      `mutation($input: UpsertBenchmarkResultInput!) { upsertBenchmarkResult(input: $input) { __typename } }`,
      {
        input: {
          model: 'gpt-4o',
          dataset: 'gsm8k',
          metric: 'accuracy',
          setting: { shots: 23 },
          value: 61,
          source: 'dsv3-readme',
        },
      },
    );
    expect(response.body).toEqual({ data: { upsertBenchmarkResult: { __typename: 'UpsertBenchmarkResultPayload' } } });
    const expected = { data: { resultAdded: { value: 61, dataset: { slug: 'gsm8k' } } } };
    expect(await overSse.next('the event over SSE on B')).toEqual(expected);
    expect(await overWs.next('the event over graphql-ws on B')).toEqual(expected);
  });

  test('a cached read on B is evicted by a mutation on A', async () => {
    const query = `query($slug: String!) { model(slug: $slug) { name } }`;
    expect((await read(b.app, query, { slug: 'gpt-4o' })).hit).toBe(false);
    expect((await read(b.app, query, { slug: 'gpt-4o' })).hit).toBe(true);
    // The cache is shared: A's read of it is a hit too.
    expect((await read(a.app, query, { slug: 'gpt-4o' })).hit).toBe(true);
    const response = await executeAs(
      a.app,
      editor,
      `mutation { updateModel(input: { where: { slug: "gpt-4o" }, name: "GPT-4o (from A)" }) { __typename } }`,
    );
    expect(response.body.errors).toBeUndefined();
    await until(async () => (await read(b.app, query, { slug: 'gpt-4o' })).hit === false, 'evicted on B');
    expect(await read(b.app, query, { slug: 'gpt-4o' })).toEqual({
      data: { model: { name: 'GPT-4o (from A)' } },
      hit: true,
    });
  });

  test('a write by another process (as the CLI importer writes) evicts and notifies too', async () => {
    const query = `query($slug: String!) { model(slug: $slug) { name } }`;
    await read(b.app, query, { slug: 'deepseek-v3-base' });
    expect((await read(b.app, query, { slug: 'deepseek-v3-base' })).hit).toBe(true);
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query(`update model set name = 'DeepSeek-V3 Base (SQL)' where slug = 'deepseek-v3-base'`);
    } finally {
      await other.end();
    }
    await until(async () => (await read(b.app, query, { slug: 'deepseek-v3-base' })).hit === false, 'evicted on B');
    expect((await read(b.app, query, { slug: 'deepseek-v3-base' })).data).toEqual({
      model: { name: 'DeepSeek-V3 Base (SQL)' },
    });
  });
});
