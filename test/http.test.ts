/**
 * The HTTP surface: GraphQL over HTTP compliance (graphql-http's audits), health and readiness, GraphiQL
 * served without a network (compressed, one tab, examples listed apart), error masking and query limits.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadExampleOperations } from '../src/graphql/operations.ts';
import { pickEncoding } from '../src/http/conditional.ts';
import { createApp } from '../src/yoga.ts';
import { type TestBackend, describeEachBackend, openBackend } from './helpers/backends.ts';
import { execute } from './helpers/graphql.ts';

describeEachBackend('HTTP', (backend) => {
  describe('GraphQL over HTTP audits (graphql-http)', () => {
    // The audits are listed before the backend opens; each one fetches through the app when it runs.
    for (const audit of serverAudits({
      url: 'http://modelgraph.test/graphql',
      // Yoga's fetch has its own (whatwg-node) Request types; at run time they are the platform's.
      fetchFn: ((input: string, init?: RequestInit) => backend().app.fetch(input, init as never)) as never,
    })) {
      test(audit.name, async () => {
        const result = await audit.fn();
        // MUST requirements have to pass; a SHOULD may only warn.
        if (audit.name.startsWith('MUST')) expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
        else expect(result.status, 'reason' in result ? result.reason : '').not.toBe('error');
      });
    }
  });

  test('/health answers even when the database is down; /ready answers only while it is up', async () => {
    const { app } = backend();
    expect((await app.fetch('http://modelgraph.test/health')).status).toBe(200);
    expect((await app.fetch('http://modelgraph.test/ready')).status).toBe(200);
    // By its path, with a query string too (a prober's cache buster); other paths are not the check.
    expect((await app.fetch('http://modelgraph.test/ready?probe=1')).status).toBe(200);
    expect((await app.fetch('http://modelgraph.test/ready/')).status).toBe(404);
    const broken = await openBackend(backend().kind);
    try {
      await broken.database.close();
      expect((await broken.app.fetch('http://modelgraph.test/health')).status).toBe(200);
      const ready = await broken.app.fetch('http://modelgraph.test/ready');
      expect(ready.status).toBe(503);
      // The reason in plain words, not the driver's error.
      expect(await ready.json()).toEqual({ ready: false, reason: 'The database does not answer.' });
    } finally {
      await broken.close();
    }
  });

  test('unexpected failures are masked: no message, stack or SQL leaks', async () => {
    // Force a driver error by closing the database of a throwaway app.
    const broken = await openBackend(backend().kind);
    try {
      await broken.database.close();
      const response = await execute(broken.app, '{ models(first: 1) { nodes { name } } }');
      expect(response.status).toBe(200);
      expect(response.body.errors?.[0]?.message).toBe('Unexpected error.');
      const text = JSON.stringify(response.body);
      expect(text).not.toMatch(/select |stack|at .*\.ts:\d+/i);
    } finally {
      await broken.close();
    }
  });

  test('a query above the complexity limit is refused before execution', async () => {
    const { app, statements } = backend();
    statements.reset();
    const response = await execute(
      app,
      '{ organizations(first: 100) { nodes { models(first: 100) { nodes { results(first: 100) { nodes { value } } } } } } }',
    );
    expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(response.body.errors?.[0]?.message).toMatch(/complexity is \d+, above the limit of 50000/);
    expect(statements.count).toBe(0);
  });

  describe('malformed input is a client error, never a 500', () => {
    const get = (query: string) =>
      backend().app.fetch(`http://modelgraph.test/graphql?${query}`, { headers: { accept: 'application/json' } });

    test.each(['variables', 'extensions'])('GET with %s that are not JSON -> 400 BAD_REQUEST', async (param) => {
      const response = await get(`query=${encodeURIComponent('{__typename}')}&${param}=%7B`);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(response.status).toBe(400);
      expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
      expect(body.errors[0]!.message).toMatch(/must be JSON objects/);
    });

    test.each([
      ['fields', (n: number) => `{${'a{'.repeat(n)}a${'}'.repeat(n + 1)}`],
      ['list values', (n: number) => `{ models(first: ${'['.repeat(n)}${']'.repeat(n)}) { totalCount } }`],
    ])('a document nesting %s thousands deep is refused before parsing recursively', async (_, doc) => {
      const response = await execute(backend().app, doc(3000));
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
      expect(response.body.errors?.[0]?.message).toMatch(/more than 64 deep/);
      // Shallow nesting goes on to validation as usual.
      const shallow = await execute(backend().app, doc(20));
      expect(shallow.body.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    });

    test('a variable a custom scalar refuses is BAD_USER_INPUT with the reason', async () => {
      const response = await execute(backend().app, 'query ($u: URL) { source(url: $u) { slug } }', { u: 'notaurl' });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(response.body.errors?.[0]?.message).toMatch(/Variable "\$u" got invalid value "notaurl".*URL/);
    });

    test.each([
      ['not provided', {}, /Variable "\$s" of required type "String!" was not provided/],
      ['null', { s: null }, /Variable "\$s" of non-null type "String!" must not be null/],
    ])('a required variable %s is BAD_USER_INPUT with the reason', async (_, variables, reason) => {
      const response = await execute(backend().app, 'query ($s: String!) { model(slug: $s) { slug } }', variables);
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(response.body.errors?.[0]?.message).toMatch(reason);
    });

    test('a subscription of nothing but __typename is a validation error', async () => {
      const response = await execute(backend().app, 'subscription { __typename }');
      expect(response.status).toBe(400);
      expect(response.body.errors).toMatchObject([
        {
          message: 'Anonymous Subscription must not select an introspection top level field.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
    });

    test.each([['text/plain'], ['application/xml'], [null]])(
      'a body of a type no parser reads (%s) -> 415 UNSUPPORTED_MEDIA_TYPE naming the types read',
      async (type) => {
        const response = await backend().app.fetch('http://modelgraph.test/graphql', {
          method: 'POST',
          headers: { accept: 'application/json', ...(type ? { 'content-type': type } : {}) },
          body: new Blob([JSON.stringify({ query: '{ __typename }' })]).stream(),
          duplex: 'half',
        } as RequestInit);
        expect(response.status).toBe(415);
        const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
        expect(body.errors[0]).toMatchObject({ extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
        expect(body.errors[0]!.message).toMatch(/cannot be read: send one of application\/json/);
      },
    );

    test('a page size far above the maximum is BAD_USER_INPUT, not QUERY_TOO_COMPLEX', async () => {
      const response = await execute(backend().app, '{ models(first: 2147483647) { nodes { slug } } }');
      expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    });

    test('a NUL character in text is BAD_USER_INPUT without a hint about cursors', async () => {
      const response = await execute(backend().app, 'query ($s: String!) { model(slug: $s) { slug } }', {
        s: 'a\u0000b',
      });
      expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(response.body.errors?.[0]?.message).toBe('Text in the request cannot contain the NUL character (U+0000).');
    });
  });

  test.each([
    ['aliases', Array.from({ length: 40 }, (_, i) => `a${i}: metrics { slug }`).join(' '), /Aliases limit of 30/],
    ['directives', `metrics { slug ${'@include(if: true) '.repeat(25)}}`, /Directives limit of 20/],
  ])('too many %s are a validation error (400, GRAPHQL_VALIDATION_FAILED)', async (_, selections, message) => {
    const response = await execute(backend().app, `{ ${selections} }`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(response.body.errors?.[0]?.message).toMatch(message);
  });
});

describe('GraphiQL', () => {
  let backend: TestBackend & { close(): Promise<void> };
  beforeAll(async () => {
    backend = await openBackend('pglite');
  });
  afterAll(() => backend?.close());

  test('is served from the package, with no network reference, and opens with one example tab', async () => {
    const operations = await loadExampleOperations();
    expect(operations.length).toBeGreaterThan(1);
    const app = createApp({ database: backend.database, exampleOperations: operations });
    const response = await app.fetch('http://modelgraph.test/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html');
    // No asset from a CDN: every script and stylesheet is inline.
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
    // One default tab (26 overflowed the tab strip); every example can be opened from the page's script.
    const options = JSON.parse(
      /renderYogaGraphiQL\(\s*window\.document\.querySelector\('#root'\),\s*(\{.*\}),\s*\)/.exec(html)![1]!,
    );
    expect(options.defaultTabs).toHaveLength(1);
    expect(options.defaultTabs[0].query).toContain(operations[0]!.query);
    const examples = JSON.parse(/const examples = (\{.*\});/.exec(html)![1]!.replaceAll('<\\/', '</'));
    expect(Object.keys(examples)).toEqual(operations.map((op) => op.name));
    for (const op of operations)
      expect(examples[op.name]).toEqual({ query: op.query, variables: op.variables ?? null });
  });

  test('is compressed once, in the encoding the browser prefers, and revalidated by its ETag', async () => {
    const app = createApp({ database: backend.database, exampleOperations: await loadExampleOperations() });
    const page = (encoding: string, extra: Record<string, string> = {}) =>
      app.fetch('http://modelgraph.test/graphql', {
        headers: { accept: 'text/html', 'accept-encoding': encoding, ...extra },
      });
    const plain = await page('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const html = Buffer.from(await plain.arrayBuffer());
    const br = await page('gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(brotliDecompressSync(brBody).equals(html)).toBe(true);
    expect(brBody.length).toBeLessThan(html.length / 3);
    const gz = await page('gzip;q=1, br;q=0');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(html)).toBe(true);
    const etag = br.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect([gz.headers.get('etag'), plain.headers.get('etag')]).toEqual([etag, etag]);
    expect(br.headers.get('cache-control')).toBe('no-cache');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    const revalidated = await page('br', { 'if-none-match': `W/${etag}` });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
  });

  test('/examples lists every example operation with what it asks and a link that opens it', async () => {
    const operations = await loadExampleOperations();
    const app = createApp({ database: backend.database, exampleOperations: operations });
    const response = await app.fetch('http://modelgraph.test/examples');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    const links = [...html.matchAll(/<a href="\/graphql\?example=([^"]+)">/g)].map((m) => decodeURIComponent(m[1]!));
    expect(links).toEqual(operations.map((op) => op.name));
    expect(html).toContain('Which models descend from Llama 3.1 405B? Two levels of lineage');
  });

  test('picks the encoding from Accept-Encoding, honouring q=0', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('BR;q=0.5')).toBe('br');
    expect(pickEncoding('deflate')).toBe('identity');
    expect(pickEncoding(null)).toBe('identity');
  });

  test('can be turned off', async () => {
    const app = createApp({ database: backend.database, graphiql: false });
    const response = await app.fetch('http://modelgraph.test/graphql', { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toContain('<html');
    expect((await app.fetch('http://modelgraph.test/examples')).status).toBe(404);
  });
});
