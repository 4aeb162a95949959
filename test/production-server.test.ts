/**
 * The production switches as `npm start` reads them from the environment (src/config.ts -> src/server.ts ->
 * src/http/): one real server process with a small rate limit, the allow-list of persisted operations, a small
 * body limit, CSRF prevention (on by default) and CORS for one origin.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { loadManifest } from '../src/http/persisted.ts';
import { freePort, spawnServer } from './helpers/server-process.ts';

let child: ChildProcess;
let dataDir: string;
let base: string;
let output = '';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'modelgraph-prod-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawnServer({
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    RATE_LIMIT_REQUESTS: '5',
    RATE_LIMIT_WINDOW_S: '3600',
    PERSISTED_OPERATIONS: 'allow-list',
    MAX_REQUEST_BODY_BYTES: '2048',
    CORS_ORIGINS: 'https://a.example',
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  while (!output.includes('serving GraphQL')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body,
  });

type Body = { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };

test('the defaults are the documented ones', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({
    graphiql: true,
    introspection: true,
    rateLimit: { requests: 600, windowSeconds: 60 },
    trustProxyHops: 0,
    maxRequestBodyBytes: 1_048_576,
    persistedOperations: { mode: 'apq', manifest: undefined, apqCacheBytes: 16 * 1024 * 1024 },
    csrfPrevention: true,
    corsOrigins: ['*'],
    metrics: true,
  });
  expect(loadConfig({ RATE_LIMIT_REQUESTS: '0', CORS_ORIGINS: 'none' })).toMatchObject({
    rateLimit: undefined,
    corsOrigins: [],
  });
  expect(loadConfig({ CORS_ORIGINS: ' https://a.example ,https://b.example' }).corsOrigins).toEqual([
    'https://a.example',
    'https://b.example',
  ]);
  const bad = () => loadConfig({ PERSISTED_OPERATIONS: 'strict', MAX_REQUEST_BODY_BYTES: '10' });
  expect(bad).toThrow(/PERSISTED_OPERATIONS/);
  expect(bad).toThrow(/MAX_REQUEST_BODY_BYTES/);
});

test('a server started with production settings enforces them', { timeout: 60_000 }, async () => {
  const manifest = await loadManifest();
  const [hash] = [...manifest].find(([, query]) => query.includes('Tulu3405B'))!;
  const persisted = JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

  // 1: a document is refused (allow-list), with a request id in the header, the body and the log.
  const document = await post(JSON.stringify({ query: '{ __typename }' }), { 'x-request-id': 'prod-test-1' });
  expect(document.status).toBe(400);
  const refused = (await document.json()) as Body & { extensions?: { requestId?: string } };
  expect(refused.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  expect(refused.extensions?.requestId).toBe('prod-test-1');
  expect(document.headers.get('x-request-id')).toBe('prod-test-1');

  // 2: a manifest operation by hash runs; CORS allows the configured origin.
  const byHash = await post(persisted, { origin: 'https://a.example' });
  expect(byHash.headers.get('access-control-allow-origin')).toBe('https://a.example');
  expect(((await byHash.json()) as Body).data.model.name).toBe('Tülu 3 405B');

  // 3: a GET without a CSRF header is refused.
  const extensions = JSON.stringify(JSON.parse(persisted).extensions);
  const get = await fetch(`${base}/graphql?extensions=${encodeURIComponent(extensions)}`);
  expect(get.status).toBe(403);

  // 4: a body over 2048 bytes is refused unread.
  expect((await post(JSON.stringify({ query: `# ${'x'.repeat(4096)}\n{ __typename }` }))).status).toBe(413);

  // 5: the last request of the budget; 6: over it.
  expect((await post(persisted)).status).toBe(200);
  const limited = await post(persisted);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(((await limited.json()) as Body).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');

  // Metrics and probes are not limited, and saw all of it.
  expect((await fetch(`${base}/health`)).status).toBe(200);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  for (const [status, count] of [
    ['200', 2],
    ['400', 1],
    ['413', 1],
    ['429', 1],
  ] as const) {
    expect(metrics).toContain(
      `modelgraph_http_requests_total{route="/graphql",method="POST",status="${status}"} ${count}`,
    );
  }
  expect(metrics).toContain('modelgraph_http_requests_total{route="/graphql",method="GET",status="403"} 1');
  expect(metrics).toContain('modelgraph_graphql_errors_total{code="RATE_LIMITED"} 1');

  // The log line of request 1 carries its id.
  const lines = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { requestId?: string; msg?: string });
  expect(lines.some((line) => line.requestId === 'prod-test-1')).toBe(true);
});
