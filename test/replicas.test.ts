/**
 * Read replicas on a real streaming replica: the suite creates a PostgreSQL primary of its own in a temporary
 * folder (initdb, with the binaries of the test server, PG_BIN), clones it with pg_basebackup -R, starts the
 * clone on a free port, and opens the app with it as DATABASE_REPLICA_URLS. With the replica's WAL replay paused,
 * a write on the primary is not on the replica: a query that still sees the old value read the replica, one that
 * sees the new value read the primary. Primary and replica are stopped and removed after the suite, whatever
 * happens. (Not a clone of the shared test server: pg_basebackup copies a whole cluster, every database on it.)
 * Two apps on one database stand for two instances: they share "this client just wrote" only through Redis (the
 * local one, under a key prefix of this run's own).
 *
 * Runs with the PostgreSQL side of the suite (DATABASE_URL set); skipped on a PGlite-only run, PGlite having no
 * replicas. Fails, never skips, when the binaries are missing or the clone cannot be made.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFile, chown, mkdtemp, rm } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createDatabase, type Database } from '../src/db/client.ts';
import { startLiveData } from '../src/live/live-data.ts';
import { openRedis } from '../src/redis.ts';
import { prepareDatabase } from '../src/seed/prepare.ts';
import { type App, createApp } from '../src/yoga.ts';
import { apiKeys } from './helpers/auth.ts';
import { createThrowawayDatabase, postgresUrl } from './helpers/backends.ts';
import { execute, executeAs } from './helpers/graphql.ts';
import { dropRedisKeys, read, REDIS_URL, redisAnswers } from './helpers/live.ts';
import { freePort, startServer } from './helpers/server-process.ts';

const run = promisify(execFile);
/** The tests of what instances share through Redis need the local one. */
const redisUp = await redisAnswers();
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
/** The replica's files must belong to the server's user; tests run as root on the CI machines. */
const asPostgres = (command: string, args: string[]) =>
  process.getuid?.() === 0
    ? run('runuser', ['-u', 'postgres', '--', path.join(BIN, command), ...args])
    : run(path.join(BIN, command), args);

/** Polls `check` until it returns true: at most `attempts` times, 100 ms apart; then fails saying `what`. */
async function until(what: string, check: () => Promise<boolean>, attempts = 600) {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting: ${what}`);
}

async function sqlOn<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

const DESCRIPTION = '{ organization(slug: "openai") { description } }';
const UPDATE = `mutation($input: UpdateOrganizationInput!) {
  updateOrganization(input: $input) {
    __typename
    ... on OrganizationPayload { organization { description } }
    ... on Error { message }
  }
}`;

test('DATABASE_REPLICA_URLS: a list of PostgreSQL URLs, only with DATABASE_URL', async () => {
  const primary = 'postgres://app@db:5432/modelgraph';
  expect(loadConfig({ DATABASE_URL: primary }).databaseReplicas).toEqual({
    urls: [],
    stickyMs: 5000,
    stickyRedisTimeoutMs: 100,
    retryMs: 5000,
  });
  expect(
    loadConfig({
      DATABASE_URL: primary,
      DATABASE_REPLICA_URLS: ' postgres://app@r1:5432/modelgraph, postgresql://app@r2/modelgraph ,',
      DATABASE_REPLICA_STICKY_MS: '0',
      DATABASE_REPLICA_STICKY_REDIS_TIMEOUT_MS: '250',
    }).databaseReplicas,
  ).toEqual({
    urls: ['postgres://app@r1:5432/modelgraph', 'postgresql://app@r2/modelgraph'],
    stickyMs: 0,
    stickyRedisTimeoutMs: 250,
    retryMs: 5000,
  });
  // The Redis wait of read-your-writes: a whole number of milliseconds, 1 to 60000 (0 would never wait at all).
  for (const bad of ['0', '-5', '1.5', 'fast', '60001']) {
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_STICKY_REDIS_TIMEOUT_MS: bad })).toThrow(
      /DATABASE_REPLICA_STICKY_REDIS_TIMEOUT_MS: /,
    );
  }
  expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'mysql://r1/x' })).toThrow(
    /DATABASE_REPLICA_URLS.*postgres:\/\//,
  );
  const withoutPrimary = () => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://app@r1/modelgraph' });
  expect(withoutPrimary).toThrow(ConfigError);
  expect(withoutPrimary).toThrow(/DATABASE_REPLICA_URLS: needs DATABASE_URL/);
  await expect(createDatabase({ replicaUrls: ['postgres://app@r1/modelgraph'] })).rejects.toThrow(/PGlite/);
});

describe.skipIf(!postgresUrl)('read replicas (a real streaming replica, on the PostgreSQL side of the suite)', () => {
  let folder: string | undefined;
  let dataDir: string;
  let replicaRunning = false;
  let primaryRunning: string | undefined;
  let database: Database | undefined;
  let app: App;
  let resolversApp: App;
  let primaryUrl: string;
  let replicaUrl: string;
  let editor: string;

  const description = async (target: App, token?: string) => {
    const response = token ? await executeAs(target, token, DESCRIPTION) : await execute(target, DESCRIPTION);
    expect(response.body.errors, JSON.stringify(response.body)).toBeUndefined();
    return (response.body.data as { organization: { description: string } }).organization.description;
  };
  /** The replica has replayed everything the primary wrote until now. */
  const caughtUp = async () => {
    const lsn = (await sqlOn<{ lsn: string }>(primaryUrl, 'select pg_current_wal_lsn()::text as lsn'))[0]!.lsn;
    await until('the replica replays up to the primary', async () => {
      const [row] = await sqlOn<{ done: boolean }>(
        replicaUrl,
        'select pg_last_wal_replay_lsn() >= $1::pg_lsn as done',
        [lsn],
      );
      return row?.done === true;
    });
  };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'modelgraph-replica-'));
    if (process.getuid?.() === 0) await chown(folder, ...(await postgresIds()));
    const primaryDir = path.join(folder, 'primary');
    dataDir = path.join(folder, 'replica');
    // A primary of the suite's own: cloning the shared test server would copy every database on it (gigabytes
    // once the benchmark graphs are there). Same binaries; initdb's pg_hba.conf allows replication from loopback.
    await asPostgres('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
    const primaryPort = await freePort();
    await appendFile(
      path.join(primaryDir, 'postgresql.conf'),
      [
        '',
        `port = ${primaryPort}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${folder}'`,
        'wal_level = replica',
        'max_wal_senders = 10',
        '',
      ].join('\n'),
    );
    await asPostgres('pg_ctl', ['-D', primaryDir, '-l', path.join(folder, 'primary.log'), '-w', '-t', '60', 'start']);
    primaryRunning = primaryDir;
    const server = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    primaryUrl = (await createThrowawayDatabase(server, 'modelgraph_replica')).url;
    const setup = await createDatabase({ url: primaryUrl });
    try {
      await prepareDatabase(setup, { seed: 'curated' });
    } finally {
      await setup.close();
    }

    try {
      await asPostgres('pg_basebackup', [
        ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '--no-password'],
        ...['-D', dataDir, '-R', '-X', 'stream', '-c', 'fast'],
      ]);
    } catch (error) {
      throw new Error(`pg_basebackup failed:\n${String((error as { stderr?: string }).stderr ?? error)}`);
    }
    // The clone has the primary's configuration (and -R's primary_conninfo); it listens on a port of its own.
    const port = await freePort();
    await appendFile(path.join(dataDir, 'postgresql.conf'), `\nport = ${port}\nhot_standby = on\n`);
    await asPostgres('pg_ctl', ['-D', dataDir, '-l', path.join(folder, 'replica.log'), '-w', '-t', '60', 'start']);
    replicaRunning = true;

    const replica = new URL(primaryUrl);
    replica.port = String(port);
    replicaUrl = replica.toString();
    await until('the replica accepts connections in recovery', async () => {
      const [row] = await sqlOn<{ recovery: boolean }>(replicaUrl, 'select pg_is_in_recovery() as recovery');
      return row?.recovery === true;
    });
    editor = (await apiKeys((database = await createDatabase({ url: primaryUrl, replicaUrls: [replicaUrl] })))).editor;
    await caughtUp();
    app = createApp({ database, graphiql: false, readRouting: { stickyMs: 600_000 } });
    resolversApp = createApp({ database, graphiql: false, compiledQueries: false, readRouting: { stickyMs: 0 } });
  }, 180_000);

  afterAll(async () => {
    await database?.close().catch(() => {});
    if (replicaRunning) await asPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    if (primaryRunning)
      await asPostgres('pg_ctl', ['-D', primaryRunning, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    // The whole cluster, primary and replica, goes with the folder.
    if (folder) await rm(folder, { recursive: true, force: true });
  }, 60_000);

  test('queries read the replica; a mutation and its payload use the primary; its client then reads the primary', async () => {
    expect(await description(app)).toBe(await description(resolversApp));
    const before = await description(app);

    // From here the replica stays at the old value until replay resumes.
    await sqlOn(replicaUrl, 'select pg_wal_replay_pause()');
    const marker = `written through the primary ${Date.now()}`;
    const written = await executeAs(app, editor, UPDATE, { input: { where: { slug: 'openai' }, description: marker } });
    expect(written.body).toEqual({
      data: { updateOrganization: { __typename: 'OrganizationPayload', organization: { description: marker } } },
    });
    expect((await sqlOn(primaryUrl, `select description from organization where slug = 'openai'`))[0]).toEqual({
      description: marker,
    });

    // Anonymous clients read the replica: the old value, by both the compiled SQL and the resolvers.
    expect(await description(app)).toBe(before);
    expect(await description(resolversApp)).toBe(before);
    // The client that wrote reads its own write (stickiness after a mutation), from the primary.
    expect(await description(app, editor)).toBe(marker);
    // The replica was used, and by this process's pool (its connections are named modelgraph-<pid>-...).
    const [stats] = database!.replicas!.stats();
    expect(stats).toMatchObject({ name: 'replica-1', up: true, fallbacks: 0 });
    expect(stats!.statements).toBeGreaterThan(0);
    const named = await sqlOn<{ count: number }>(
      replicaUrl,
      `select count(*)::int as count from pg_stat_activity where application_name like $1`,
      [`modelgraph-${process.pid}-%`],
    );
    expect(named[0]!.count).toBeGreaterThan(0);

    await sqlOn(replicaUrl, 'select pg_wal_replay_resume()');
    await caughtUp();
    expect(await description(app)).toBe(marker);
  });

  test.skipIf(!redisUp)(
    'two instances: a client that wrote through A reads its write on B only when they share Redis',
    async () => {
      const keyPrefix = `modelgraph-test-${randomUUID()}:read-sticky:`;
      const redisClients = [
        openRedis({ url: REDIS_URL, keyPrefix: '' }, 'test-replicas-a'),
        openRedis({ url: REDIS_URL, keyPrefix: '' }, 'test-replicas-b'),
      ];
      try {
        for (const client of redisClients) await client.ping();
        // Each instance (or worker) has its own memory of the clients that wrote; with Redis they share it.
        const instance = (redis?: Redis) =>
          createApp({
            database: database!,
            graphiql: false,
            readRouting: { stickyMs: 600_000, redis: redis && { client: redis, keyPrefix } },
          });
        const [alone, aloneToo] = [instance(), instance()];
        const [a, b] = redisClients.map(instance);
        const before = await description(a!);

        await sqlOn(replicaUrl, 'select pg_wal_replay_pause()');
        const update = (target: App, marker: string) =>
          executeAs(target, editor, UPDATE, { input: { where: { slug: 'openai' }, description: marker } });

        const unshared = `written through an instance without Redis ${Date.now()}`;
        expect((await update(alone, unshared)).body.errors).toBeUndefined();
        expect(await description(alone, editor)).toBe(unshared);
        // The other instance does not know the client wrote: it reads the replica, which lags.
        expect(await description(aloneToo, editor)).toBe(before);

        const shared = `written through instance A ${Date.now()}`;
        expect((await update(a!, shared)).body.errors).toBeUndefined();
        // Instance B learns from Redis that the client wrote: it reads the primary.
        expect(await description(b!, editor)).toBe(shared);
        // Anyone else still reads the replica on B.
        expect(await description(b!)).toBe(before);

        await sqlOn(replicaUrl, 'select pg_wal_replay_resume()');
        await caughtUp();
        expect(await description(b!)).toBe(shared);
      } finally {
        await sqlOn(replicaUrl, 'select pg_wal_replay_resume()').catch(() => {});
        const keys = await redisClients[0]!.keys(`${keyPrefix}*`);
        if (keys.length) await redisClients[0]!.del(keys);
        for (const client of redisClients) client.disconnect();
      }
    },
  );

  test.skipIf(!redisUp)(
    'npm start -- --workers 2 with REDIS_URL: a client that wrote through one worker reads its write on the other',
    { timeout: 180_000 },
    async () => {
      const keyPrefix = `modelgraph-test-${randomUUID()}:`;
      const server = await startServer(
        {
          DATABASE_URL: primaryUrl,
          DATABASE_REPLICA_URLS: replicaUrl,
          DATABASE_REPLICA_STICKY_MS: '600000',
          REDIS_URL,
          REDIS_KEY_PREFIX: keyPrefix,
          // Anonymous answers would be cached in Redis; this test is about where reads go.
          RESPONSE_CACHE: 'false',
          RATE_LIMIT_REQUESTS: '0',
          LOG_FORMAT: 'json',
        },
        'workers serving GraphQL',
        { args: ['--workers', '2'] },
      );
      const connections: Connection[] = [];
      try {
        await caughtUp();
        // Two connections that the cluster handed to different workers (it hands each new one to the next).
        const a = await openConnection(server.port);
        connections.push(a);
        let b: Connection | undefined;
        for (let attempt = 0; attempt < 20 && !b; attempt++) {
          const next = await openConnection(server.port);
          connections.push(next);
          if (next.worker !== a.worker) b = next;
        }
        expect(b, 'a connection to the other worker').toBeDefined();
        const read = async (on: Connection, token?: string) => {
          const body = await on.graphql(DESCRIPTION, {}, token);
          expect(body.errors, JSON.stringify(body)).toBeUndefined();
          return (body.data as { organization: { description: string } }).organization.description;
        };
        const before = await read(b!);

        await sqlOn(replicaUrl, 'select pg_wal_replay_pause()');
        const marker = `written through worker ${a.worker} ${Date.now()}`;
        expect(await a.graphql(UPDATE, { input: { where: { slug: 'openai' }, description: marker } }, editor)).toEqual({
          data: { updateOrganization: { __typename: 'OrganizationPayload', organization: { description: marker } } },
        });
        // The other worker never saw the mutation: it learns from Redis that this client wrote, and reads the primary.
        expect(await read(b!, editor)).toBe(marker);
        // Anyone else reads the replica there, which has not replayed the write.
        expect(await read(b!)).toBe(before);
        // Every request of a connection went over its one socket, so to the worker its /metrics named.
        for (const connection of connections) expect(connection.sockets()).toBe(1);
      } finally {
        for (const connection of connections) connection.close();
        await sqlOn(replicaUrl, 'select pg_wal_replay_resume()').catch(() => {});
        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
        await dropRedisKeys(keyPrefix);
      }
      await caughtUp();
    },
  );

  test('the response cache: an answer a lagging replica gave after the eviction goes once the replica replayed the write', async () => {
    const live = await startLiveData({ database: database!, databaseUrl: primaryUrl, responseCache: true });
    try {
      const cached = createApp({
        database: database!,
        graphiql: false,
        live,
        responseCache: { ttlMs: 600_000 },
        readRouting: { stickyMs: 0 },
      });
      const anonymous = async () => {
        const { data, hit } = await read(cached, DESCRIPTION);
        return { description: (data as { organization: { description: string } }).organization.description, hit };
      };
      await caughtUp();
      const before = (await anonymous()).description;
      expect(await anonymous()).toEqual({ description: before, hit: true });

      await sqlOn(replicaUrl, 'select pg_wal_replay_pause()');
      const marker = `written while the cache holds the old value ${Date.now()}`;
      const written = await executeAs(cached, editor, UPDATE, {
        input: { where: { slug: 'openai' }, description: marker },
      });
      expect(written.body.errors).toBeUndefined();
      // The change feed evicts the answer at the commit; the next read, from the paused replica, caches the old value.
      await until('the answer evicted', async () => (await anonymous()).hit === false);
      expect(await anonymous()).toEqual({ description: before, hit: true });

      await sqlOn(replicaUrl, 'select pg_wal_replay_resume()');
      await caughtUp();
      // Once the replica has replayed the write, that answer is evicted too: the next read has the new value.
      await until('the new value', async () => (await anonymous()).description === marker);
    } finally {
      await sqlOn(replicaUrl, 'select pg_wal_replay_resume()').catch(() => {});
      await live.close();
    }
  });

  test('/ready and /metrics show the replica', async () => {
    const ready = await app.fetch('http://modelgraph.test/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      replicas: [{ name: 'replica-1', address: expect.stringContaining(`127.0.0.1:`), up: true }],
    });
    const metrics = await (await app.fetch('http://modelgraph.test/metrics')).text();
    expect(metrics).toContain('modelgraph_db_replica_up{replica="replica-1"} 1');
    expect(metrics).toMatch(/modelgraph_db_replica_statements_total\{replica="replica-1"\} [1-9]/);
  });

  test('with the replica stopped, queries still answer, from the primary; the replica is marked down', async () => {
    await asPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    replicaRunning = false;
    const marker = (
      await sqlOn<{ d: string }>(primaryUrl, `select description as d from organization where slug = 'openai'`)
    )[0]!.d;
    expect(await description(app)).toBe(marker);
    expect(await description(resolversApp)).toBe(marker);
    const [stats] = database!.replicas!.stats();
    expect(stats).toMatchObject({ up: false });
    expect(stats!.fallbacks).toBeGreaterThan(0);
    const ready = await app.fetch('http://modelgraph.test/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, replicas: [{ name: 'replica-1', up: false }] });
  });
});

/** The uid and gid of the `postgres` user, who runs the server and must own the clone. */
async function postgresIds(): Promise<[number, number]> {
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: group } = await run('id', ['-g', 'postgres']);
  return [Number(stdout.trim()), Number(group.trim())];
}

type Connection = {
  /** The node:cluster worker serving this connection (the `worker` label of its /metrics). */
  worker: string;
  graphql(query: string, variables?: Record<string, unknown>, token?: string): Promise<Record<string, unknown>>;
  /** Sockets its requests used: 1 while the server kept the connection open. */
  sockets(): number;
  close(): void;
};

/**
 * One keep-alive HTTP connection to a server started with --workers: node:cluster hands a connection to one
 * worker, so every request over it reaches that worker, which its first request (GET /metrics) names.
 */
async function openConnection(port: number): Promise<Connection> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<unknown>();
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<string>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(text));
      });
      request.on('socket', (socket) => sockets.add(socket));
      request.on('error', reject);
      request.end(body);
    });
  const worker = /\{worker="(\d+)"/.exec(await send('GET', '/metrics'))?.[1];
  if (!worker) throw new Error('/metrics has no worker label: is the server running --workers?');
  return {
    worker,
    graphql: async (query, variables = {}, token) =>
      JSON.parse(
        await send(
          'POST',
          '/graphql',
          { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          JSON.stringify({ query, variables }),
        ),
      ) as Record<string, unknown>,
    sockets: () => sockets.size,
    close: () => agent.destroy(),
  };
}
