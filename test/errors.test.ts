/**
 * Bad input is the client's mistake and is answered as such: an error with a stable `extensions.code` and a
 * message that names what was wrong, never HTTP 500, the masked "Unexpected error.", a stack trace or SQL.
 * Also: Relay object identification (`node`/`nodes` refetch every node type by the `id` the API returned).
 */
import { GraphQLError } from 'graphql';
import { describe, expect, test } from 'vitest';
import { createMaskError } from '../src/graphql/mask-error.ts';
import type { App } from '../src/yoga.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { execute, expectData, expectErrors, type GraphQLResponse } from './helpers/graphql.ts';

const globalId = (type: string, key: string) => Buffer.from(`${type}:${key}`).toString('base64');

/** What a response must never contain: stack frames, SQL, driver or database names. */
function expectNoLeak(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\bat [\w$.<>[\]]+ \(/); // "at fn (file:line:col)"
  expect(text).not.toMatch(/\bat (file|node):/);
  expect(text).not.toMatch(/\.(ts|js|mjs|cjs):\d+:\d+/);
  expect(text).not.toMatch(/"stack"/);
  expect(text).not.toMatch(/select /i);
  expect(text).not.toMatch(/ from "/i);
  expect(text).not.toMatch(/postgres|pglite|drizzle|Failed query/i);
}

/** One error, the client's, with `code`; HTTP 200, the field null. */
async function expectClientError(app: App, query: string, code: string, variables?: Record<string, unknown>) {
  const response = await execute(app, query, variables);
  expect(response.status, query).toBe(200);
  expect(response.body.errors, query).toHaveLength(1);
  const [error] = response.body.errors ?? [];
  expect(error?.message, query).not.toBe('Unexpected error.');
  expect(error?.extensions?.code, `${query}\n${JSON.stringify(response.body)}`).toBe(code);
  expectNoLeak(response.body);
  return { error: error as NonNullable<typeof error>, response };
}

/** A POST as a client that only accepts `application/json` (the pre-graphql-response media type). */
async function postAcceptingJson(app: App, query: string) {
  const response = await app.fetch('http://modelgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
}

describeEachBackend('errors', (backend) => {
  describe('lookups by slug', () => {
    const lookups = [
      ['model', 'Model'],
      ['organization', 'Organization'],
      ['technique', 'Technique'],
      ['dataset', 'Dataset'],
      ['source', 'Source'],
      ['claim', 'Claim'],
      ['license', 'License'],
      ['metric', 'Metric'],
    ] as const;

    test.each(lookups)('%s: an unknown slug is NOT_FOUND, naming the slug', async (field, type) => {
      const app = backend().app;
      const slug = `no-such-${field}`;
      const { error, response } = await expectClientError(app, `{ ${field}(slug: "${slug}") { slug } }`, 'NOT_FOUND');
      expect(response.body.data).toEqual({ [field]: null });
      expect(error.path).toEqual([field]);
      expect(error.message).toContain(`"${slug}"`);
      expect(error.message).toContain(type);
      expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', type, slug });
    });

    test.each(lookups)('%s: a slug of another kind, or with odd characters, is NOT_FOUND too', async (field) => {
      const app = backend().app;
      // Each is a real slug of some other kind of entity (claims and sources have their own namespaces).
      const other = field === 'model' ? 'allen-institute-for-ai' : 'tulu-3-405b';
      await expectClientError(app, `{ ${field}(slug: "${other}") { slug } }`, 'NOT_FOUND');
      for (const slug of [`x' or '1'='1`, 'Tülu 3 405B', '%', '', ' tulu-3-405b']) {
        const { error } = await expectClientError(
          app,
          `query($s: String!) { ${field}(slug: $s) { slug } }`,
          'NOT_FOUND',
          { s: slug },
        );
        expect(error.message).toContain(JSON.stringify(slug));
      }
    });

    test('a missing lookup does not spoil the others in the same request', async () => {
      const { body, status } = await execute(
        backend().app,
        `{ found: model(slug: "tulu-3-405b") { slug } missing: model(slug: "tulu-4") { slug } technique(slug: "rlvr") { slug } }`,
      );
      expect(status).toBe(200);
      expect(body.data).toEqual({ found: { slug: 'tulu-3-405b' }, missing: null, technique: { slug: 'rlvr' } });
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.path).toEqual(['missing']);
      expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    test('source: by slug or by URL, exactly one of them', async () => {
      const app = backend().app;
      const byUrl = await expectData(
        app,
        `{ source(url: "https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B") { slug } }`,
      );
      expect(byUrl.source.slug).toBe('t3-card');
      const neither = await expectClientError(app, `{ source { slug } }`, 'BAD_USER_INPUT');
      expect(neither.response.body.data).toEqual({ source: null });
      expect(neither.error.message).toMatch(/slug/);
      expect(neither.error.message).toMatch(/url/);
      const both = await expectClientError(
        app,
        `{ source(slug: "t3-card", url: "https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B") { slug } }`,
        'BAD_USER_INPUT',
      );
      expect(both.response.body.data).toEqual({ source: null });
      expect(both.error.message).toMatch(/exactly one/);
      // Null variables are "not given".
      await expectClientError(
        app,
        `query($s: String, $u: URL) { source(slug: $s, url: $u) { slug } }`,
        'BAD_USER_INPUT',
        { s: null, u: null },
      );
    });

    test('source: an unknown URL is NOT_FOUND, naming the URL', async () => {
      const { error } = await expectClientError(
        backend().app,
        `{ source(url: "https://example.com/no-such-page") { slug } }`,
        'NOT_FOUND',
      );
      expect(error.message).toContain('https://example.com/no-such-page');
      expect(error.extensions).toMatchObject({ type: 'Source', url: 'https://example.com/no-such-page' });
    });

    test('source: every source can be looked up by the URL the API returns for it', async () => {
      const app = backend().app;
      const data = await expectData(app, `{ sources(first: 100) { totalCount nodes { slug url } } }`);
      const withUrl = data.sources.nodes.filter((s: { url: string | null }) => s.url !== null);
      // 77 sources, 2 without a URL (deepseek-v2-readme, article).
      expect(withUrl).toHaveLength(75);
      for (const s of withUrl) {
        const found = await expectData(app, `query($u: URL) { source(url: $u) { slug } }`, { u: s.url });
        expect(found.source.slug).toBe(s.slug);
      }
    });
  });

  describe('node and nodes (Relay object identification)', () => {
    /** One object of every node type, with the fields that identify it. */
    const everyType = `{
      model(slug: "tulu-3-405b") {
        id slug
        baseModels { id kind baseModel { slug } }
        techniques { id stage technique { slug } }
        results(first: 1) { nodes { id value dataset { slug } } }
        organization { id slug }
        license { id slug }
      }
      technique(slug: "rlvr") { id slug }
      dataset(slug: "gsm8k") { id slug }
      source(slug: "t3-card") { id slug }
      claim(slug: "article-claim-09") { id slug }
      metric(slug: "pass-rate") { id slug }
    }`;

    async function oneOfEach(app: App) {
      const d = await expectData(app, everyType);
      const m = d.model;
      return [
        { id: m.id, typename: 'Model', fields: 'slug', expected: { slug: 'tulu-3-405b' } },
        {
          id: m.organization.id,
          typename: 'Organization',
          fields: 'slug',
          expected: { slug: 'allen-institute-for-ai' },
        },
        { id: m.license.id, typename: 'License', fields: 'slug', expected: { slug: 'llama-3.1-community' } },
        { id: d.technique.id, typename: 'Technique', fields: 'slug', expected: { slug: 'rlvr' } },
        { id: d.dataset.id, typename: 'Dataset', fields: 'slug', expected: { slug: 'gsm8k' } },
        { id: d.source.id, typename: 'Source', fields: 'slug', expected: { slug: 't3-card' } },
        { id: d.claim.id, typename: 'Claim', fields: 'slug', expected: { slug: 'article-claim-09' } },
        { id: d.metric.id, typename: 'Metric', fields: 'slug', expected: { slug: 'pass-rate' } },
        {
          id: m.baseModels[0].id,
          typename: 'Derivation',
          fields: 'kind baseModel { slug }',
          expected: { kind: m.baseModels[0].kind, baseModel: m.baseModels[0].baseModel },
        },
        {
          id: m.techniques[0].id,
          typename: 'TechniqueUse',
          fields: 'stage technique { slug }',
          expected: { stage: m.techniques[0].stage, technique: m.techniques[0].technique },
        },
        {
          id: m.results.nodes[0].id,
          typename: 'BenchmarkResult',
          fields: 'value dataset { slug }',
          expected: { value: m.results.nodes[0].value, dataset: m.results.nodes[0].dataset },
        },
      ];
    }

    test('node refetches an object of every node type by its id', async () => {
      const app = backend().app;
      const objects = await oneOfEach(app);
      expect(new Set(objects.map((o) => o.id)).size).toBe(objects.length);
      for (const o of objects) {
        const data = await expectData(
          app,
          `query($id: ID!) { node(id: $id) { __typename id ... on ${o.typename} { ${o.fields} } } }`,
          { id: o.id },
        );
        expect(data.node, o.typename).toEqual({ __typename: o.typename, id: o.id, ...o.expected });
      }
    });

    test('nodes refetches many at once, in the order given, repeats included', async () => {
      const app = backend().app;
      const objects = await oneOfEach(app);
      const ids = [...objects.map((o) => o.id), objects[0]?.id].reverse();
      const data = await expectData(app, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids });
      expect(data.nodes.map((n: { id: string }) => n.id)).toEqual(ids);
      const typenames = [...objects.map((o) => o.typename), 'Model'].reverse();
      expect(data.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(typenames);
      expect((await expectData(app, `{ nodes(ids: []) { id } }`)).nodes).toEqual([]);
    });

    test('ids from a connection refetch to the same objects', async () => {
      const app = backend().app;
      const page = await expectData(app, `{ models(first: 100) { nodes { id slug } } }`);
      const ids = page.models.nodes.map((n: { id: string }) => n.id);
      const data = await expectData(app, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Model { id slug } } }`, {
        ids,
      });
      expect(data.nodes).toEqual(page.models.nodes);
    });

    test('malformed ids are BAD_USER_INPUT, naming the id', async () => {
      const app = backend().app;
      for (const id of [
        'garbage',
        '',
        '!!!',
        Buffer.from('Model').toString('base64'),
        Buffer.from('Model:').toString('base64'),
        Buffer.from(':1').toString('base64'),
      ]) {
        const { error, response } = await expectClientError(
          app,
          `query($id: ID!) { node(id: $id) { id } }`,
          'BAD_USER_INPUT',
          { id },
        );
        expect(response.body.data).toEqual({ node: null });
        expect(error.message).toContain(JSON.stringify(id));
        expect(error.extensions?.argument).toBe('id');
        // In a list, the whole (non-null) list fails with the same error.
        const many = await expectClientError(app, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, 'BAD_USER_INPUT', {
          ids: [globalId('Model', '1'), id],
        });
        expect(many.error.message).toContain(JSON.stringify(id));
      }
    });

    // Regression test for a fixed bug: an id that decodes but names a type that does not exist ("Nope:1", "model:1") or a type that has no
    // ids ("TrainingCompute:1") fails with Pothos's own message ("Nope has not been implemented", "TrainingCompute
    // does not support loading by id") and no extensions.code: the id is malformed for this API, so
    // BAD_USER_INPUT. (The `decodeGlobalID` wrapper in builder.ts only catches ids that do not decode.)
    test('an id naming an unknown type, or a type without ids, is BAD_USER_INPUT', async () => {
      const app = backend().app;
      for (const id of [
        globalId('Nope', '1'),
        globalId('model', '1'),
        globalId('TrainingCompute', '1'),
        globalId('Query', '1'),
      ]) {
        await expectClientError(app, `query($id: ID!) { node(id: $id) { id } }`, 'BAD_USER_INPUT', { id });
      }
    });

    // Regression test for a fixed bug: an id of a node type whose key is not an integer ("Model:abc", "Model:1.5", "Model:1:2") or does not fit
    // the integer column ("Model:99999999999") is passed to the database as NaN / out of range; the query fails
    // ("invalid input syntax for type integer") and the client gets the masked "Unexpected error." with
    // INTERNAL_SERVER_ERROR instead of BAD_USER_INPUT.
    test('an id with a key that cannot be a row id is BAD_USER_INPUT, not "Unexpected error."', async () => {
      const app = backend().app;
      for (const key of ['abc', '1.5', '1:2', '99999999999']) {
        await expectClientError(app, `query($id: ID!) { node(id: $id) { id } }`, 'BAD_USER_INPUT', {
          id: globalId('Model', key),
        });
      }
    });

    // Regression test for a fixed bug: the schema promises "null if no such object exists", but a well-formed id of a row that does not exist
    // makes plugin-drizzle's node loader throw ("Model model(99999) not found"), which is masked as
    // "Unexpected error."; `nodes` then fails as a whole (data: null) instead of a null entry.
    test('a well-formed id of a missing row is node: null, without an error', async () => {
      const app = backend().app;
      const { status, body } = await execute(app, `query($id: ID!) { node(id: $id) { id } }`, {
        id: globalId('Model', '99999'),
      });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ node: null });
    });

    test('nodes gives null for the ids of missing rows and the others in place', async () => {
      const app = backend().app;
      const tulu = (await expectData(app, `{ model(slug: "tulu-3-405b") { id } }`)).model.id;
      const ids = [globalId('Organization', '99999'), tulu, globalId('Model', '0')];
      const { body } = await execute(app, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ nodes: [null, { id: tulu }, null] });
    });

    test('a missing row never leaks SQL or a stack, whatever it is answered with', async () => {
      const app = backend().app;
      for (const id of [
        globalId('Model', '99999'),
        globalId('Model', 'abc'),
        globalId('Source', '-1'),
        globalId('Nope', '1'),
      ]) {
        const { status, body } = await execute(app, `query($id: ID!) { node(id: $id) { id } }`, { id });
        expect(status).toBe(200);
        expectNoLeak(body);
      }
    });
  });

  describe('filter arguments', () => {
    /** Every list filter: [connection, filter field, GraphQL literal of a value of its type]. */
    const listFilters = [
      ['models', 'organization'],
      ['models', 'technique'],
      ['models', 'architecture'],
      ['models', 'license'],
      ['models', 'licenseCategory'],
      ['models', 'derivedFrom'],
      ['organizations', 'kind'],
      ['organizations', 'country'],
      ['organizations', 'usesTechnique'],
      ['techniques', 'kind'],
      ['datasets', 'domain'],
      ['datasets', 'creator'],
      ['sources', 'kind'],
      ['claims', 'source'],
      ['claims', 'predicate'],
      ['claims', 'subjectModel'],
      ['claims', 'subjectOrganization'],
      ['claims', 'mentionsModel'],
      ['benchmarkResults', 'model'],
      ['benchmarkResults', 'dataset'],
      ['benchmarkResults', 'metric'],
      ['benchmarkResults', 'source'],
      ['benchmarkResults', 'evaluator'],
    ] as const;

    test.each(listFilters)('%s(filter: { %s: [] }) is BAD_USER_INPUT naming the argument', async (field, filter) => {
      const app = backend().app;
      for (const selection of ['totalCount nodes { id }', 'nodes { id }', 'totalCount']) {
        const query = `{ ${field}(first: 5, filter: { ${filter}: [] }) { ${selection} } }`;
        const { error, response } = await expectClientError(app, query, 'BAD_USER_INPUT');
        expect(response.body.data).toEqual({ [field]: null });
        expect(error.extensions?.argument).toBe(`filter.${filter}`);
        expect(error.message).toContain(`filter.${filter}`);
      }
    });

    test('nested results filters refuse empty lists too', async () => {
      const app = backend().app;
      for (const [parent, filter] of [
        ['model(slug: "gpt-4o")', 'dataset'],
        ['model(slug: "gpt-4o")', 'metric'],
        ['dataset(slug: "mmlu")', 'model'],
        ['dataset(slug: "mmlu")', 'metric'],
      ] as const) {
        const { error } = await expectClientError(
          app,
          `{ ${parent} { results(filter: { ${filter}: [] }) { totalCount nodes { id } } } }`,
          'BAD_USER_INPUT',
        );
        expect(error.extensions?.argument).toBe(`filter.${filter}`);
      }
    });

    test('inverted ranges are BAD_USER_INPUT naming the argument', async () => {
      const app = backend().app;
      for (const [field, filter, argument] of [
        ['models', '{ minParameters: 405000000000, maxParameters: 24000000000 }', 'filter.minParameters'],
        ['models', '{ releasedFrom: "2025-01-30", releasedTo: "2024-07-23" }', 'filter.releasedFrom'],
        ['benchmarkResults', '{ minValue: 90, maxValue: 10.5 }', 'filter.minValue'],
        ['benchmarkResults', '{ reportedFrom: "2025-02-01", reportedTo: "2025-01-30" }', 'filter.reportedFrom'],
        ['sources', '{ publishedFrom: "2025-01-30", publishedTo: "2025-01-28" }', 'filter.publishedFrom'],
      ] as const) {
        const { error, response } = await expectClientError(
          app,
          `{ ${field}(filter: ${filter}) { totalCount nodes { id } } }`,
          'BAD_USER_INPUT',
        );
        expect(response.body.data).toEqual({ [field]: null });
        expect(error.extensions?.argument).toBe(argument);
        expect(error.message).toContain(argument);
      }
    });

    // Regression test for a fixed bug: Date arguments arrive in resolvers as JS Date objects (graphql-scalars' DateResolver), although the
    // builder types them as strings, so the inverted-range message prints Date#toString ("Thu Jan 30 2025
    // 00:00:00 GMT+0000 (Coordinated Universal Time)"), in the server's time zone (a day earlier west of UTC),
    // instead of the dates the client sent.
    test('an inverted date range repeats the dates as the client wrote them', async () => {
      const { error } = await expectClientError(
        backend().app,
        `{ models(filter: { releasedFrom: "2025-01-30", releasedTo: "2024-07-23" }) { totalCount } }`,
        'BAD_USER_INPUT',
      );
      expect(error.message).toContain('2025-01-30');
      expect(error.message).toContain('2024-07-23');
    });

    test('an empty or blank text is BAD_USER_INPUT naming the argument', async () => {
      const app = backend().app;
      for (const field of ['models', 'organizations', 'techniques', 'datasets', 'sources']) {
        for (const text of ['', '   ', '\t\n']) {
          const { error } = await expectClientError(
            app,
            `query($t: String) { ${field}(filter: { text: $t }) { totalCount nodes { id } } }`,
            'BAD_USER_INPUT',
            { t: text },
          );
          expect(error.extensions?.argument).toBe('filter.text');
          expect(error.message).toMatch(/text/);
        }
      }
    });

    test('a null filter field is "not given", not an error', async () => {
      const data = await expectData(
        backend().app,
        `query($t: String, $o: [String!]) { models(filter: { text: $t, organization: $o, minParameters: null }) { totalCount } }`,
        { t: null, o: null },
      );
      expect(data.models.totalCount).toBe(19);
    });
  });

  describe('GraphQL request errors (graphql-over-HTTP)', () => {
    const invalid: [string, string, RegExp][] = [
      ['unknown field', '{ models(first: 1) { nodes { nope } } }', /Cannot query field "nope"/],
      ['unknown root field', '{ modelz { slug } }', /Cannot query field "modelz"/],
      ['wrong argument type', '{ models(first: "three") { totalCount } }', /Int cannot represent/],
      ['unknown argument', '{ models(size: 3) { totalCount } }', /Unknown argument "size"/],
      ['missing required argument', '{ model { slug } }', /argument "slug" of type "String!" is required/],
      ['unknown enum value', '{ models(filter: { architecture: [HYBRID] }) { totalCount } }', /HYBRID/],
      ['unknown filter field', '{ models(filter: { vendor: ["meta"] }) { totalCount } }', /vendor/],
      ['invalid country code', '{ organizations(filter: { country: ["XX"] }) { totalCount } }', /country code/i],
      ['unsafe integer', '{ models(filter: { minParameters: 9007199254740993 }) { totalCount } }', /SafeInt/],
      ['invalid URL', '{ source(url: "not a url") { slug } }', /URL/],
      ['syntax error', '{ models(first: 1) { nodes { slug }', /Syntax Error/],
    ];

    test.each(invalid)(
      '%s: 400 with application/graphql-response+json, and a message',
      async (_label, query, message) => {
        const { status, body } = await execute(backend().app, query);
        expect(status).toBe(400);
        expect(body.data).toBeUndefined();
        expect(body.errors?.length).toBeGreaterThan(0);
        expect(body.errors?.[0]?.message).toMatch(message);
        expectNoLeak(body);
      },
    );

    test('a client accepting only application/json gets them with HTTP 200 (or 400 for unparseable requests)', async () => {
      const app = backend().app;
      for (const [, query, message] of invalid) {
        const { status, body } = await postAcceptingJson(app, query);
        expect([200, 400], query).toContain(status);
        expect(body.errors?.[0]?.message).toMatch(message);
      }
      // A validation error proper is 200 for application/json (graphql-over-HTTP, legacy watershed).
      expect((await postAcceptingJson(app, '{ models(first: 1) { nodes { nope } } }')).status).toBe(200);
    });

    test('invalid Date literals and variables are refused clearly', async () => {
      const app = backend().app;
      for (const literal of [
        '"2025-13-45"',
        '"2025-02-30"',
        '"yesterday"',
        '"2025-01-30T00:00:00Z"',
        '"30/01/2025"',
        '20250130',
      ]) {
        const { status, body } = await execute(app, `{ models(filter: { releasedFrom: ${literal} }) { totalCount } }`);
        expect(status, literal).toBe(400);
        expect(body.errors?.[0]?.message, literal).toMatch(/^Date cannot represent/);
        expectNoLeak(body);
      }
      for (const value of ['2025-02-30', 'soon', '', 20250130]) {
        const { status, body } = await execute(
          app,
          `query($d: Date) { benchmarkResults(filter: { reportedFrom: $d }) { totalCount } }`,
          { d: value },
        );
        expect(status, String(value)).toBe(400);
        expect(body.errors?.[0]?.message).toMatch(/Variable "\$d" got invalid value/);
        expect(body.errors?.[0]?.message).toMatch(/Date/);
      }
      // A valid date still works.
      const ok = await expectData(app, `query($d: Date) { models(filter: { releasedFrom: $d }) { totalCount } }`, {
        d: '2025-01-30',
      });
      expect(ok.models.totalCount).toBe(5);
    });

    test('requests that are not GraphQL at all are 400, never 500', async () => {
      const app = backend().app;
      for (const body of ['{not json', '{"query": 5}', '[]']) {
        const response = await app.fetch('http://modelgraph.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body,
        });
        expect(response.status, body).toBeGreaterThanOrEqual(400);
        expect(response.status, body).toBeLessThan(500);
        expectNoLeak(await response.json());
      }
    });
  });

  describe('no bad input gives HTTP 500 or leaks internals', () => {
    const badRequests: [string, Record<string, unknown>?][] = [
      ['{ model(slug: "nope") { slug } }'],
      ['{ source { slug } }'],
      ['{ node(id: "garbage") { id } }'],
      [`{ node(id: "${globalId('Model', 'abc')}") { id } }`],
      [`{ node(id: "${globalId('Nope', '1')}") { id } }`],
      ['{ models(filter: { organization: [] }) { totalCount } }'],
      ['{ models(filter: { text: " " }) { nodes { slug } } }'],
      ['{ models(filter: { minParameters: 10, maxParameters: 1 }) { nodes { slug } } }'],
      ['{ models(first: 101) { nodes { slug } } }'],
      ['{ models(first: -1) { nodes { slug } } }'],
      ['{ models(first: 3, after: "garbage") { nodes { slug } } }'],
      [
        `{ models(first: 3, after: "${Buffer.from('DC:S:abc').toString('base64')}", orderBy: { field: RELEASE_DATE }) { nodes { slug } } }`,
      ],
      [`{ benchmarkResults(first: 3, after: "${Buffer.from('DC:S:abc').toString('base64')}") { nodes { value } } }`],
      ['{ models { nope } }'],
      ['{ models(filter: { releasedFrom: "2025-13-45" }) { totalCount } }'],
      ['query($d: Date) { models(filter: { releasedFrom: $d }) { totalCount } }', { d: 'x' }],
      ['query($n: Int) { models(first: $n) { totalCount } }', { n: 'many' }],
    ];

    test('every response is below 500, has errors, and carries no stack trace or SQL', async () => {
      const app = backend().app;
      for (const [query, variables] of badRequests) {
        const { status, body } = await execute(app, query, variables);
        expect(status, query).toBeLessThan(500);
        expect(body.errors?.length, query).toBeGreaterThan(0);
        for (const error of body.errors ?? []) expect(typeof error.message, query).toBe('string');
        expectNoLeak(body);
      }
    });

    test('errors from the lookup and input checks all carry a code', async () => {
      const app = backend().app;
      for (const [query, code] of [
        ['{ model(slug: "nope") { slug } }', 'NOT_FOUND'],
        ['{ source { slug } }', 'BAD_USER_INPUT'],
        ['{ node(id: "garbage") { id } }', 'BAD_USER_INPUT'],
        ['{ models(filter: { organization: [] }) { totalCount } }', 'BAD_USER_INPUT'],
        ['{ models(first: 101) { nodes { slug } } }', 'BAD_USER_INPUT'],
      ] as const) {
        const errors = await expectErrors(app, query);
        expect(errors?.[0]?.extensions?.code, query).toBe(code);
      }
    });
  });
});

describe("the app's masking gives a code to every error other packages send without one", () => {
  const mask = createMaskError({ maxRequestBodyBytes: 1024 });
  const masked = (error: GraphQLError) => mask(error, 'Unexpected error.') as GraphQLError;

  test('a refusal with an HTTP status: the status says which', () => {
    const refusal = (status: number) => new GraphQLError('Refused.', { extensions: { http: { status } } });
    expect(masked(refusal(405))).toMatchObject({ extensions: { code: 'METHOD_NOT_ALLOWED', http: { status: 405 } } });
    expect(masked(refusal(418)).extensions.code).toBe('BAD_REQUEST');
    const csrf = new GraphQLError('Required CSRF header(s) not present', { extensions: { http: { status: 403 } } });
    expect(masked(csrf)).toMatchObject({ message: csrf.message, extensions: { code: 'CSRF_HEADER_REQUIRED' } });
  });

  test("graphql-js's own error about a result is the server's fault, with its message and path", () => {
    const error = new GraphQLError('Cannot return null for non-nullable field Model.name.', {
      path: ['model', 'name'],
    });
    expect(masked(error)).toMatchObject({
      message: error.message,
      path: ['model', 'name'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  test('a code already given is kept', () => {
    const error = new GraphQLError('No.', { extensions: { code: 'FORBIDDEN', requiredRole: 'ADMIN' } });
    expect(masked(error)).toBe(error);
  });
});
