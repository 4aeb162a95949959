/**
 * The Explorer (web/, served by src/http/explorer.ts): its static files as the server sends them, and each page
 * in a real browser (Debian's Chromium through playwright-core) against a seeded database, in-process on a random
 * port: PGlite, and PostgreSQL too when DATABASE_URL is set (its pages' data only, see "in Chromium"). The
 * browser tests are skipped, saying so, when /usr/bin/chromium is missing; `.ci/run` installs it. The figures a
 * page must show are read from the API in the test, never written into it.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXPLORER_OPERATIONS_FILE } from '../src/http/explorer.ts';
import { type LiveData, startLiveData } from '../src/live/live-data.ts';
import { type Manifest, type PersistedMode, loadManifest, sha256 } from '../src/http/persisted.ts';
import { explorerManifest, explorerManifestPath } from '../src/scripts/persisted-manifest.ts';
import { createApp, type App } from '../src/yoga.ts';
import { backendKinds, openBackend } from './helpers/backends.ts';
import { hasChromium, launchChromium, type WatchedPage, watchedPage } from './helpers/browser.ts';
import { expectData } from './helpers/graphql.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `target` on a random port of 127.0.0.1: its address, and how to stop it. */
async function listen(target: App): Promise<{ base: string; close(): Promise<void> }> {
  const server: Server = createServer(target);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let backend: Awaited<ReturnType<typeof openBackend>>;
let app: App;
let listening: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  // The same cached build `npm start` makes (a no-op when web/ did not change since the last one).
  await promisify(execFile)(process.execPath, ['src/scripts/explorer-build.mjs'], { cwd: root });
  backend = await openBackend('pglite');
  app = createApp({ database: backend.database, graphiql: false, explorer: true });
  listening = await listen(app);
}, 180_000);

afterAll(async () => {
  await listening?.close();
  await live?.close();
  await backend?.close();
});

describe('static files', () => {
  test('/ and every page path serve the app, compressed, revalidated; assets are immutable', async () => {
    for (const path of ['/', '/model/tulu-3-405b', '/benchmark/gsm8k?metric=exact-match']) {
      const response = await app.fetch(`http://modelgraph.test${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-encoding')).toBe('br');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
    const page = await app.fetch('http://modelgraph.test/', { headers: { 'accept-encoding': 'identity' } });
    const html = await page.text();
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await app.fetch(`http://modelgraph.test${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = asset.headers.get('etag') as string;
    const again = await app.fetch(`http://modelgraph.test${script}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  test('the API keeps its paths; a missing asset is a 404, not the page', async () => {
    expect((await app.fetch('http://modelgraph.test/health')).status).toBe(200);
    const graphql = await app.fetch('http://modelgraph.test/graphql?query={__typename}');
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await app.fetch('http://modelgraph.test/assets/missing.js')).status).toBe(404);
  });

  test('without a build, / says how to make one instead of a 404', async () => {
    const bare = createApp({ database: backend.database, graphiql: false, explorer: { dir: '/nonexistent' } });
    const response = await bare.fetch('http://modelgraph.test/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('npm run explorer:build');
  });
});

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

/** An app serving the Explorer whose persisted operations run in `mode`, with the examples' manifest. */
/** Live data (for the response cache), started by the first app that asks, closed after the file. */
let live: LiveData | undefined;

/**
 * The app as `npm start` runs it, response cache included: the cache adds `__typename` to every selection, and
 * so to a query's cost (the claims page once went past the complexity limit there and nowhere else).
 */
async function appIn(mode: PersistedMode): Promise<App> {
  const manifest = mode === 'off' ? new Map<string, string>() : await loadManifest();
  live ??= await startLiveData({ database: backend.database, responseCache: true });
  return createApp({
    database: backend.database,
    graphiql: false,
    explorer: true,
    live,
    responseCache: { ttlMs: 60_000 },
    http: { persisted: { mode, manifest } },
  });
}

async function post(target: App, body: unknown): Promise<{ status: number; body: Body }> {
  const response = await target.fetch('http://modelgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

const byHash = (sha256Hash: string, variables?: Record<string, unknown>) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash } },
});

describe('persisted operations', () => {
  let committed: Manifest;
  beforeAll(async () => {
    committed = JSON.parse(await readFile(explorerManifestPath, 'utf8')) as Manifest;
  });

  test("the committed manifest is the Explorer's documents as urql sends them (npm run persisted:build), and goes into the build", async () => {
    expect(committed).toEqual(await explorerManifest());
    const built = JSON.parse(await readFile(`${root}/web/dist/${EXPLORER_OPERATIONS_FILE}`, 'utf8')) as unknown;
    expect(built).toEqual(committed);
  });

  /**
   * Variables for each of the Explorer's operations, in an order where each can use the data of those before it,
   * as the pages do. A new document without an entry here fails the test below.
   */
  const tulu = 'tulu-3-405b';
  const variablesOf: Record<string, (data: Record<string, any>) => Record<string, unknown>> = {
    ExplorerHome: () => ({}),
    ExplorerSearch: () => ({ text: 'tulu', first: 5 }),
    ExplorerModel: () => ({ slug: tulu }),
    ExplorerModelClaims: () => ({ slug: tulu }),
    ExplorerBenchmarkKeys: () => ({ dataset: 'gsm8k' }),
    ExplorerBenchmark: (data) => {
      const [key] = data.ExplorerBenchmarkKeys.comparabilityKeys;
      const { __typename, ...setting } = key.setting;
      return { dataset: 'gsm8k', metric: key.metric.slug, setting };
    },
    ExplorerCompareBenchmarks: () => ({ models: [tulu, 'deepseek-v3'] }),
    ExplorerCompare: () => ({ models: [tulu, 'deepseek-v3'], datasets: ['gsm8k'] }),
    ExplorerClaims: () => ({ source: 'article' }),
    ExplorerOrganization: () => ({ slug: 'deepseek' }),
    ExplorerOrganizationScores: () => ({ models: ['deepseek-v3'] }),
    ExplorerEntity: () => ({ slug: tulu, model: true, organization: false, dataset: false, technique: false }),
    ExplorerNeighborhood: (data) => ({ id: data.ExplorerEntity.model.id, depth: 1, limit: 20 }),
    ExplorerPath: (data) => {
      const from = data.ExplorerEntity.model.id as string;
      const nodes = data.ExplorerNeighborhood.neighborhood.nodes as { entityId: string }[];
      return { from, to: nodes.find((node) => node.entityId !== from)!.entityId };
    },
  };

  test('allow-list: every Explorer operation runs by its hash, with the data the page asks for', async () => {
    const allowList = await appIn('allow-list');
    expect(Object.keys(variablesOf).sort()).toEqual(committed.operations.map((o) => o.name).sort());
    const data: Record<string, any> = {};
    for (const [name, variables] of Object.entries(variablesOf)) {
      const { id } = committed.operations.find((operation) => operation.name === name)!;
      const result = await post(allowList, byHash(id, variables(data)));
      expect({ name, status: result.status, errors: result.body.errors }).toEqual({
        name,
        status: 200,
        errors: undefined,
      });
      // Every field asked for is there (fields skipped by @include(if: false) are absent, not null).
      expect(Object.keys(result.body.data ?? {}).length, name).toBeGreaterThan(0);
      for (const [field, value] of Object.entries(result.body.data ?? {}))
        expect(value, `${name}.${field}`).not.toBeNull();
      data[name] = result.body.data;
    }
  });

  test('allow-list: documents are still refused, an Explorer one too, and so are unknown hashes', async () => {
    const allowList = await appIn('allow-list');
    const [explorerOperation] = committed.operations;
    for (const query of ['{ __typename }', explorerOperation!.body]) {
      const refused = await post(allowList, { query });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    }
    const unknown = await post(allowList, byHash(sha256('query ExplorerHome { __typename }')));
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // Without the Explorer, its hashes are unknown too: they come with it, not with the examples' manifest.
    const api = createApp({
      database: backend.database,
      graphiql: false,
      http: { persisted: { mode: 'allow-list', manifest: await loadManifest() } },
    });
    const home = committed.operations.find((operation) => operation.name === 'ExplorerHome')!;
    expect((await post(api, byHash(home.id))).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  test("off: the Explorer's hashes alone are known; documents run, unknown hashes are not registered", async () => {
    const off = await appIn('off');
    const home = committed.operations.find((operation) => operation.name === 'ExplorerHome')!;
    expect((await post(off, byHash(home.id))).body.data).toMatchObject({ tulu: { slug: tulu } });
    expect((await post(off, { query: '{ __typename }' })).body.data).toEqual({ __typename: 'Query' });
    const query = '{ models(first: 1) { totalCount } }';
    expect((await post(off, { query, ...byHash(sha256(query)) })).status).toBe(200);
    expect((await post(off, byHash(sha256(query)))).body.errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });

  describe("the Explorer's client (web/src/persisted.ts)", () => {
    type CreatePersistedFetch = (send: typeof fetch) => typeof fetch;
    let createPersistedFetch: CreatePersistedFetch;
    beforeAll(async () => {
      // By URL: web/ is its own TypeScript project.
      const url = pathToFileURL(`${root}/web/src/persisted.ts`).href;
      ({ createPersistedFetch } = (await import(url)) as { createPersistedFetch: CreatePersistedFetch });
    });

    /** A client's fetch against `target`, and the bodies it sent. */
    function clientOf(target: App) {
      const sent: Record<string, unknown>[] = [];
      const send: typeof fetch = async (input, init) => {
        sent.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
        return (target.fetch as typeof fetch)(String(input), init);
      };
      const persistedFetch = createPersistedFetch(send);
      /** Runs an Explorer document as urql's fetchExchange sends it: POST, its text in `query`. */
      const run = async (name: string, variables: Record<string, unknown>) => {
        const { body } = committed.operations.find((operation) => operation.name === name)!;
        const response = await persistedFetch('http://modelgraph.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify({ operationName: name, query: body, variables }),
        });
        return (await response.json()) as Body;
      };
      return { sent, run };
    }

    test.each(['allow-list', 'apq', 'off'] as const)('%s: gets the data with one request by hash', async (mode) => {
      const { sent, run } = clientOf(await appIn(mode));
      const result = await run('ExplorerModel', { slug: tulu });
      expect(result.errors).toBeUndefined();
      expect(result.data).toMatchObject({ model: { slug: tulu } });
      expect(sent).toHaveLength(1);
      expect(sent[0]).not.toHaveProperty('query');
      expect(sent[0]).toMatchObject({ extensions: { persistedQuery: { version: 1 } } });
    });

    test('a server that takes no hashes gets the document, once refused, and from then on only documents', async () => {
      const plain = createApp({ database: backend.database, graphiql: false });
      const { sent, run } = clientOf(plain);
      expect((await run('ExplorerModel', { slug: tulu })).data).toMatchObject({ model: { slug: tulu } });
      expect(sent.map((body) => 'query' in body)).toEqual([false, true]);
      expect((await run('ExplorerModelClaims', { slug: tulu })).errors).toBeUndefined();
      expect(sent.map((body) => 'query' in body)).toEqual([false, true, true]);
    });
  });
});

if (!hasChromium)
  console.warn('Explorer browser tests skipped: /usr/bin/chromium is missing (apt-get install chromium)');

/**
 * Once per backend. On PostgreSQL (with DATABASE_URL) only the tests of what a page shows from the database run
 * again (`dataTest`); the others check what does not depend on it (the keyboard, every page's console, persisted
 * operations) and run on PGlite only: the PostgreSQL run adds ~22 s to the file's ~65 s (measured at load
 * average ~10 on the 2-core machine), where all of them would add about as much again as PGlite takes.
 */
describe.skipIf(!hasChromium).each(backendKinds)('in Chromium [%s]', (kind) => {
  let browser: Browser;
  const opened: WatchedPage[] = [];
  /** The app serving the pages (on this backend's database), and where it listens. */
  let site: App;
  let base: string;
  let stop = async () => {};
  const everything = kind === 'pglite';
  /** A test of the data a page shows: on every backend. */
  const dataTest = test;
  /** A test of what does not depend on the database: on PGlite only. */
  const pgliteTest = test.runIf(everything);

  beforeAll(async () => {
    browser = await launchChromium();
    if (kind === 'pglite') {
      site = app;
      base = listening.base;
      return;
    }
    const own = await openBackend(kind);
    site = createApp({ database: own.database, graphiql: false, explorer: true });
    const served = await listen(site);
    base = served.base;
    stop = async () => {
      await served.close();
      await own.close();
    };
  }, 180_000);

  afterAll(async () => {
    await Promise.all(opened.map(({ page }) => page.context().close()));
    await browser?.close();
    await stop();
  });

  /** Data through the public API, as the page gets it. */
  async function api<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    return (await expectData(site, query, variables)) as T;
  }

  /** Opens a page of the app and waits until its main content is there. */
  async function open(path: string, ready: string): Promise<WatchedPage> {
    const watched = await watchedPage(browser, base);
    opened.push(watched);
    await watched.page.goto(path);
    await watched.page.locator(ready).first().waitFor();
    return watched;
  }

  /** Nothing went wrong on the page and nothing left 127.0.0.1. */
  function expectClean({ errors, foreignRequests }: WatchedPage) {
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  }

  dataTest('home shows the counts of the graph and links to the query in GraphiQL', async () => {
    const data = await api<{ models: { totalCount: number }; claims: { totalCount: number } }>(
      '{ models(first: 1) { totalCount } claims(first: 1) { totalCount } }',
    );
    const home = await open('/', '[data-testid=counts]');
    const counts = await home.page.locator('[data-testid=counts]').innerText();
    expect(counts).toContain(`${data.models.totalCount}\nmodels`);
    expect(counts).toContain(`${data.claims.totalCount}\nclaims`);
    const href = await home.page.getByTestId('query-link').getAttribute('href');
    expect(decodeURIComponent(href?.replace(/^\/graphql\?query=/, '') ?? '')).toContain('models(first: 1)');
    expectClean(home);
  });

  pgliteTest('search finds "tulu3" as you type, and the keyboard opens the hit', async () => {
    const home = await open('/', '[data-testid=counts]');
    const { page } = home;
    const box = page.getByRole('combobox', { name: /search/i });
    await box.fill('tulu3');
    const first = page.getByRole('option').first();
    await expect.poll(() => first.textContent()).toContain('Tülu 3 405B');
    await box.press('ArrowDown');
    await expect.poll(() => first.getAttribute('aria-selected')).toBe('true');
    await box.press('Enter');
    await page.waitForURL(`${base}/model/tulu-3-405b`);
    await page.getByRole('heading', { level: 1, name: 'Tülu 3 405B' }).waitFor();
    expectClean(home);
  });

  dataTest('the search page lists every hit with what matched', async () => {
    const search = await open('/search?q=tulu3', '[data-testid=search-results] li');
    expect(await search.page.locator('[data-testid=search-results] li').first().innerText()).toContain('Tülu 3 405B');
    expectClean(search);
  });

  dataTest('the model page shows the lineage graph and the results table with the seed’s values', async () => {
    type Lineage = { model: { slug: string; name: string } }[];
    const { model } = await api<{
      model: {
        ancestors: Lineage;
        descendants: Lineage;
        results: { totalCount: number; nodes: { value: number; dataset: { name: string } }[] };
      };
    }>(`{ model(slug: "tulu-3-405b") {
      ancestors(maxDepth: 4) { model { slug name } }
      descendants(maxDepth: 3) { model { slug name } }
      results(first: 100) { totalCount nodes { value dataset { name } } }
    } }`);
    const view = await open('/model/tulu-3-405b', '[data-testid=results-table]');
    const { page } = view;
    const graph = page.getByTestId('lineage-graph');
    await graph.locator('canvas').first().waitFor();
    const relatives = new Set([...model.ancestors, ...model.descendants].map((r) => r.model.slug));
    expect(relatives.size).toBeGreaterThan(1);
    expect(Number(await graph.getAttribute('data-nodes'))).toBe(relatives.size + 1);
    const listed = (await page.getByTestId('lineage-list').textContent()) ?? '';
    for (const relative of [...model.ancestors, ...model.descendants]) expect(listed).toContain(relative.model.name);

    const values = await page
      .locator('[data-testid=results-table] td[data-value]')
      .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-value'))));
    expect(model.results.totalCount).toBeGreaterThan(0);
    expect(values.sort()).toEqual(model.results.nodes.map((r) => r.value).sort());
    const table = await page.getByTestId('results-table').innerText();
    for (const name of new Set(model.results.nodes.map((r) => r.dataset.name))) expect(table).toContain(name);
    expect(await page.getByTestId('stages').innerText()).toMatch(/SFT[\s\S]*DPO[\s\S]*RLVR/);
    expectClean(view);
  });

  pgliteTest(
    'the model page asks for its data while its code loads, and shows it before the graph library',
    async () => {
      const watched = await watchedPage(browser, base);
      opened.push(watched);
      const { page } = watched;
      /** Holds the requests for the files `pattern` matches until `release` is called. */
      function hold(pattern: RegExp) {
        let release = () => {};
        const released = new Promise<void>((resolve) => (release = resolve));
        let requested = false;
        void page.route(pattern, async (route) => {
          requested = true;
          await released;
          await route.continue();
        });
        return { release, requested: () => requested };
      }
      const operations: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/graphql')
          operations.push((request.postDataJSON() as { operationName?: string }).operationName ?? '?');
      });
      const pageCode = hold(/\/assets\/Model-[^/]*\.js$/);
      const graphLibrary = hold(/\/assets\/cytoscape[^/]*\.js$/);
      await page.goto('/model/tulu-3-405b');
      // The page's queries leave while its own code is still held back.
      await expect.poll(() => operations).toEqual(expect.arrayContaining(['ExplorerModel', 'ExplorerModelClaims']));
      expect(pageCode.requested()).toBe(true);
      expect(graphLibrary.requested()).toBe(true);
      pageCode.release();
      // Facts and results show while Cytoscape is still held back; the graph's frame is there, empty.
      await page.getByTestId('results-table').waitFor();
      expect(await page.getByTestId('lineage-graph').count()).toBe(1);
      expect(await page.locator('[data-testid=lineage-graph] canvas').count()).toBe(0);
      graphLibrary.release();
      await page.locator('[data-testid=lineage-graph] canvas').first().waitFor();
      await page.getByTestId('model-claims').waitFor();
      // The page asked for what was already on its way: each query went once.
      expect(operations.sort()).toEqual(['ExplorerModel', 'ExplorerModelClaims']);
      expectClean(watched);
    },
  );

  dataTest('the benchmark page charts the state of the art and the Pareto frontier with the API’s points', async () => {
    type Point = { value: number; model: { name: string } };
    const { comparabilityKeys } = await api<{
      comparabilityKeys: { key: string; metric: { slug: string }; setting: Record<string, unknown> }[];
    }>(
      '{ comparabilityKeys(dataset: "gsm8k") { key metric { slug } setting { shots chainOfThought passK variant split scaffold } } }',
    );
    const chosen = comparabilityKeys[0]!;
    const data = await api<{
      leaderboard: { entries: { model: { name: string }; value: number }[] };
      stateOfTheArt: { points: Point[] };
      paretoFrontier: { frontier: Point[]; dominated: Point[] };
    }>(
      `query ($metric: String!, $setting: EvaluationSettingInput!) {
        leaderboard(dataset: "gsm8k", metric: $metric, setting: $setting, first: 100) { entries { value model { name } } }
        stateOfTheArt(dataset: "gsm8k", metric: $metric, setting: $setting) { points { value model { name } } }
        paretoFrontier(dataset: "gsm8k", metric: $metric, setting: $setting) {
          frontier { value model { name } } dominated { value model { name } }
        }
      }`,
      { metric: chosen.metric.slug, setting: chosen.setting },
    );
    expect(data.stateOfTheArt.points.length).toBeGreaterThan(0);
    expect(data.paretoFrontier.frontier.length).toBeGreaterThan(0);

    const view = await open(`/benchmark/gsm8k?key=${encodeURIComponent(chosen.key)}`, '[data-testid=pareto-chart] svg');
    const { page } = view;
    const titles = (selector: string) =>
      page.locator(selector).evaluateAll((nodes) => nodes.map((node) => node.textContent ?? '').sort());
    const names = (points: Point[]) => points.map((p) => p.model.name);
    const sota = await titles('[data-testid=sota-chart] g.record circle title');
    expect(sota.map((t) => t.split(':')[0])).toEqual(names(data.stateOfTheArt.points).sort());
    const frontier = await titles('[data-testid=pareto-chart] g.frontier circle title');
    expect(frontier.map((t) => t.split(':')[0])).toEqual(names(data.paretoFrontier.frontier).sort());
    const dominated = await titles('[data-testid=pareto-chart] g.dominated circle title');
    expect(dominated.map((t) => t.split(':')[0])).toEqual(names(data.paretoFrontier.dominated).sort());
    const firstRow = page.locator('[data-testid=leaderboard] tbody tr').first();
    expect(await firstRow.locator('th').innerText()).toBe(data.leaderboard.entries[0]!.model.name);
    expect(Number(await firstRow.locator('td[data-value]').getAttribute('data-value'))).toBe(
      data.leaderboard.entries[0]!.value,
    );
    expectClean(view);
  });

  dataTest('compare shows the winner of each benchmark, Tülu 3 405B on GSM8K', async () => {
    const models = ['tulu-3-405b', 'deepseek-v3', 'gpt-4o'];
    const datasets = ['popqa', 'gsm8k', 'humaneval', 'mmlu'];
    const { compare } = await api<{
      compare: { rows: { comparability: { key: string; dataset: { name: string } }; winners: { name: string }[] }[] };
    }>(
      'query ($models: [String!]!, $datasets: [String!]!) { compare(models: $models, datasets: $datasets) { rows { comparability { key dataset { name } } winners { name } } } }',
      {
        models,
        datasets,
      },
    );
    const view = await open(
      `/compare?models=${models.join(',')}&datasets=${datasets.join(',')}`,
      '[data-testid=compare-matrix]',
    );
    const rows = view.page.locator('[data-testid=compare-matrix] tbody tr');
    expect(await rows.count()).toBe(compare.rows.length);
    for (const row of compare.rows) {
      const shown = view.page.locator(`[data-testid=compare-matrix] tr[data-key="${row.comparability.key}"]`);
      expect(await shown.getByTestId('winner').innerText()).toBe(row.winners.map((w) => w.name).join(', '));
    }
    const gsm8k = view.page.locator('[data-testid=compare-matrix] tbody tr', { hasText: 'GSM8K' }).first();
    expect(await gsm8k.getByTestId('winner').innerText()).toBe('Tülu 3 405B');
    expect(await gsm8k.locator('td.winner').innerText()).toBe('95.5');
    expectClean(view);
  });

  dataTest('the claims page shows each claim of the article with its verdict and checks', async () => {
    const { claims } = await api<{ claims: { nodes: { ordinal: number; verdict: { verdict: string } }[] } }>(
      '{ claims(first: 100, filter: { source: ["article"] }) { nodes { ordinal verdict { verdict } } } }',
    );
    const view = await open('/claims?source=article', '[data-testid=claims] li.claim');
    const shown = view.page.locator('[data-testid=claims] li.claim');
    expect(await shown.count()).toBe(claims.nodes.length);
    for (const claim of claims.nodes) {
      const badge = await view.page.locator(`#claim-${claim.ordinal} h2 .badge`).innerText();
      expect(badge.replace(/ /g, '_').toUpperCase()).toBe(claim.verdict.verdict);
    }
    expectClean(view);
  });

  dataTest('the organization page lists its models, the techniques they use and its best scores', async () => {
    const { organization } = await api<{ organization: { models: { nodes: { name: string }[] } } }>(
      '{ organization(slug: "allen-institute-for-ai") { models(first: 100) { nodes { name } } } }',
    );
    const view = await open('/organization/allen-institute-for-ai', '[data-testid=best-scores] tbody tr');
    const more = view.page.getByRole('button', { name: /^Show / });
    if (await more.count()) await more.click();
    const models = await view.page.getByTestId('models').innerText();
    for (const model of organization.models.nodes) expect(models).toContain(model.name);
    expect(await view.page.getByTestId('techniques').innerText()).toContain('Direct Preference Optimization');
    expectClean(view);
  });

  dataTest('the graph page shows the neighborhood, expands a node on request, and the shortest path', async () => {
    const ids = await api<{ ai2: { id: string }; deepseek: { id: string } }>(
      '{ ai2: organization(slug: "allen-institute-for-ai") { id } deepseek: organization(slug: "deepseek") { id } }',
    );
    const { path } = await api<{ path: { nodes: { name: string }[] } }>(
      'query ($from: ID!, $to: ID!) { path(from: $from, to: $to, maxHops: 4) { nodes { name } } }',
      { from: ids.ai2.id, to: ids.deepseek.id },
    );
    const view = await open(
      '/graph/organization/allen-institute-for-ai?to=organization:deepseek',
      '[data-testid=path] li',
    );
    const { page } = view;
    const steps = await page.getByTestId('path').innerText();
    for (const node of path.nodes) expect(steps).toContain(node.name);
    expect(await page.locator('[data-testid=path] li').count()).toBe(path.nodes.length - 1);

    const graph = page.getByTestId('neighborhood-graph');
    await graph.locator('canvas').first().waitFor();
    const before = Number(await graph.getAttribute('data-nodes'));
    expect(before).toBeGreaterThan(1);
    // The keyboard's way to expand: the list beside the canvas.
    await graph.locator('summary').click();
    const tulu = graph
      .locator('li', { hasText: 'Tülu 3 405B' })
      .filter({ has: page.getByRole('button') })
      .first();
    await tulu.getByRole('button', { name: 'Expand' }).first().click();
    await expect.poll(async () => Number(await graph.getAttribute('data-nodes'))).toBeGreaterThan(before);
    expectClean(view);
  });

  pgliteTest(
    'every page loads without a console error or a request leaving 127.0.0.1',
    async () => {
      const pages: [string, string][] = [
        ['/', '[data-testid=counts]'],
        ['/search?q=deepseek', '[data-testid=search-results] li'],
        ['/model/deepseek-v3', '[data-testid=results-table]'],
        ['/benchmark/mmlu', '[data-testid=leaderboard]'],
        ['/organization/deepseek', '[data-testid=models]'],
        ['/compare', '[data-testid=compare-matrix]'],
        ['/claims', '[data-testid=claims]'],
        ['/graph', 'h1'],
        ['/graph/model/tulu-3-405b', '[data-testid=neighborhood-graph] canvas'],
        ['/no/such/page', 'h1'],
      ];
      for (const [path, ready] of pages) {
        const view = await open(path, ready);
        expect(await view.page.locator('h1').count(), path).toBe(1);
        expect((await view.page.getByTestId('query-link').count()) + (path === '/no/such/page' ? 1 : 0), path).toBe(1);
        expect({ path, ...view }.errors).toEqual([]);
        expect({ path, foreign: view.foreignRequests }).toEqual({ path, foreign: [] });
      }
    },
    240_000,
  );

  pgliteTest(
    'with PERSISTED_OPERATIONS=allow-list the pages show their data, every operation sent by hash',
    async () => {
      const strict = await listen(await appIn('allow-list'));
      try {
        const watched = await watchedPage(browser, strict.base);
        opened.push(watched);
        const { page } = watched;
        const sent: unknown[] = [];
        page.on('request', (request) => {
          if (new URL(request.url()).pathname === '/graphql') sent.push(request.postDataJSON());
        });
        await page.goto('/');
        const counts = page.getByTestId('counts');
        await counts.waitFor();
        const { models } = await api<{ models: { totalCount: number } }>('{ models(first: 1) { totalCount } }');
        expect(await counts.innerText()).toContain(`${models.totalCount}\nmodels`);
        await page.goto('/model/tulu-3-405b');
        await page.getByTestId('results-table').waitFor();
        await page.getByRole('heading', { level: 1, name: 'Tülu 3 405B' }).waitFor();
        expect(sent.length).toBeGreaterThanOrEqual(3);
        for (const body of sent) {
          expect(body).not.toHaveProperty('query');
          expect(body).toMatchObject({ extensions: { persistedQuery: { version: 1 } } });
        }
        expectClean(watched);
      } finally {
        await strict.close();
      }
    },
  );

  pgliteTest('keyboard: the skip link comes first and lands on the content; links are reachable by Tab', async () => {
    const view = await open('/', '[data-testid=counts]');
    const { page } = view;
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    // From the content, Tab reaches the page's own links (the GraphiQL link comes first).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('query-link');
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href'));
    expect(href).toBe('/model/tulu-3-405b');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/model/tulu-3-405b`);
    expectClean(view);
  });
});
