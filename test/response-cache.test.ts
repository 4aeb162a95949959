/**
 * The response cache (src/http/response-cache.ts) on each database backend and each cache store (memory,
 * Redis under a key prefix of this run's own): a repeated anonymous read is a hit, a write evicts the answers
 * that contain what it changed (and only those), writers' requests are not cached, and /metrics counts hits.
 * The feed evicts after the commit, asynchronously: the tests wait for the miss with a bound.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket, connect as connectTcp } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { Kind, parse, visit } from 'graphql';
import { COMPLEXITY_LIMITS } from '../src/graphql/complexity.ts';
import { schema } from '../src/graphql/index.ts';
import { createRedisResponseCache } from '../src/http/response-cache.ts';
import { runImport } from '../src/import/run.ts';
import { type LiveData, startLiveData } from '../src/live/live-data.ts';
import { createLogger } from '../src/logger.ts';
import { openRedis } from '../src/redis.ts';
import { type App, createApp } from '../src/yoga.ts';
import { apiKeys } from './helpers/auth.ts';
import { backendKinds, openBackend } from './helpers/backends.ts';
import { execute, executeAs } from './helpers/graphql.ts';
import { dropRedisKeys, read, REDIS_URL, until } from './helpers/live.ts';
import { runMutation } from './helpers/mutations.ts';

const MODEL = `query($slug: String!) { model(slug: $slug) { id name } }`;
const MODELS = `{ models(first: 3) { totalCount nodes { slug } } }`;

const stores = ['memory', 'redis'] as const;

const costOf = (query: string | ReturnType<typeof parse>) => complexityFromQuery(query, { schema }).complexity;
const withTypenames = (query: string) =>
  visit(parse(query), {
    SelectionSet: (node) => ({
      ...node,
      selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }],
    }),
  });

describe.each(backendKinds.flatMap((kind) => stores.map((store) => [kind, store] as const)))(
  'response cache [%s, %s]',
  (kind, store) => {
    let backend: Awaited<ReturnType<typeof openBackend>>;
    let live: LiveData;
    let app: App;
    let editor: string;
    const keyPrefix = `modelgraph-test-${randomUUID()}:`;

    beforeAll(async () => {
      backend = await openBackend(kind);
      live = await startLiveData({
        database: backend.database,
        responseCache: true,
        redis: store === 'redis' ? { url: REDIS_URL, keyPrefix } : undefined,
      });
      app = createApp({ database: backend.database, graphiql: false, live, responseCache: { ttlMs: 60_000 } });
      ({ editor } = await apiKeys(backend.database));
    });
    afterAll(async () => {
      await live?.close();
      await backend?.close();
      if (store === 'redis') await dropRedisKeys(keyPrefix);
    });

    const rename = async (slug: string, name: string) => {
      const response = await executeAs(
        app,
        editor,
        `mutation($slug: String!, $name: String!) {
          updateModel(input: { where: { slug: $slug }, name: $name }) { __typename }
        }`,
        { slug, name },
      );
      expect(response.body).toEqual({ data: { updateModel: { __typename: 'ModelPayload' } } });
    };

    test('a repeated read is a hit; a change of what it contains evicts it, and nothing else', async () => {
      const first = await read(app, MODEL, { slug: 'gpt-4o' });
      expect(first.hit).toBe(false);
      expect(await read(app, MODEL, { slug: 'gpt-4o' })).toEqual({ data: first.data, hit: true });
      expect((await read(app, MODEL, { slug: 'llama-3.1-405b' })).hit).toBe(false);
      expect((await read(app, MODEL, { slug: 'llama-3.1-405b' })).hit).toBe(true);

      // Another model changes: once its answer is evicted, gpt-4o's is still cached.
      await rename('llama-3.1-405b', 'Llama 3.1 405B (renamed)');
      await until(async () => (await read(app, MODEL, { slug: 'llama-3.1-405b' })).hit === false, 'evicted');
      expect(await read(app, MODEL, { slug: 'llama-3.1-405b' })).toMatchObject({
        data: { model: { name: 'Llama 3.1 405B (renamed)' } },
        hit: true,
      });
      expect(await read(app, MODEL, { slug: 'gpt-4o' })).toEqual({ data: first.data, hit: true });

      // gpt-4o changes: its answer goes, and the next read has the new name.
      await rename('gpt-4o', 'GPT-4o (renamed)');
      await until(async () => (await read(app, MODEL, { slug: 'gpt-4o' })).hit === false, 'evicted');
      expect(await read(app, MODEL, { slug: 'gpt-4o' })).toMatchObject({
        data: { model: { name: 'GPT-4o (renamed)' } },
        hit: true,
      });
    });

    test('lists are evicted by any write', async () => {
      const first = await read(app, MODELS);
      expect((await read(app, MODELS)).hit).toBe(true);
      await rename('gpt-4o', 'GPT-4o (again)');
      await until(async () => (await read(app, MODELS)).hit === false, 'evicted');
      expect((await read(app, MODELS)).data).toEqual(first.data);
    });

    test('an answer about an entity is evicted when a row that references it changes (a count, a nested list)', async () => {
      const ORGANIZATION = `query($slug: String!) { organization(slug: $slug) { modelCount } }`;
      const count = async (slug: string) => {
        const answer = await read(app, ORGANIZATION, { slug });
        return {
          count: (answer.data as { organization: { modelCount: number } }).organization.modelCount,
          hit: answer.hit,
        };
      };
      const [openai, meta] = [(await count('openai')).count, (await count('meta')).count];
      expect(await count('openai')).toEqual({ count: openai, hit: true });
      expect(await count('meta')).toEqual({ count: meta, hit: true });
      // A new model developed by OpenAI: the organization's row does not change, its count does.
      await runMutation(app, editor, 'createModel', {
        slug: `cache-probe-${store}`,
        name: `Cache probe ${store}`,
        openWeights: true,
        developers: [{ organization: 'openai', source: 't3-card' }],
        sources: [{ source: 't3-card' }],
      });
      await until(async () => (await count('openai')).hit === false, 'evicted');
      expect(await count('openai')).toEqual({ count: openai + 1, hit: true });
      // Meta's answer holds nothing that changed.
      expect(await count('meta')).toEqual({ count: meta, hit: true });
      // The model moves to Meta: both organizations' answers go.
      await runMutation(app, editor, 'updateModel', {
        where: { slug: `cache-probe-${store}` },
        developers: [{ organization: 'meta', source: 't3-card' }],
      });
      await until(async () => (await count('meta')).hit === false, 'evicted');
      expect(await count('meta')).toEqual({ count: meta + 1, hit: true });
      expect(await count('openai')).toEqual({ count: openai, hit: false });
    });

    test('an import evicts the answers holding what it changed, and only those', async () => {
      const RESULTS = `query($slug: String!) { model(slug: $slug) { name results(first: 1) { totalCount } } }`;
      const total = (answer: { data: unknown }) =>
        (answer.data as { model: { results: { totalCount: number } } }).model.results.totalCount;
      const before = await read(app, RESULTS, { slug: 'gpt-4o' });
      const other = await read(app, RESULTS, { slug: 'gemma-2-27b' });
      expect((await read(app, RESULTS, { slug: 'gpt-4o' })).hit).toBe(true);
      expect((await read(app, RESULTS, { slug: 'gemma-2-27b' })).hit).toBe(true);
      const report = await runImport({
        db: backend.database.db,
        fileName: 'one.csv',
        actor: 'import-test',
        text: `model,benchmark,metric,value,n_shot,source_url\ngpt-4o,gsm8k,accuracy,33.3,29,https://example.com/${store}\n`,
      });
      expect(report).toMatchObject({ written: true, problems: [] });
      await until(async () => (await read(app, RESULTS, { slug: 'gpt-4o' })).hit === false, 'evicted');
      expect(total(await read(app, RESULTS, { slug: 'gpt-4o' }))).toBe(total(before) + 1);
      expect(await read(app, RESULTS, { slug: 'gemma-2-27b' })).toEqual({ data: other.data, hit: true });
    });

    test('a writer’s reads are not cached', async () => {
      const response = await executeAs(app, editor, MODEL, { slug: 'gpt-4o' });
      expect(response.body.errors).toBeUndefined();
      expect((response.body as { extensions?: unknown }).extensions).toBeUndefined();
    });

    test('a query costs what the client sent: the fields the cache adds to it are not counted', async () => {
      // 30,201 as sent; 50,402 with a __typename in every selection (the cache adds those, and ids).
      const under = `{ models(first: 100) { nodes { results(first: 100) { nodes { value id } } } } }`;
      expect(costOf(under)).toBeLessThanOrEqual(COMPLEXITY_LIMITS.complexity);
      expect(costOf(withTypenames(under))).toBeGreaterThan(COMPLEXITY_LIMITS.complexity);
      const answer = await read(app, under);
      expect(answer.hit).toBe(false);
      expect((await read(app, under)).hit).toBe(true);

      const over = `{ models(first: 100) { nodes { results(first: 100) { nodes { value id model { slug } } } } } }`;
      const refused = await execute(app, over);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors).toEqual([
        expect.objectContaining({
          extensions: { code: 'QUERY_TOO_COMPLEX', complexity: costOf(over), limit: COMPLEXITY_LIMITS.complexity },
        }),
      ]);
    });

    test('/metrics counts hits and misses', async () => {
      const text = await (await app.fetch('http://test/metrics')).text();
      expect(text).toMatch(/^modelgraph_response_cache_total\{result="hit"\} [1-9]/m);
      expect(text).toMatch(/^modelgraph_response_cache_total\{result="miss"\} [1-9]/m);
    });
  },
);

describe('response cache in Redis, Redis gone', () => {
  const keyPrefix = `modelgraph-test-${randomUUID()}:cache:`;
  let backend: Awaited<ReturnType<typeof openBackend>>;
  beforeAll(async () => {
    backend = await openBackend('pglite');
  });
  afterAll(async () => {
    await backend?.close();
    await dropRedisKeys(keyPrefix);
  });

  test('reads still answer, uncached; an eviction it missed empties the cache once Redis is back', async () => {
    const client = openRedis({ url: REDIS_URL, keyPrefix: '' }, 'test-cache-gone', { keyPrefix });
    const admin = openRedis({ url: REDIS_URL, keyPrefix: '' }, 'test-cache-gone-admin');
    try {
      await client.ping();
      const cache = createRedisResponseCache(client);
      const app = createApp({
        database: backend.database,
        graphiql: false,
        live: { cache } as unknown as LiveData,
        responseCache: { ttlMs: 60_000 },
      });
      const first = await read(app, MODEL, { slug: 'gpt-4o' });
      expect(await read(app, MODEL, { slug: 'gpt-4o' })).toEqual({ data: first.data, hit: true });

      client.disconnect();
      // Not a failure: answered from the database, not cached.
      expect(await read(app, MODEL, { slug: 'gpt-4o' })).toEqual({ data: first.data, hit: false });
      // An eviction while Redis is gone cannot reach it: the answer it should have evicted is still there.
      await cache.invalidate([{ typename: 'Model' }]);
      expect(await admin.keys(`${keyPrefix}*`)).not.toEqual([]);

      await client.connect();
      // Back: what was cached is dropped before anything is read from it again.
      await until(async () => (await admin.keys(`${keyPrefix}*`)).length === 0, 'the cache emptied');
      expect((await read(app, MODEL, { slug: 'gpt-4o' })).hit).toBe(false);
      expect((await read(app, MODEL, { slug: 'gpt-4o' })).hit).toBe(true);
    } finally {
      client.disconnect();
      admin.disconnect();
    }
  });
});

/** A TCP relay to the local Redis on a port of its own, that can go away and come back (Redis gone, for the app). */
async function redisRelay() {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const start = async () => {
    server = createServer((socket) => {
      const upstream = connectTcp(6379, '127.0.0.1');
      for (const end of [socket, upstream]) {
        sockets.add(end);
        end.on('error', () => {});
        end.on('close', () => sockets.delete(end));
      }
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  };
  await start();
  return {
    url: () => `redis://127.0.0.1:${port}`,
    stop: async () => {
      const closed = new Promise((resolve) => server!.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    start,
  };
}

test('Redis gone while a transaction commits: its answers are evicted once Redis is back', async () => {
  const keyPrefix = `modelgraph-test-${randomUUID()}:`;
  const backend = await openBackend('pglite');
  const relay = await redisRelay();
  let logged = '';
  const logger = createLogger(
    { logLevel: 'warn' },
    new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    }),
  );
  const live = await startLiveData({
    database: backend.database,
    responseCache: true,
    redis: { url: relay.url(), keyPrefix },
    logger,
  });
  try {
    const app = createApp({ database: backend.database, graphiql: false, live, responseCache: { ttlMs: 60_000 } });
    const { editor } = await apiKeys(backend.database);
    const first = await read(app, MODEL, { slug: 'gpt-4o' });
    expect(await read(app, MODEL, { slug: 'gpt-4o' })).toEqual({ data: first.data, hit: true });

    await relay.stop();
    const response = await executeAs(
      app,
      editor,
      `mutation { updateModel(input: { where: { slug: "gpt-4o" }, name: "GPT-4o (while Redis was gone)" }) { __typename } }`,
    );
    expect(response.body.errors).toBeUndefined();
    // The change feed heard the transaction and could not reach Redis.
    await until(() => /Redis does not answer|not handled/.test(logged), 'the change feed gave up on Redis');

    await relay.start();
    // Once answers are cached again, the one from before the transaction is not among them.
    await until(async () => (await read(app, MODEL, { slug: 'gpt-4o' })).hit === true, 'cached again');
    expect(await read(app, MODEL, { slug: 'gpt-4o' })).toMatchObject({
      data: { model: { name: 'GPT-4o (while Redis was gone)' } },
      hit: true,
    });
  } finally {
    await live.close();
    await relay.stop();
    await backend.close();
    await dropRedisKeys(keyPrefix);
  }
});
