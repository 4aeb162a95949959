/**
 * Relay cursor pagination on every root connection and on the nested (related) connections: walking forward and
 * backward visits every item exactly once in a stable order, `pageInfo` and `totalCount` tell the truth, page
 * sizes are capped at 100, and bad cursors are refused with a readable error.
 *
 * Expected totals are counted from data/seed/*.yaml (19 models, 10 organizations, 16 techniques, 59 datasets,
 * 257 benchmark results, 22 claims, 77 sources, 7 licenses).
 */
import { describe, expect, test } from 'vitest';
import type { App } from '../src/yoga.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { execute, expectData, expectErrors } from './helpers/graphql.ts';

type PageInfo = {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
};
type Node = { id: string } & Record<string, any>;
type Connection = { totalCount: number; pageInfo: PageInfo; edges: { cursor: string; node: Node }[] };

/** Everything a walk reads of a connection page. */
const page = (fields: string) =>
  `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id ${fields} } }`;

const pagingVariables = '$first: Int, $after: String, $last: Int, $before: String';
const pagingArgs = 'first: $first, after: $after, last: $last, before: $before';

/**
 * A connection under test: a query taking `$first/$after/$last/$before`, and where its connection sits in the
 * response.
 */
type Target = { label: string; query: string; pick: (data: any) => Connection };

function rootTarget(field: string, fields: string, extraArgs = ''): Target {
  return {
    label: `${field}(${extraArgs})`,
    query: `query(${pagingVariables}) { conn: ${field}(${pagingArgs}${extraArgs ? `, ${extraArgs}` : ''}) { ${page(fields)} } }`,
    pick: (data) => data.conn,
  };
}

function nestedTarget(parent: string, field: string, fields: string, extraArgs = ''): Target {
  return {
    label: `${parent}.${field}(${extraArgs})`,
    query: `query(${pagingVariables}) { parent: ${parent} { conn: ${field}(${pagingArgs}${extraArgs ? `, ${extraArgs}` : ''}) { ${page(fields)} } } }`,
    pick: (data) => data.parent.conn,
  };
}

async function fetchPage(app: App, target: Target, variables: Record<string, unknown>): Promise<Connection> {
  return target.pick(await expectData(app, target.query, variables));
}

type Walk = { nodes: Node[]; cursors: string[]; pages: Connection[]; totalCount: number };

/**
 * Pages through the whole connection, `size` items at a time: forward with `first`/`after` until `hasNextPage`
 * is false, or backward with `last`/`before` until `hasPreviousPage` is false. Checks each page's `pageInfo`
 * on the way and returns the items in connection order.
 */
async function walk(app: App, target: Target, direction: 'forward' | 'backward', size = 3): Promise<Walk> {
  const pages: Connection[] = [];
  let cursor: string | null = null;
  let totalCount: number | undefined;
  for (;;) {
    const variables: Record<string, unknown> =
      direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor };
    const conn = await fetchPage(app, target, variables);
    pages.push(conn);
    const { edges, pageInfo } = conn;
    // totalCount does not depend on where the page is.
    if (totalCount === undefined) totalCount = conn.totalCount;
    expect(conn.totalCount, `${target.label}: totalCount on page ${pages.length}`).toBe(totalCount);
    expect(edges.length).toBeLessThanOrEqual(size);
    expect(pageInfo.startCursor).toBe(edges[0]?.cursor ?? null);
    expect(pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null);
    const more = direction === 'forward' ? pageInfo.hasNextPage : pageInfo.hasPreviousPage;
    // A page short of `size` is the last one; a full page may or may not be.
    if (edges.length < size) expect(more, `${target.label}: a short page must be the last`).toBe(false);
    if (more) expect(edges.length, `${target.label}: a page before the end is full`).toBe(size);
    // The side the walk came from: there is something there once a cursor was passed.
    if (cursor !== null) {
      expect(direction === 'forward' ? pageInfo.hasPreviousPage : pageInfo.hasNextPage).toBe(true);
    } else {
      expect(direction === 'forward' ? pageInfo.hasPreviousPage : pageInfo.hasNextPage).toBe(false);
    }
    if (!more) break;
    cursor = direction === 'forward' ? pageInfo.endCursor : pageInfo.startCursor;
    expect(cursor).not.toBeNull();
    // Guard against a connection that never says it is done.
    expect(pages.length, `${target.label}: too many pages`).toBeLessThanOrEqual(
      Math.ceil((totalCount ?? 0) / size) + 1,
    );
  }
  const ordered = direction === 'forward' ? pages : [...pages].reverse();
  const edges = ordered.flatMap((p) => p.edges);
  return { nodes: edges.map((e) => e.node), cursors: edges.map((e) => e.cursor), pages, totalCount: totalCount ?? 0 };
}

/** Walks both ways and checks that they agree with each other and with one big page (or a walk of 100s). */
async function walkBothWays(app: App, target: Target, expectedTotal: number, size = 3) {
  const forward = await walk(app, target, 'forward', size);
  const backward = await walk(app, target, 'backward', size);
  const ids = forward.nodes.map((n) => n.id);
  expect(new Set(ids).size, `${target.label}: no item twice`).toBe(ids.length);
  expect(ids.length, `${target.label}: every item walked`).toBe(expectedTotal);
  expect(forward.totalCount).toBe(expectedTotal);
  expect(backward.totalCount).toBe(expectedTotal);
  expect(
    backward.nodes.map((n) => n.id),
    `${target.label}: backward walk = forward walk`,
  ).toEqual(ids);
  expect(backward.cursors).toEqual(forward.cursors);
  // The same items in the same order as pages of 100 (a single page when there are at most 100).
  const whole = await walk(app, target, 'forward', 100);
  if (expectedTotal <= 100) expect(whole.pages).toHaveLength(1);
  expect(
    whole.nodes.map((n) => n.id),
    `${target.label}: pages of ${size} = pages of 100`,
  ).toEqual(ids);
  return forward.nodes;
}

/** `values` never decrease (asc) or never increase (desc), with null as the smallest value. */
function expectSorted(values: (number | string | null)[], direction: 'ASC' | 'DESC', label: string) {
  const compare = (a: number | string | null, b: number | string | null) => {
    if (a === b) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    return a < b ? -1 : 1;
  };
  for (let i = 1; i < values.length; i++) {
    const order = compare(values[i - 1] as never, values[i] as never);
    if (direction === 'ASC') expect(order, `${label}: ${values[i - 1]} then ${values[i]}`).toBeLessThanOrEqual(0);
    else expect(order, `${label}: ${values[i - 1]} then ${values[i]}`).toBeGreaterThanOrEqual(0);
  }
}

/** Each value of `keys` forms one contiguous run. */
function expectGrouped(keys: string[], label: string) {
  const seen = new Set<string>();
  keys.forEach((key, i) => {
    if (i > 0 && keys[i - 1] === key) return;
    expect(seen.has(key), `${label}: "${key}" appears in two separate runs`).toBe(false);
    seen.add(key);
  });
}

type OrderCase = { field: string; key?: (n: Node) => number | string | null };

type RootCase = {
  field: string;
  fields: string;
  total: number;
  /** orderBy fields with, for the nullable or numeric ones, the value the order is by. */
  orders?: OrderCase[];
};

const rootCases: RootCase[] = [
  {
    field: 'models',
    fields: 'slug name releaseDate parameterCount',
    total: 19,
    orders: [
      { field: 'SLUG' },
      { field: 'NAME' },
      { field: 'RELEASE_DATE', key: (n) => n.releaseDate },
      { field: 'PARAMETER_COUNT', key: (n) => n.parameterCount },
    ],
  },
  {
    field: 'organizations',
    fields: 'slug name foundedYear',
    total: 10,
    orders: [{ field: 'SLUG' }, { field: 'NAME' }, { field: 'FOUNDED_YEAR', key: (n) => n.foundedYear }],
  },
  {
    field: 'techniques',
    fields: 'slug name introducedYear',
    total: 16,
    orders: [{ field: 'SLUG' }, { field: 'NAME' }, { field: 'INTRODUCED_YEAR', key: (n) => n.introducedYear }],
  },
  {
    field: 'datasets',
    fields: 'slug name introducedYear',
    total: 59,
    orders: [{ field: 'SLUG' }, { field: 'NAME' }, { field: 'INTRODUCED_YEAR', key: (n) => n.introducedYear }],
  },
  {
    field: 'sources',
    fields: 'slug title publishedOn',
    total: 77,
    orders: [{ field: 'SLUG' }, { field: 'TITLE' }, { field: 'PUBLISHED_ON', key: (n) => n.publishedOn }],
  },
  {
    field: 'benchmarkResults',
    fields: 'value reportedOn',
    total: 257,
    orders: [
      { field: 'STORED' },
      { field: 'VALUE', key: (n) => n.value },
      { field: 'REPORTED_ON', key: (n) => n.reportedOn },
    ],
  },
  { field: 'claims', fields: 'slug ordinal source { slug }', total: 22 },
  { field: 'licenses', fields: 'slug', total: 7 },
];

/** Nested connections, on a parent with enough items for several pages. */
type NestedCase = {
  parent: string;
  field: string;
  fields: string;
  total: number;
  size?: number;
  check?: (nodes: Node[], label: string) => void;
};

const nestedCases: NestedCase[] = [
  { parent: 'source(slug: "t3-card")', field: 'results', fields: 'value', total: 84 },
  { parent: 'source(slug: "dsv3-readme")', field: 'results', fields: 'value', total: 95 },
  {
    parent: 'source(slug: "article")',
    field: 'claims',
    fields: 'ordinal',
    total: 22,
    // In the order the source makes them.
    check: (nodes) => expect(nodes.map((n) => n.ordinal)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1)),
  },
  { parent: 'source(slug: "dsv3-readme")', field: 'datasets', fields: 'slug', total: 25 },
  { parent: 'source(slug: "ms3-card")', field: 'models', fields: 'slug', total: 6 },
  { parent: 'source(slug: "llb")', field: 'organizations', fields: 'slug', total: 2, size: 1 },
  { parent: 'source(slug: "dsv3-readme")', field: 'techniques', fields: 'slug', total: 2, size: 1 },
  {
    parent: 'organization(slug: "allen-institute-for-ai")',
    field: 'models',
    fields: 'slug releaseDate',
    total: 3,
    size: 2,
    // Newest first; the two undated checkpoints sort as the oldest.
    check: (nodes, label) => {
      expectSorted(
        nodes.map((n) => n.releaseDate),
        'DESC',
        label,
      );
      expect(nodes[0]?.slug).toBe('tulu-3-405b');
      expect(nodes.slice(1).map((n) => n.releaseDate)).toEqual([null, null]);
    },
  },
  {
    parent: 'organization(slug: "meta")',
    field: 'models',
    fields: 'slug releaseDate',
    total: 3,
    size: 2,
    check: (nodes, label) =>
      expectSorted(
        nodes.map((n) => n.releaseDate),
        'DESC',
        label,
      ),
  },
  { parent: 'organization(slug: "deepseek")', field: 'evaluatedResults', fields: 'value', total: 95 },
  {
    parent: 'dataset(slug: "mmlu")',
    field: 'results',
    fields: 'value metric { slug }',
    total: 16,
    // Grouped by metric, best first within a metric.
    check: (nodes, label) => {
      const metrics = nodes.map((n) => n.metric.slug);
      expectGrouped(metrics, label);
      for (const metric of new Set(metrics)) {
        expectSorted(
          nodes.filter((n) => n.metric.slug === metric).map((n) => n.value),
          'DESC',
          `${label} ${metric}`,
        );
      }
    },
  },
  {
    parent: 'dataset(slug: "humaneval")',
    field: 'results',
    fields: 'value metric { slug }',
    total: 16,
    check: (nodes, label) =>
      expectGrouped(
        nodes.map((n) => n.metric.slug),
        label,
      ),
  },
  { parent: 'technique(slug: "sft")', field: 'models', fields: 'slug', total: 8 },
  { parent: 'technique(slug: "sft")', field: 'uses', fields: 'stage', total: 8 },
  { parent: 'license(slug: "llama-3.1-community")', field: 'models', fields: 'slug', total: 5 },
  {
    parent: 'model(slug: "llama-3.1-405b-instruct")',
    field: 'results',
    fields: 'value dataset { slug }',
    total: 53,
    check: (nodes, label) =>
      expectGrouped(
        nodes.map((n) => n.dataset.slug),
        label,
      ),
  },
  { parent: 'model(slug: "gpt-4o")', field: 'results', fields: 'value', total: 43 },
];

describeEachBackend('pagination', (backend) => {
  describe('root connections: forward and backward walks cover every item once', () => {
    for (const c of rootCases) {
      test(`${c.field}: default order`, async () => {
        await walkBothWays(backend().app, rootTarget(c.field, c.fields), c.total);
      });

      for (const order of c.orders ?? []) {
        test(`${c.field}: orderBy ${order.field} ASC and DESC`, async () => {
          const app = backend().app;
          const asc = await walkBothWays(
            app,
            rootTarget(c.field, c.fields, `orderBy: { field: ${order.field}, direction: ASC }`),
            c.total,
          );
          const desc = await walkBothWays(
            app,
            rootTarget(c.field, c.fields, `orderBy: { field: ${order.field}, direction: DESC }`),
            c.total,
          );
          // Ties are broken by a unique key in the same direction, so DESC is exactly ASC reversed.
          expect(desc.map((n) => n.id)).toEqual(asc.map((n) => n.id).reverse());
          if (order.key) {
            expectSorted(asc.map(order.key), 'ASC', `${c.field} ${order.field} ASC`);
            expectSorted(desc.map(order.key), 'DESC', `${c.field} ${order.field} DESC`);
          }
        });
      }
    }

    test('the default orders: by slug, results in stored order', async () => {
      const app = backend().app;
      for (const [field, order] of [
        ['models', 'SLUG'],
        ['organizations', 'SLUG'],
        ['techniques', 'SLUG'],
        ['datasets', 'SLUG'],
        ['sources', 'SLUG'],
        ['benchmarkResults', 'STORED'],
      ] as const) {
        const byDefault = await walk(app, rootTarget(field, ''), 'forward', 100);
        const explicit = await walk(app, rootTarget(field, '', `orderBy: { field: ${order} }`), 'forward', 100);
        expect(
          byDefault.nodes.map((n) => n.id),
          field,
        ).toEqual(explicit.nodes.map((n) => n.id));
      }
    });

    test('nullable sort keys: undated, unsized and unfounded items sort as the smallest', async () => {
      const app = backend().app;
      const models = await walk(
        app,
        rootTarget('models', 'slug releaseDate parameterCount', 'orderBy: { field: RELEASE_DATE }'),
        'forward',
      );
      // 8 models in models.yaml have no releaseDate.
      expect(models.nodes.slice(0, 8).every((n) => n.releaseDate === null)).toBe(true);
      expect(models.nodes.slice(8).every((n) => n.releaseDate !== null)).toBe(true);
      const bySize = await walk(
        app,
        rootTarget('models', 'slug parameterCount', 'orderBy: { field: PARAMETER_COUNT, direction: DESC }'),
        'backward',
      );
      // gpt-4o, gpt-4o-mini and qwen2.5-max have no parameterCount: last when descending.
      expect(
        bySize.nodes
          .slice(-3)
          .map((n) => n.slug)
          .sort(),
      ).toEqual(['gpt-4o', 'gpt-4o-mini', 'qwen2.5-max']);
      expect(bySize.nodes.slice(0, 2).map((n) => n.parameterCount)).toEqual([671_000_000_000, 671_000_000_000]);
    });

    test('claims come by source, then in the order the source makes them', async () => {
      const claims = await walkBothWays(backend().app, rootTarget('claims', 'ordinal source { slug }'), 22);
      expect(claims.map((n) => n.ordinal)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    });

    test('licenses come by slug', async () => {
      const licenses = await walkBothWays(backend().app, rootTarget('licenses', 'slug'), 7, 2);
      // Their first letters differ, so this order holds in any collation.
      expect(licenses.map((n) => n.slug)).toEqual([
        'apache-2.0',
        'cc-by-nc-4.0',
        'deepseek-license-v1',
        'llama-3.1-community',
        'mit',
        'odc-by-1.0',
        'proprietary',
      ]);
    });

    test('walking a filtered connection keeps the filter on every page', async () => {
      const app = backend().app;
      // deepseek-v3 has 35 results in results.yaml; by value, descending.
      const results = await walkBothWays(
        app,
        rootTarget(
          'benchmarkResults',
          'value model { slug }',
          'filter: { model: ["deepseek-v3"] }, orderBy: { field: VALUE, direction: DESC }',
        ),
        35,
      );
      expect(new Set(results.map((n) => n.model.slug))).toEqual(new Set(['deepseek-v3']));
      expectSorted(
        results.map((n) => n.value),
        'DESC',
        'deepseek-v3 results by value',
      );
      // Open-weight models (16 of 19) by release date.
      const models = await walkBothWays(
        app,
        rootTarget(
          'models',
          'openWeights releaseDate',
          'filter: { openWeights: true }, orderBy: { field: RELEASE_DATE }',
        ),
        16,
      );
      expect(models.every((n) => n.openWeights === true)).toBe(true);
    });
  });

  describe('nested connections: forward and backward walks cover every item once', () => {
    for (const c of nestedCases) {
      test(`${c.parent}.${c.field}`, async () => {
        const target = nestedTarget(c.parent, c.field, c.fields);
        const nodes = await walkBothWays(backend().app, target, c.total, c.size ?? 3);
        c.check?.(nodes, target.label);
      });
    }

    test('the same nested connection under several parents pages each parent separately', async () => {
      const data = await expectData(
        backend().app,
        `{ organizations(first: 100) { nodes { slug modelCount models(first: 1) { totalCount edges { cursor node { slug } } pageInfo { hasNextPage } } } } }`,
      );
      for (const o of data.organizations.nodes) {
        expect(o.models.totalCount, o.slug).toBe(o.modelCount);
        expect(o.models.edges.length, o.slug).toBe(Math.min(1, o.modelCount));
        expect(o.models.pageInfo.hasNextPage, o.slug).toBe(o.modelCount > 1);
      }
    });

    // Regression test for a fixed bug: Dataset.results is documented as "grouped by metric, best first", but it sorts by value descending
    // whatever the metric (dataset.ts: orderBy { metricId: 'asc', value: 'desc', id: 'asc' }), so for a metric
    // where lower is better (bits-per-byte, higherIsBetter: false) the worst result comes first: on pile-test,
    // deepseek-v3-base's 0.548 is listed before llama-3.1-405b's 0.542.
    test('Dataset.results puts the best result first also when lower is better', async () => {
      const data = await expectData(
        backend().app,
        `{ dataset(slug: "pile-test") { results(first: 10) { nodes { value model { slug } metric { slug higherIsBetter } } } } }`,
      );
      const nodes = data.dataset.results.nodes;
      expect(nodes.map((n: any) => n.metric)).toEqual([
        { slug: 'bits-per-byte', higherIsBetter: false },
        { slug: 'bits-per-byte', higherIsBetter: false },
      ]);
      expect(nodes.map((n: any) => `${n.model.slug} ${n.value}`)).toEqual([
        'llama-3.1-405b 0.542',
        'deepseek-v3-base 0.548',
      ]);
    });

    test('Model.results with a filter pages within the filter', async () => {
      // The expected items are the unfiltered list's "accuracy" results, in the same order.
      const app = backend().app;
      const all = await walk(
        app,
        nestedTarget('model(slug: "llama-3.1-405b-instruct")', 'results', 'metric { slug }'),
        'forward',
        100,
      );
      const expected = all.nodes.filter((n) => n.metric.slug === 'accuracy').map((n) => n.id);
      expect(expected.length).toBeGreaterThan(3);
      const filtered = await walkBothWays(
        app,
        nestedTarget(
          'model(slug: "llama-3.1-405b-instruct")',
          'results',
          'metric { slug }',
          'filter: { metric: ["accuracy"] }',
        ),
        expected.length,
      );
      expect(filtered.map((n) => n.id)).toEqual(expected);
    });
  });

  describe('pageInfo and totalCount', () => {
    const models = rootTarget('models', 'slug');

    test('first, middle and last page forward', async () => {
      const app = backend().app;
      const first = await fetchPage(app, models, { first: 5 });
      expect(first.edges.map((e) => e.node.slug)).toEqual([
        'deepseek-v3',
        'deepseek-v3-base',
        'gemma-2-27b',
        'gpt-4o',
        'gpt-4o-mini',
      ]);
      expect(first.pageInfo).toEqual({
        hasNextPage: true,
        hasPreviousPage: false,
        startCursor: first.edges[0]?.cursor,
        endCursor: first.edges[4]?.cursor,
      });
      const middle = await fetchPage(app, models, { first: 5, after: first.pageInfo.endCursor });
      expect(middle.edges).toHaveLength(5);
      expect(middle.pageInfo).toEqual({
        hasNextPage: true,
        hasPreviousPage: true,
        startCursor: middle.edges[0]?.cursor,
        endCursor: middle.edges[4]?.cursor,
      });
      const third = await fetchPage(app, models, { first: 5, after: middle.pageInfo.endCursor });
      const last = await fetchPage(app, models, { first: 5, after: third.pageInfo.endCursor });
      // 19 models: 5 + 5 + 5 + 4.
      expect(last.edges).toHaveLength(4);
      expect(last.edges.at(-1)?.node.slug).toBe('tulu-3-405b-sft');
      expect(last.pageInfo).toEqual({
        hasNextPage: false,
        hasPreviousPage: true,
        startCursor: last.edges[0]?.cursor,
        endCursor: last.edges[3]?.cursor,
      });
      for (const p of [first, middle, third, last]) expect(p.totalCount).toBe(19);
    });

    test('first, middle and last page backward', async () => {
      const app = backend().app;
      const lastPage = await fetchPage(app, models, { last: 5 });
      expect(lastPage.edges.at(-1)?.node.slug).toBe('tulu-3-405b-sft');
      expect(lastPage.pageInfo).toEqual({
        hasNextPage: false,
        hasPreviousPage: true,
        startCursor: lastPage.edges[0]?.cursor,
        endCursor: lastPage.edges[4]?.cursor,
      });
      const middle = await fetchPage(app, models, { last: 5, before: lastPage.pageInfo.startCursor });
      expect(middle.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
      const third = await fetchPage(app, models, { last: 5, before: middle.pageInfo.startCursor });
      const firstPage = await fetchPage(app, models, { last: 5, before: third.pageInfo.startCursor });
      expect(firstPage.edges.map((e) => e.node.slug)).toEqual([
        'deepseek-v3',
        'deepseek-v3-base',
        'gemma-2-27b',
        'gpt-4o',
      ]);
      expect(firstPage.pageInfo).toEqual({
        hasNextPage: true,
        hasPreviousPage: false,
        startCursor: firstPage.edges[0]?.cursor,
        endCursor: firstPage.edges[3]?.cursor,
      });
    });

    test('a page that ends exactly at the end has no next page', async () => {
      const app = backend().app;
      const all = await fetchPage(app, models, { first: 19 });
      expect(all.edges).toHaveLength(19);
      expect(all.pageInfo.hasNextPage).toBe(false);
      const allButOne = await fetchPage(app, models, { first: 18 });
      expect(allButOne.pageInfo.hasNextPage).toBe(true);
      const fromStart = await fetchPage(app, models, { last: 19 });
      expect(fromStart.pageInfo.hasPreviousPage).toBe(false);
      expect(fromStart.edges.map((e) => e.cursor)).toEqual(all.edges.map((e) => e.cursor));
    });

    test('after the last cursor there is an empty page with null cursors', async () => {
      const app = backend().app;
      const all = await fetchPage(app, models, { first: 19 });
      const empty = await fetchPage(app, models, { first: 5, after: all.pageInfo.endCursor });
      expect(empty.edges).toEqual([]);
      expect(empty.pageInfo).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
      expect(empty.totalCount).toBe(19);
      const before = await fetchPage(app, models, { last: 5, before: all.pageInfo.startCursor });
      expect(before.edges).toEqual([]);
      expect(before.pageInfo).toMatchObject({ hasPreviousPage: false, startCursor: null, endCursor: null });
    });

    test('after and before together give the items between the two cursors', async () => {
      const app = backend().app;
      const all = await fetchPage(app, models, { first: 19 });
      const between = await fetchPage(app, models, {
        first: 100,
        after: all.edges[2]?.cursor,
        before: all.edges[8]?.cursor,
      });
      expect(between.edges.map((e) => e.node.id)).toEqual(all.edges.slice(3, 8).map((e) => e.node.id));
    });

    test('totalCount does not depend on first, last, after or before', async () => {
      const app = backend().app;
      const all = await fetchPage(app, models, { first: 19 });
      for (const variables of [
        { first: 1 },
        { first: 100 },
        { last: 2 },
        { first: 0 },
        { first: 3, after: all.edges[10]?.cursor },
        { last: 3, before: all.edges[10]?.cursor },
        { first: 3, after: all.pageInfo.endCursor },
      ]) {
        expect((await fetchPage(app, models, variables)).totalCount, JSON.stringify(variables)).toBe(19);
      }
      // Nested: Source.results of t3-card is 84 however it is paged.
      const results = nestedTarget('source(slug: "t3-card")', 'results', '');
      for (const variables of [{ first: 1 }, { first: 100 }, { last: 7 }]) {
        expect((await fetchPage(app, results, variables)).totalCount).toBe(84);
      }
    });

    test('without first or last a page holds 20 items', async () => {
      const app = backend().app;
      const sources = await expectData(app, `{ sources { totalCount edges { cursor } pageInfo { hasNextPage } } }`);
      expect(sources.sources.edges).toHaveLength(20);
      expect(sources.sources.pageInfo.hasNextPage).toBe(true);
      const nested = await expectData(
        app,
        `{ source(slug: "t3-card") { results { edges { cursor } pageInfo { hasNextPage } } } }`,
      );
      expect(nested.source.results.edges).toHaveLength(20);
    });

    test('first: 0 returns no items but the right totalCount', async () => {
      const conn = await fetchPage(backend().app, models, { first: 0 });
      expect(conn.edges).toEqual([]);
      expect(conn.totalCount).toBe(19);
      expect(conn.pageInfo).toMatchObject({ startCursor: null, endCursor: null });
    });

    test('nodes and edges list the same items', async () => {
      const data = await expectData(
        backend().app,
        `{ models(first: 7, orderBy: { field: RELEASE_DATE, direction: DESC }) { nodes { id } edges { node { id } } } }`,
      );
      expect(data.models.nodes).toEqual(data.models.edges.map((e: { node: unknown }) => e.node));
    });
  });

  describe('page-size limit', () => {
    const roots = [
      'organizations',
      'models',
      'techniques',
      'datasets',
      'benchmarkResults',
      'claims',
      'sources',
      'licenses',
    ];

    test.each(roots)('%s: first/last above 100 is refused with BAD_USER_INPUT', async (field) => {
      const app = backend().app;
      for (const arg of ['first', 'last']) {
        const { status, body } = await execute(app, `{ ${field}(${arg}: 101) { edges { cursor } } }`);
        expect(status).toBe(200);
        expect(body.data?.[field]).toBeNull();
        expect(body.errors).toHaveLength(1);
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(body.errors?.[0]?.extensions?.argument).toBe(arg);
        expect(body.errors?.[0]?.message).toContain('100');
        expect(body.errors?.[0]?.message).toContain(arg);
      }
    });

    test.each(roots)('%s: first: 100 and last: 100 are accepted', async (field) => {
      const app = backend().app;
      const first = await expectData(app, `{ ${field}(first: 100) { totalCount edges { cursor } } }`);
      expect(first[field].edges.length).toBe(Math.min(100, first[field].totalCount));
      const last = await expectData(app, `{ ${field}(last: 100) { totalCount edges { cursor } } }`);
      expect(last[field].edges.length).toBe(Math.min(100, last[field].totalCount));
    });

    test('nested connections are capped too', async () => {
      const app = backend().app;
      for (const query of [
        `{ source(slug: "t3-card") { results(first: 101) { edges { cursor } } } }`,
        `{ source(slug: "t3-card") { results(last: 101) { edges { cursor } } } }`,
        `{ organization(slug: "meta") { models(first: 101) { nodes { slug } } } }`,
        `{ dataset(slug: "mmlu") { results(first: 500) { nodes { value } } } }`,
        `{ technique(slug: "sft") { models(first: 101) { nodes { slug } } } }`,
        `{ model(slug: "gpt-4o") { results(last: 1000) { nodes { value } } } }`,
      ]) {
        const errors = await expectErrors(app, query);
        expect(errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
        expect(errors?.[0]?.message, query).toMatch(/100/);
      }
      const ok = await expectData(
        app,
        `{ source(slug: "t3-card") { results(first: 100) { totalCount edges { cursor } } } }`,
      );
      expect(ok.source.results.edges).toHaveLength(84);
    });

    test('a 101-item page is refused by a benchmarkResults connection that has more than 100 items', async () => {
      // 257 results: a silently clamped page would return 100 items and hasNextPage, and look fine.
      const { body } = await execute(
        backend().app,
        `{ benchmarkResults(first: 101) { edges { cursor } pageInfo { hasNextPage } } }`,
      );
      expect(body.data?.benchmarkResults).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    // Regression test for a fixed bug: the page-size check lives in the connection's `maxSize` callback, which plugin-drizzle only calls
    // when it builds the page query. When the selection is only `totalCount`, no page query is built, so
    // `first: 101` (and `first: -1`) are accepted there but refused as soon as `edges` or `nodes` is selected.
    test('first: 101 is refused even when only totalCount is selected (root connection)', async () => {
      const errors = await expectErrors(backend().app, `{ models(first: 101) { totalCount } }`);
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    test('first: 101 is refused even when only totalCount is selected (nested connection)', async () => {
      const errors = await expectErrors(
        backend().app,
        `{ organization(slug: "meta") { models(first: 101) { totalCount } } }`,
      );
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    test('first and last together are refused with a message, not masked', async () => {
      const app = backend().app;
      for (const query of [
        `{ models(first: 2, last: 2) { edges { cursor } } }`,
        `{ source(slug: "t3-card") { results(first: 2, last: 2) { edges { cursor } } } }`,
      ]) {
        const { status, body } = await execute(app, query);
        expect(status, query).toBe(200);
        expect(body.errors, query).toHaveLength(1);
        expect(body.errors?.[0]?.message, query).toMatch(/"first" and "last"/);
      }
    });

    test('a negative first or last is refused with a message, not masked', async () => {
      const app = backend().app;
      for (const query of [
        `{ models(first: -1) { edges { cursor } } }`,
        `{ models(last: -1) { edges { cursor } } }`,
        `{ source(slug: "t3-card") { results(first: -1) { edges { cursor } } } }`,
      ]) {
        const { status, body } = await execute(app, query);
        expect(status, query).toBe(200);
        expect(body.errors?.length, query).toBe(1);
        expect(body.errors?.[0]?.message, query).not.toBe('Unexpected error.');
        expect(body.errors?.[0]?.message, query).toMatch(/first|last/);
        expect(body.errors?.[0]?.message, query).toMatch(/negative|non-negative/);
      }
    });
  });

  describe('cursors', () => {
    test('the same query twice gives the same cursors', async () => {
      const app = backend().app;
      for (const target of [
        rootTarget('models', '', 'orderBy: { field: RELEASE_DATE }'),
        rootTarget('models', '', 'orderBy: { field: PARAMETER_COUNT, direction: DESC }'),
        rootTarget('benchmarkResults', '', 'orderBy: { field: VALUE }'),
        rootTarget('sources', '', 'orderBy: { field: PUBLISHED_ON }'),
        rootTarget('claims', ''),
        nestedTarget('organization(slug: "allen-institute-for-ai")', 'models', ''),
        nestedTarget('dataset(slug: "mmlu")', 'results', ''),
      ]) {
        const one = await fetchPage(app, target, { first: 10 });
        const two = await fetchPage(app, target, { first: 10 });
        expect(one.edges.length).toBeGreaterThan(0);
        expect(
          two.edges.map((e) => e.cursor),
          target.label,
        ).toEqual(one.edges.map((e) => e.cursor));
        expect(two.pageInfo).toEqual(one.pageInfo);
      }
    });

    test('an item has the same cursor whichever page it is on and whichever way it was reached', async () => {
      const app = backend().app;
      const target = rootTarget('datasets', 'slug', 'orderBy: { field: INTRODUCED_YEAR, direction: DESC }');
      const whole = await fetchPage(app, target, { first: 59 });
      const cursorOf = new Map(whole.edges.map((e) => [e.node.id, e.cursor]));
      const middle = await fetchPage(app, target, { first: 7, after: whole.edges[20]?.cursor });
      const backward = await fetchPage(app, target, { last: 7, before: whole.edges[40]?.cursor });
      for (const e of [...middle.edges, ...backward.edges]) expect(e.cursor).toBe(cursorOf.get(e.node.id));
      expect(middle.edges.map((e) => e.node.id)).toEqual(whole.edges.slice(21, 28).map((e) => e.node.id));
      expect(backward.edges.map((e) => e.node.id)).toEqual(whole.edges.slice(33, 40).map((e) => e.node.id));
    });

    const badCursors = {
      'not base64 of anything': 'garbage',
      'base64 without the cursor prefix': Buffer.from('hello').toString('base64'),
      'an unknown value tag': Buffer.from('DC:Q:1').toString('base64'),
      'broken JSON': Buffer.from('DC:O:{').toString('base64'),
    };

    for (const [label, cursor] of Object.entries(badCursors)) {
      test(`an invalid cursor (${label}) is refused with a clear error`, async () => {
        const app = backend().app;
        for (const [query, field] of [
          [`query($c: String) { models(first: 3, after: $c) { edges { cursor } } }`, 'models'],
          [`query($c: String) { benchmarkResults(last: 3, before: $c) { edges { cursor } } }`, 'benchmarkResults'],
          [
            `query($c: String) { source(slug: "t3-card") { results(first: 3, after: $c) { edges { cursor } } } }`,
            'source',
          ],
        ] as const) {
          const { status, body } = await execute(app, query, { c: cursor });
          expect(status, `${field}: HTTP status`).toBe(200);
          expect(body.errors, field).toHaveLength(1);
          expect(body.errors?.[0]?.message, field).not.toBe('Unexpected error.');
          expect(body.errors?.[0]?.message, field).toMatch(/cursor/i);
          expect(body.data?.[field]).toBeNull();
        }
      });
    }

    // Regression test for a fixed bug: a cursor is only checked for its shape, not for the type of value the ordering needs. A cursor
    // from another ordering (here a slug from the default order, used with RELEASE_DATE, or with the integer
    // id order of benchmarkResults) reaches PostgreSQL as `'deepseek-v3'::date` / `'deepseek-v3'::integer`,
    // the query fails, and the client gets the masked "Unexpected error." (INTERNAL_SERVER_ERROR).
    test('a cursor issued for another ordering is refused with a clear error', async () => {
      const app = backend().app;
      const bySlug = await fetchPage(app, rootTarget('models', ''), { first: 1 });
      const cursor = bySlug.pageInfo.endCursor;
      for (const query of [
        `query($c: String) { models(first: 3, after: $c, orderBy: { field: RELEASE_DATE }) { edges { cursor } } }`,
        `query($c: String) { benchmarkResults(first: 3, after: $c) { edges { cursor } } }`,
        `query($c: String) { source(slug: "t3-card") { results(first: 3, after: $c) { edges { cursor } } } }`,
      ]) {
        const { status, body } = await execute(app, query, { c: cursor });
        expect(status).toBe(200);
        expect(body.errors?.[0]?.message, query).not.toBe('Unexpected error.');
        expect(body.errors?.[0]?.message, query).toMatch(/cursor/i);
      }
    });
  });
});
