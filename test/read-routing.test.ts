/**
 * Read routing (src/graphql/read-routing.ts) across instances: two Yoga apps, as two instances or workers behind
 * a load balancer, each with its own memory of the clients that wrote, optionally sharing one Redis (the local
 * one, under a key prefix of this run's own). Where a query read is observed through the real routing pool
 * (src/db/replicas.ts) over two fake pools that answer with their own name, so that no replica is needed (test/
 * replicas.test.ts shows the same on a real streaming replica). Sticky windows are long (10 minutes): nothing
 * races a TTL.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createSchema, createYoga } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ReplicaRoutingPool } from '../src/db/replicas.ts';
import { type StickyRedis, useReadRouting } from '../src/graphql/read-routing.ts';
import { clientKey } from '../src/http/rate-limit.ts';
import { createLogger } from '../src/logger.ts';
import { openRedis } from '../src/redis.ts';
import { createApp } from '../src/yoga.ts';
import { openBackend } from './helpers/backends.ts';
import { REDIS_URL } from './helpers/live.ts';

const STICKY_MS = 600_000;

/** A pool that answers every statement with its own name. */
const fakePool = (name: string) => ({ query: async () => ({ rows: [{ from: name }] }) }) as unknown as pg.Pool;

const pool = new ReplicaRoutingPool(
  fakePool('primary'),
  [{ name: 'replica-1', address: 'fake', pool: fakePool('replica'), downUntil: 0, statements: 0, fallbacks: 0 }],
  5_000,
);
const readFrom = async () => ((await pool.query('select')) as { rows: { from: string }[] }).rows[0]!.from;

const schema = createSchema({
  typeDefs: /* GraphQL */ `
    type Query {
      readFrom: String!
    }
    type Mutation {
      write: String!
    }
  `,
  resolvers: { Query: { readFrom }, Mutation: { write: readFrom } },
});

type Instance = ReturnType<typeof instance>;

/** One instance: the read routing plugin and nothing else. */
function instance(redis?: StickyRedis) {
  return createYoga({ schema, logging: false, plugins: [useReadRouting({ stickyMs: STICKY_MS, redis })] });
}

/** Sends `query` as the client holding `token`; returns where it read (its only field's answer). */
async function send(app: Instance, token: string, query: string): Promise<string> {
  const response = await app.fetch('http://modelgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: Record<string, string>; errors?: unknown };
  expect(body.errors, JSON.stringify(body)).toBeUndefined();
  return Object.values(body.data!)[0]!;
}
/** The key of the client holding `token`, as the rate limit and read routing name it. */
const credentialKey = (token: string) =>
  clientKey(new Request('http://modelgraph.test/', { headers: { authorization: `Bearer ${token}` } }), {});

const write = (app: Instance, token: string) => send(app, token, 'mutation { write }');
const read = (app: Instance, token: string) => send(app, token, '{ readFrom }');

/** A logger whose lines at warn and above are collected. */
function captureLog() {
  const lines: string[] = [];
  const logger = createLogger(
    { logLevel: 'warn' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { logger, lines };
}

describe('read routing across instances', () => {
  const keyPrefix = `modelgraph-test-${randomUUID()}:read-sticky:`;
  const clients: Redis[] = [];
  const connect = async (name: string) => {
    const client = openRedis({ url: REDIS_URL, keyPrefix: '' }, name);
    client.on('error', () => {});
    clients.push(client);
    await client.ping();
    return client;
  };
  let admin: Redis;

  beforeAll(async () => {
    admin = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    const keys = await admin.keys(`${keyPrefix}*`);
    if (keys.length) await admin.del(keys);
    admin.disconnect();
  });

  test('without Redis: a client that wrote through A reads the primary on A, a replica on B', async () => {
    const [a, b] = [instance(), instance()];
    expect(await read(b, 'alone')).toBe('replica');
    expect(await write(a, 'alone')).toBe('primary');
    expect(await read(a, 'alone')).toBe('primary');
    expect(await read(b, 'alone')).toBe('replica');
  });

  test('with one Redis: a client that wrote through A reads the primary on B too; other clients read a replica', async () => {
    const { logger, lines } = captureLog();
    const [a, b] = [
      instance({ client: await connect('test-read-routing-a'), keyPrefix, logger }),
      instance({ client: await connect('test-read-routing-b'), keyPrefix, logger }),
    ];
    expect(await read(b, 'writer')).toBe('replica');
    expect(await write(a, 'writer')).toBe('primary');
    expect(await read(b, 'writer')).toBe('primary');
    // And again, now from B's own memory.
    expect(await read(b, 'writer')).toBe('primary');
    expect(await read(a, 'writer')).toBe('primary');
    expect(await read(b, 'reader')).toBe('replica');
    expect(await read(a, 'reader')).toBe('replica');

    // One key per client that wrote, under the prefix (the credential's hash, never the credential), for the
    // sticky window.
    expect(await admin.keys(`${keyPrefix}*`)).toEqual([`${keyPrefix}${credentialKey('writer')}`]);
    expect(credentialKey('writer')).toMatch(/^credential:[\w-]+$/);
    const ttl = await admin.pttl(`${keyPrefix}${credentialKey('writer')}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(STICKY_MS);
    expect(lines).toEqual([]);
  });

  test('Redis gone: queries and mutations still answer; each instance goes by its own memory and warns once', async () => {
    const { logger, lines } = captureLog();
    const [clientA, clientB] = [await connect('test-read-routing-c'), await connect('test-read-routing-d')];
    const [a, b] = [instance({ client: clientA, keyPrefix, logger }), instance({ client: clientB, keyPrefix, logger })];
    clientA.disconnect();
    clientB.disconnect();
    expect(await write(a, 'offline')).toBe('primary');
    expect(await read(a, 'offline')).toBe('primary');
    expect(await read(b, 'offline')).toBe('replica');
    expect(await read(b, 'offline')).toBe('replica');
    // One warning per instance (a per minute at most), whatever the number of requests.
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(JSON.parse(line)).toMatchObject({
        level: 40,
        msg: expect.stringMatching(/^Redis does not answer: a client reads its own writes only on the instance/),
      });
    }
    // Nothing reached Redis.
    expect(await admin.exists(`${keyPrefix}${credentialKey('offline')}`)).toBe(0);
  });

  test('Redis that does not answer: requests wait at most the timeout, then go by local memory', async () => {
    const { logger, lines } = captureLog();
    const asked: string[] = [];
    const stalled = {
      status: 'ready' as const,
      set: (() => {
        asked.push('set');
        return new Promise(() => {});
      }) as unknown as Redis['set'],
      pttl: (() => {
        asked.push('pttl');
        return new Promise(() => {});
      }) as unknown as Redis['pttl'],
    };
    const [a, b] = [
      instance({ client: stalled, keyPrefix, logger, timeoutMs: 20 }),
      instance({ client: stalled, keyPrefix, logger, timeoutMs: 20 }),
    ];
    expect(await write(a, 'stalled')).toBe('primary');
    expect(await read(a, 'stalled')).toBe('primary');
    expect(await read(b, 'stalled')).toBe('replica');
    // Two marks (the mutation's start and end) and one lookup (B's; A remembered the client itself).
    expect(asked.sort()).toEqual(['pttl', 'set', 'set']);
    expect(lines).toHaveLength(2);
  });

  test('without replicas the app has no read routing: Redis is never asked', async () => {
    const asked: string[] = [];
    const counting = {
      status: 'ready' as const,
      set: (() => asked.push('set')) as unknown as Redis['set'],
      pttl: (() => asked.push('pttl')) as unknown as Redis['pttl'],
    };
    const backend = await openBackend('pglite');
    try {
      const app = createApp({
        database: backend.database,
        graphiql: false,
        readRouting: { stickyMs: STICKY_MS, redis: { client: counting, keyPrefix } },
      });
      const response = await app.fetch('http://modelgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ organization(slug: "openai") { slug } }' }),
      });
      expect(await response.json()).toEqual({ data: { organization: { slug: 'openai' } } });
      expect(asked).toEqual([]);
    } finally {
      await backend.close();
    }
  });
});
