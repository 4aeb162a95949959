/**
 * The production layer of the HTTP app (src/http/): rate limiting, the body limit, persisted operations,
 * introspection and CSRF switches, CORS, metrics and request ids. No test depends on time: the rate limit is
 * small enough, and its window long enough, that N+1 requests in a row are refused however slow the machine.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadExampleOperations } from '../src/graphql/operations.ts';
import { type HttpOptions } from '../src/http/index.ts';
import { createMetrics } from '../src/http/metrics.ts';
import { buildManifest, defaultManifestPath, loadManifest, sha256 } from '../src/http/persisted.ts';
import { clientAddress } from '../src/http/rate-limit.ts';
import { createLogger } from '../src/logger.ts';
import { openRedis, redisKey } from '../src/redis.ts';
import { loadConfig } from '../src/config.ts';
import { randomBytes } from 'node:crypto';
import { type App, createApp } from '../src/yoga.ts';
import { openBackend, postgresUrl, type TestBackend } from './helpers/backends.ts';

const URL_ = 'http://modelgraph.test/graphql';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Body = {
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
};

let backend: TestBackend & { close(): Promise<void> };
beforeAll(async () => {
  backend = await openBackend('pglite');
});
afterAll(() => backend?.close());

const appWith = (http: HttpOptions, extra: Partial<Parameters<typeof createApp>[0]> = {}) =>
  createApp({ database: backend.database, graphiql: false, http, ...extra });

/** A Node server context, as `createServer(yoga)` passes it, with the socket's address. */
const fromAddress = (remoteAddress: string) => ({ req: { socket: { remoteAddress } } });

async function post(app: App, body: unknown, headers: Record<string, string> = {}, serverContext: object = {}) {
  return app.fetch(
    URL_,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    serverContext,
  );
}

describe('rate limit', () => {
  const query = { query: '{ organizations(first: 1) { nodes { slug } } }' };

  test('the request after the limit gets 429, Retry-After and RATE_LIMITED; other clients and probes go on', async () => {
    const app = appWith({ rateLimit: { requests: 3, windowSeconds: 3600 } });
    const a = fromAddress('203.0.113.1');
    for (let i = 0; i < 3; i++) expect((await post(app, query, {}, a)).status).toBe(200);
    const refused = await post(app, query, {}, a);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    const body = (await refused.json()) as Body;
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Too many requests: a client may send 3 requests every 3600 s/),
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
    });
    expect(body.extensions?.requestId).toBe(refused.headers.get('x-request-id'));
    // Another address has its own budget; a credential is its own client (this one is unknown: 401, not 429).
    expect((await post(app, query, {}, fromAddress('203.0.113.2'))).status).toBe(200);
    const keyed = await post(app, query, { authorization: 'Bearer mg_00000000000000000000000000000000' }, a);
    expect(keyed.status).toBe(401);
    // Probes are never counted.
    expect((await app.fetch('http://modelgraph.test/health', {}, a)).status).toBe(200);
    expect((await app.fetch('http://modelgraph.test/ready', {}, a)).status).toBe(200);
  });

  test('behind trusted proxies the client is the address the nearest proxy saw, not what the client wrote', () => {
    const request = new Request(URL_, { headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.2' } });
    const socket = fromAddress('10.0.0.3');
    expect(clientAddress(request, socket, 0)).toBe('10.0.0.3');
    expect(clientAddress(request, socket, 1)).toBe('10.0.0.2');
    expect(clientAddress(request, socket, 2)).toBe('198.51.100.7');
  });

  test('with Redis, two instances share one budget per client; Redis gone, each counts for itself and warns', async () => {
    // The REDIS_URL of the environment, else the local Redis; a key prefix of this run's own.
    const redisOptions = {
      url: loadConfig().redis?.url ?? 'redis://127.0.0.1:6379',
      keyPrefix: `modelgraph-test-${process.pid}-${randomBytes(4).toString('hex')}:`,
    };
    const clients = [openRedis(redisOptions, 'test-rate-limit-a'), openRedis(redisOptions, 'test-rate-limit-b')];
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
    try {
      // Until its connection is ready, an instance counts in memory (it does not wait for Redis).
      for (let attempt = 0; attempt < 300 && clients.some((client) => client.status !== 'ready'); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const [a, b] = clients.map((client) =>
        appWith({
          rateLimit: {
            requests: 4,
            windowSeconds: 3600,
            redis: { client, keyPrefix: redisKey(redisOptions, 'rate-limit'), logger },
          },
        }),
      );
      const client = fromAddress('203.0.113.20');
      for (const app of [a!, b!, a!, b!]) expect((await post(app, query, {}, client)).status).toBe(200);
      expect((await post(a!, query, {}, client)).status).toBe(429);
      expect((await post(b!, query, {}, client)).status).toBe(429);
      // Counted in Redis, under the prefix.
      const keys = await clients[0]!.keys(`${redisOptions.keyPrefix}*`);
      expect(keys).toEqual([`${redisOptions.keyPrefix}rate-limit:ip:203.0.113.20`]);
      expect(logged).toBe('');

      // Without Redis, requests are not refused for it: instance b counts in its own memory.
      clients[1]!.disconnect();
      const other = fromAddress('203.0.113.21');
      for (let i = 0; i < 4; i++) expect((await post(b!, query, {}, other)).status).toBe(200);
      expect((await post(b!, query, {}, other)).status).toBe(429);
      expect(logged).toMatch(/Redis does not answer: rate limits are counted in this process only/);
    } finally {
      const keys = await clients[0]!.keys(`${redisOptions.keyPrefix}*`);
      if (keys.length) await clients[0]!.del(...keys);
      for (const client of clients) client.disconnect();
    }
  });

  test('without options there is no limit', async () => {
    const app = appWith({});
    for (let i = 0; i < 5; i++) expect((await post(app, query, {}, fromAddress('203.0.113.9'))).status).toBe(200);
  });
});

describe('request body limit', () => {
  const small = JSON.stringify({ query: '{ __typename }' });
  /** Valid JSON of about `bytes` bytes: a padded variable. */
  const sized = (bytes: number) => JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes) } });

  test('a body announced larger than the limit gets 413 PAYLOAD_TOO_LARGE', async () => {
    const app = appWith({ maxRequestBodyBytes: 4096 });
    expect((await post(app, small)).status).toBe(200);
    const response = await post(app, sized(5000));
    expect(response.status).toBe(413);
    const body = (await response.json()) as Body;
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(body.errors?.[0]?.message).toMatch(/larger than 4096 bytes/);
  });

  test('a chunked body (no Content-Length) is cut off once past the limit, not parsed', async () => {
    const app = appWith({ maxRequestBodyBytes: 4096 });
    // Not even JSON: parsing it would answer 400; the limit answers first.
    const chunk = new TextEncoder().encode('{'.repeat(1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await app.fetch(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    const body = (await response.json()) as Body;
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/larger than 4096 bytes/),
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
    // It stopped reading soon after the limit instead of taking all 64 chunks.
    expect(sent).toBeLessThan(64);
    // A chunked body under the limit is read as usual.
    const under = await app.fetch(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: new Blob([small]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(under.status).toBe(200);
  });

  test('by default the limit is 1 MiB', async () => {
    const app = appWith({});
    expect((await post(app, sized(1000 * 1000))).status).toBe(200);
    expect((await post(app, sized(1024 * 1024))).status).toBe(413);
  });
});

describe('persisted operations', () => {
  let manifest: Map<string, string>;
  beforeAll(async () => {
    manifest = await loadManifest();
  });

  const persisted = (hash: string, extra: Record<string, unknown> = {}) => ({
    ...extra,
    extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
  });

  test('the committed manifest is the example operations (npm run persisted:build)', async () => {
    const built = buildManifest(await loadExampleOperations());
    expect(JSON.parse(await readFile(defaultManifestPath, 'utf8'))).toEqual(built);
    expect(manifest.size).toBe(built.operations.length);
  });

  test('a manifest whose id is not the hash of its body is refused', async () => {
    const file = path.join(tmpdir(), `manifest-${process.pid}.json`);
    const [first] = buildManifest([{ name: 'x', query: 'query X { __typename }' }]).operations;
    await writeFile(
      file,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ ...first, body: 'query X { models { totalCount } }' }],
      }),
    );
    await expect(loadManifest(file)).rejects.toThrow(/not the SHA-256 of its body/);
  });

  describe('allow-list', () => {
    let app: App;
    beforeAll(() => {
      app = appWith({ persisted: { mode: 'allow-list', manifest } });
    });

    test("a manifest operation runs by its hash, with the same result as its document's", async () => {
      const [id, body] = [...manifest].find(([, query]) => query.includes('Tulu3405B'))!;
      const byHash = (await (await post(app, persisted(id))).json()) as Body;
      const byDocument = (await (await post(appWith({}), { query: body })).json()) as Body;
      expect(byHash.errors).toBeUndefined();
      expect(byHash.data).toEqual(byDocument.data);
      expect(byHash.data.model.name).toBe('Tülu 3 405B');
      // Over GET too (what a CDN can cache).
      const get = await app.fetch(
        `${URL_}?extensions=${encodeURIComponent(JSON.stringify(persisted(id).extensions))}`,
        { headers: { accept: 'application/json' } },
      );
      expect(((await get.json()) as Body).data).toEqual(byDocument.data);
    });

    test('any document is refused, even one of the manifest; unknown hashes are refused', async () => {
      for (const query of ['{ __typename }', [...manifest.values()][0]!]) {
        const response = await post(app, { query });
        expect(response.status).toBe(400);
        const body = (await response.json()) as Body;
        expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'PERSISTED_QUERY_ONLY' } });
        expect(body.errors?.[0]?.message).toMatch(/runs only persisted operations/);
      }
      const unknown = (await (await post(app, persisted(sha256('{ __typename }')))).json()) as Body;
      expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
      // A document sent with its hash (APQ registration) is refused too.
      const registration = await post(app, persisted(sha256('{ __typename }'), { query: '{ __typename }' }));
      expect(((await registration.json()) as Body).errors?.[0]).toMatchObject({
        extensions: { code: 'PERSISTED_QUERY_ONLY' },
      });
    });
  });

  describe('automatic persisted queries', () => {
    const query = '{ organizations(first: 2) { nodes { slug } } }';

    test('unknown hash, then document with hash, then hash alone', async () => {
      const app = appWith({ persisted: { mode: 'apq', manifest } });
      const hash = sha256(query);
      const miss = (await (await post(app, persisted(hash))).json()) as Body;
      expect(miss.errors?.[0]).toMatchObject({
        message: 'PersistedQueryNotFound',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      });
      const registered = (await (await post(app, persisted(hash, { query }))).json()) as Body;
      expect(registered.data.organizations.nodes).toHaveLength(2);
      const hit = (await (await post(app, persisted(hash))).json()) as Body;
      expect(hit).toEqual(registered);
      // Documents without a hash still run, and the manifest's hashes are known from the start.
      expect((await post(app, { query: '{ __typename }' })).status).toBe(200);
      const [id] = manifest.keys();
      expect(((await (await post(app, persisted(id!))).json()) as Body).errors).toBeUndefined();
    });

    test('a document answered before is still registered when it comes with its hash', async () => {
      const app = appWith({ persisted: { mode: 'apq', manifest } });
      const hash = sha256(query);
      // Twice without the hash: the second is a repeat, answered before parsing (src/graphql/compiled/plugin.ts).
      const plain = (await (await post(app, { query })).json()) as Body;
      expect(((await (await post(app, { query })).json()) as Body).data).toEqual(plain.data);
      expect(((await (await post(app, persisted(hash, { query }))).json()) as Body).data).toEqual(plain.data);
      const hit = (await (await post(app, persisted(hash))).json()) as Body;
      expect(hit.errors).toBeUndefined();
      expect(hit.data).toEqual(plain.data);
    });

    test('a hash that is not the document’s is refused; an invalid document is not registered', async () => {
      const app = appWith({ persisted: { mode: 'apq', manifest } });
      const mismatch = await post(app, persisted(sha256('{ other }'), { query }));
      expect(mismatch.status).toBe(400);
      expect(((await mismatch.json()) as Body).errors?.[0]).toMatchObject({
        extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' },
      });
      const invalid = '{ noSuchField }';
      const first = (await (await post(app, persisted(sha256(invalid), { query: invalid }))).json()) as Body;
      expect(first.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      const again = (await (await post(app, persisted(sha256(invalid)))).json()) as Body;
      expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    });

    test('with no cache bytes only the manifest is known', async () => {
      const app = appWith({ persisted: { mode: 'apq', manifest, apqCacheBytes: 0 } });
      const hash = sha256(query);
      expect((await post(app, persisted(hash, { query }))).status).toBe(200);
      const after = (await (await post(app, persisted(hash))).json()) as Body;
      expect(after.errors?.[0]).toMatchObject({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    });
  });
});

describe('introspection', () => {
  const introspect = { query: '{ __schema { queryType { name } } }' };

  test('is on by default and can be turned off; other queries still run', async () => {
    const on = (await (await post(appWith({}), introspect)).json()) as Body;
    expect(on.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const app = appWith({ introspection: false });
    const off = (await (await post(app, introspect)).json()) as Body;
    expect(off.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(off.errors?.[0]?.message).toMatch(/introspection/i);
    const typeName = (await (await post(app, { query: '{ __type(name: "Model") { name } }' })).json()) as Body;
    expect(typeName.errors?.[0]?.message).toMatch(/introspection/i);
    expect(((await (await post(app, { query: '{ __typename }' })).json()) as Body).data).toEqual({
      __typename: 'Query',
    });
  });
});

describe('CSRF prevention', () => {
  const get = (app: App, headers: Record<string, string> = {}) =>
    app.fetch(`${URL_}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', ...headers },
    });

  test('GET and form posts need a CSRF header; JSON posts do not', async () => {
    const app = appWith({ csrfPrevention: true });
    const refused = await get(app);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Body).errors?.[0]).toMatchObject({
      message: expect.stringMatching(/CSRF/),
      extensions: { code: 'CSRF_HEADER_REQUIRED' },
    });
    for (const header of ['x-graphql-csrf', 'x-graphql-yoga-csrf', 'apollo-require-preflight']) {
      expect((await get(app, { [header]: '1' })).status).toBe(200);
    }
    const form = await app.fetch(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: `query=${encodeURIComponent('{ __typename }')}`,
    });
    expect(form.status).toBe(403);
    expect((await post(app, { query: '{ __typename }' })).status).toBe(200);
    // Off (the app's default), a plain GET runs.
    expect((await get(appWith({}))).status).toBe(200);
  });

  test('GraphiQL is still served', async () => {
    const app = appWith({ csrfPrevention: true }, { graphiql: true });
    const page = await app.fetch(URL_, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });

  describe('GraphQL over HTTP audits with the server defaults (CSRF prevention, APQ), for a client that sends the header', () => {
    let current: App | undefined;
    for (const audit of serverAudits({
      url: URL_,
      fetchFn: (async (input: string, init?: RequestInit) => {
        current ??= appWith({
          csrfPrevention: true,
          persisted: { mode: 'apq', manifest: await loadManifest() },
        });
        const headers = new Headers(init?.headers);
        headers.set('x-graphql-csrf', '1');
        return current.fetch(input, { ...init, headers } as never);
      }) as never,
    })) {
      test(audit.name, async () => {
        const result = await audit.fn();
        // MUST requirements have to pass; a SHOULD may only warn (as in test/http.test.ts).
        if (audit.name.startsWith('MUST')) expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
        else expect(result.status, 'reason' in result ? result.reason : '').not.toBe('error');
      });
    }
  });
});

describe('CORS', () => {
  const fromOrigin = (app: App, origin: string) =>
    post(app, { query: '{ __typename }' }, { origin }).then((r) => r.headers.get('access-control-allow-origin'));

  test('any origin by default; a list allows only its origins; none sends no CORS headers', async () => {
    expect(await fromOrigin(appWith({}), 'https://anywhere.example')).toBe('https://anywhere.example');
    const listed = appWith({ corsOrigins: ['https://a.example', 'https://b.example'] });
    expect(await fromOrigin(listed, 'https://b.example')).toBe('https://b.example');
    expect(await fromOrigin(listed, 'https://evil.example')).toBe('null');
    expect(await fromOrigin(appWith({ corsOrigins: [] }), 'https://a.example')).toBeNull();
  });

  test('a preflight is answered, and the request id and Retry-After are readable by scripts', async () => {
    const app = appWith({ corsOrigins: ['https://a.example', 'https://b.example'] });
    const preflight = await app.fetch(URL_, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://a.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://a.example');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const response = await post(app, { query: '{ __typename }' }, { origin: 'https://a.example' });
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id, retry-after');
  });
});

describe('metrics', () => {
  const scrape = async (app: App) => {
    const response = await app.fetch('http://modelgraph.test/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  };
  const sample = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  test('counts requests, latencies and errors by code', async () => {
    const app = appWith({});
    await post(app, { query: '{ __typename }' });
    await post(app, { query: '{ model(slug: "no-such-model") { slug } }' });
    await post(app, { query: '{ noSuchField }' });
    const text = await scrape(app);
    expect(sample(text, 'modelgraph_http_requests_total{route="/graphql",method="POST",status="200"}')).toBe(2);
    expect(sample(text, 'modelgraph_http_requests_total{route="/graphql",method="POST",status="400"}')).toBe(1);
    expect(
      sample(text, 'modelgraph_http_request_duration_seconds_count{route="/graphql",method="POST",status="200"}'),
    ).toBe(2);
    expect(sample(text, 'modelgraph_graphql_errors_total{code="NOT_FOUND"}')).toBe(1);
    expect(sample(text, 'modelgraph_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(sample(text, 'modelgraph_sql_timeouts_total')).toBe(0);
    expect(text).toContain('modelgraph_process_resident_memory_bytes');
    // PGlite has no pool.
    expect(text).not.toContain('modelgraph_db_pool_connections');
    // Random paths share one label.
    await app.fetch('http://modelgraph.test/no/such/path');
    expect(sample(await scrape(app), 'modelgraph_http_requests_total{route="other",method="GET",status="404"}')).toBe(
      1,
    );
  });

  test('SQL timeouts and the pool', async () => {
    const { registry, plugin } = createMetrics({ poolStats: () => ({ total: 7, idle: 2, waiting: 3 }) });
    const timeout = new GraphQLError('cancelled', { extensions: { code: 'TIMEOUT' } });
    const unexpected = new GraphQLError('Unexpected error.');
    plugin.onResultProcess?.({ result: { errors: [timeout, unexpected] } } as never);
    plugin.onResultProcess?.({ result: [{ errors: [timeout] }, { data: {} }] } as never);
    const text = await registry.metrics();
    expect(sample(text, 'modelgraph_sql_timeouts_total')).toBe(2);
    expect(sample(text, 'modelgraph_graphql_errors_total{code="TIMEOUT"}')).toBe(2);
    expect(sample(text, 'modelgraph_graphql_errors_total{code="UNEXPECTED"}')).toBe(1);
    expect(sample(text, 'modelgraph_db_pool_connections{state="in_use"}')).toBe(5);
    expect(sample(text, 'modelgraph_db_pool_connections{state="idle"}')).toBe(2);
    expect(sample(text, 'modelgraph_db_pool_waiting')).toBe(3);
  });

  test.runIf(postgresUrl)('on PostgreSQL, the pool of the database the app serves', async () => {
    const postgres = await openBackend('postgres');
    try {
      // A transaction holds a connection while the metrics are read.
      const during = await postgres.database.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        return scrape(postgres.app);
      });
      expect(sample(during, 'modelgraph_db_pool_connections{state="in_use"}')).toBeGreaterThanOrEqual(1);
      const after = await scrape(postgres.app);
      expect(sample(after, 'modelgraph_db_pool_connections{state="in_use"}')).toBe(0);
      expect(sample(after, 'modelgraph_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
      expect(sample(after, 'modelgraph_db_pool_waiting')).toBe(0);
    } finally {
      await postgres.close();
    }
  });

  test('can be turned off', async () => {
    expect((await appWith({ metrics: false }).fetch('http://modelgraph.test/metrics')).status).toBe(404);
  });
});

describe('request id', () => {
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const text of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(text));
        done();
      },
    });
    return { lines, logger: createLogger({ logLevel: 'debug' }, stream) };
  }

  test('every response has one; a sane incoming id is kept, anything else replaced', async () => {
    const app = appWith({});
    const fresh = await post(app, { query: '{ __typename }' });
    expect(fresh.headers.get('x-request-id')).toMatch(UUID);
    const kept = await post(app, { query: '{ __typename }' }, { 'x-request-id': 'edge-4bf92f3577b34da6' });
    expect(kept.headers.get('x-request-id')).toBe('edge-4bf92f3577b34da6');
    for (const insane of ['two words', 'x'.repeat(200), '<script>', 'a\u00e9b']) {
      const replaced = await post(app, { query: '{ __typename }' }, { 'x-request-id': insane });
      expect(replaced.headers.get('x-request-id')).toMatch(UUID);
    }
    expect((await app.fetch('http://modelgraph.test/health')).headers.get('x-request-id')).toMatch(UUID);
  });

  test('every response with errors carries it, from validation to rate limits', async () => {
    const app = appWith({ rateLimit: { requests: 1, windowSeconds: 3600 } });
    const headers = { 'x-request-id': 'req-1' };
    const invalid = (await (await post(app, { query: '{ noSuchField }' }, headers)).json()) as Body;
    expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(invalid.extensions).toEqual({ requestId: 'req-1' });
    const limited = (await (await post(app, { query: '{ __typename }' }, { 'x-request-id': 'req-2' })).json()) as Body;
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.extensions).toEqual({ requestId: 'req-2' });
    // A response without errors has no extensions.
    const fine = (await (await post(appWith({}), { query: '{ __typename }' })).json()) as Body;
    expect(fine).toEqual({ data: { __typename: 'Query' } });
  });

  test("every log line of a request carries it, also an unexpected failure's", async () => {
    const broken = await openBackend('pglite');
    try {
      await broken.database.close();
      const { lines, logger } = capture();
      const app = createApp({ database: broken.database, logger, graphiql: false });
      const [first, second] = await Promise.all([
        post(app, { query: '{ models(first: 1) { nodes { slug } } }' }),
        post(app, { query: '{ models(first: 1) { nodes { slug } } }' }, { 'x-request-id': 'req-broken' }),
      ]);
      const ids = [first!.headers.get('x-request-id'), 'req-broken'];
      for (const [i, response] of [first!, second!].entries()) {
        const body = (await response.json()) as Body;
        expect(body.errors?.[0]).toMatchObject({ message: 'Unexpected error.' });
        expect(body.extensions).toEqual({ requestId: ids[i] });
      }
      const errors = lines.filter((line) => line.msg === 'unexpected error');
      expect(errors.length).toBeGreaterThanOrEqual(2);
      expect(new Set(errors.map((line) => line.requestId))).toEqual(new Set(ids));
      // Lines written outside a request have none.
      logger.info('outside');
      expect(lines.at(-1)).not.toHaveProperty('requestId');
    } finally {
      await broken.close();
    }
  });
});
