/**
 * Subscriptions in one instance, on each backend: over SSE (app.fetch) and graphql-ws (a real server on a
 * loopback port), fed by the change feed (src/live/). Writes go through mutations; each subscriber waits for
 * its event with a bound, never a timed assertion.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveWebSockets } from '../src/http/websocket.ts';
import { readChangeBatch } from '../src/live/change-feed.ts';
import { type LiveData, startLiveData } from '../src/live/live-data.ts';
import { type App, createApp } from '../src/yoga.ts';
import { apiKeys } from './helpers/auth.ts';
import { backendKinds, openBackend } from './helpers/backends.ts';
import { execute, executeAs } from './helpers/graphql.ts';
import { subscribeSse, subscribeWs, type Subscriber, until } from './helpers/live.ts';
import { runMutation } from './helpers/mutations.ts';

const RESULT_ADDED = `subscription($dataset: String) {
  resultAdded(dataset: $dataset) { value setting { shots } model { slug } dataset { slug } }
}`;
const RESULT_CHANGED = `subscription { resultChanged(model: "llama-3.1-405b") { value setting { shots } model { slug } } }`;
const UPSERT = `mutation($input: UpsertBenchmarkResultInput!) {
  upsertBenchmarkResult(input: $input) { __typename ... on UpsertBenchmarkResultPayload { created result { id } } }
}`;

const result = (model: string, dataset: string, shots: number, value: number) => ({
  model,
  dataset,
  metric: 'accuracy',
  setting: { shots },
  value,
  source: 'dsv3-readme',
});

describe.each(backendKinds)('subscriptions [%s]', (kind) => {
  let backend: Awaited<ReturnType<typeof openBackend>>;
  let live: LiveData;
  let app: App;
  let server: Server;
  let wsUrl: string;
  let editor: string;
  let admin: string;
  const open: Subscriber[] = [];

  beforeAll(async () => {
    backend = await openBackend(kind);
    live = await startLiveData({ database: backend.database });
    app = createApp({ database: backend.database, graphiql: false, live });
    server = createServer(app);
    const sockets = serveWebSockets(server, app);
    server.on('close', () => void sockets.close());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    wsUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    ({ editor, admin } = await apiKeys(backend.database));
  });
  afterAll(async () => {
    for (const subscriber of open) subscriber.close();
    await new Promise((resolve) => server?.close(resolve));
    await live?.close();
    await backend?.close();
  });

  const sse = async (query: string, variables?: Record<string, unknown>) => {
    const subscriber = await subscribeSse((url, init) => app.fetch(url, init), 'http://test/graphql', query, variables);
    open.push(subscriber);
    return subscriber;
  };
  const ws = (query: string, variables?: Record<string, unknown>, params?: Record<string, unknown>) => {
    const subscriber = subscribeWs(wsUrl, query, variables, params);
    open.push(subscriber);
    return subscriber;
  };
  /** Waits until `count` more subscriptions than `before` are being served. */
  const subscribed = (before: number, count: number) =>
    until(() => live.subscriptions() >= before + count, 'subscriptions registered');

  test('the change feed reads what a committed transaction changed', async () => {
    const written = await runMutation(app, editor, 'upsertBenchmarkResult', result('gpt-4o', 'mmlu', 11, 70), UPSERT);
    const [{ transaction_id }] = (await backend.database.query({
      text: `select transaction_id::text from change where entity_type = 'benchmark_result' order by id desc limit 1`,
      values: [],
    })) as [{ transaction_id: string }];
    const batch = await readChangeBatch(backend.database, transaction_id);
    const [mmlu, gpt4o] = (await backend.database
      .query({
        text: `select (select id from dataset where slug = 'mmlu') as d, (select id from model where slug = 'gpt-4o') as m`,
        values: [],
      })
      .then((rows) => [rows[0]!.d, rows[0]!.m])) as [number, number];
    expect(written).toMatchObject({ created: true });
    expect(batch).toMatchObject({
      truncated: false,
      types: ['benchmark_result'],
      datasetIds: [mmlu],
      modelIds: [gpt4o],
    });
    expect(batch.changes).toEqual([
      expect.objectContaining({ type: 'benchmark_result', action: 'insert', datasetIds: [mmlu], modelIds: [gpt4o] }),
    ]);
    // What the result references: its dataset and model among them (their counts and lists changed).
    expect(batch.references).toEqual(
      expect.arrayContaining([
        { type: 'dataset', id: mmlu },
        { type: 'model', id: gpt4o },
      ]),
    );
    expect(batch.referencedTypes).toEqual([]);
    // Too many to list: their kinds instead.
    const summarized = await readChangeBatch(backend.database, transaction_id, { maxReferences: 1 });
    expect(summarized.references).toEqual([]);
    expect(summarized.referencedTypes).toEqual(expect.arrayContaining(['dataset', 'model', 'metric', 'source']));
  });

  test('resultAdded reaches SSE and graphql-ws subscribers, filtered by dataset', async () => {
    const before = live.subscriptions();
    const overSse = await sse(RESULT_ADDED, { dataset: 'gsm8k' });
    const overWs = ws(RESULT_ADDED, { dataset: 'gsm8k' });
    await subscribed(before, 2);
    // Another dataset first: filtered out, so the first event is the gsm8k one.
    await runMutation(app, editor, 'upsertBenchmarkResult', result('gpt-4o', 'mmlu', 13, 71), UPSERT);
    await runMutation(app, editor, 'upsertBenchmarkResult', result('llama-3.1-405b', 'gsm8k', 17, 50), UPSERT);
    const expected = {
      data: {
        resultAdded: {
          value: 50,
          setting: { shots: 17 },
          model: { slug: 'llama-3.1-405b' },
          dataset: { slug: 'gsm8k' },
        },
      },
    };
    expect(await overSse.next('resultAdded over SSE')).toEqual(expected);
    expect(await overWs.next('resultAdded over graphql-ws')).toEqual(expected);
  });

  test('resultChanged: an update of a result of the model', async () => {
    const before = live.subscriptions();
    const overSse = await sse(RESULT_CHANGED);
    const overWs = ws(RESULT_CHANGED);
    await subscribed(before, 2);
    await runMutation(app, editor, 'upsertBenchmarkResult', result('llama-3.1-405b', 'gsm8k', 17, 52.5), UPSERT);
    const expected = {
      data: { resultChanged: { value: 52.5, setting: { shots: 17 }, model: { slug: 'llama-3.1-405b' } } },
    };
    expect(await overSse.next('resultChanged over SSE')).toEqual(expected);
    expect(await overWs.next('resultChanged over graphql-ws')).toEqual(expected);
  });

  test('leaderboardChanged: the dataset’s leaderboard after one of its results changed', async () => {
    const query = `subscription {
      leaderboardChanged(dataset: "gsm8k", metric: "accuracy", setting: { shots: 8 }) {
        totalModels entries { value model { slug } }
      }
    }`;
    const before = live.subscriptions();
    const overSse = await sse(query);
    await subscribed(before, 1);
    await runMutation(app, editor, 'upsertBenchmarkResult', result('gpt-4o', 'gsm8k', 8, 99.5), UPSERT);
    const { data } = await overSse.next('leaderboardChanged');
    expect(data?.leaderboardChanged.entries[0]).toEqual({ value: 99.5, model: { slug: 'gpt-4o' } });
  });

  test('each event is read afresh: an entity changed between two events shows its new fields', async () => {
    const query = `subscription {
      leaderboardChanged(dataset: "gsm8k", metric: "accuracy", setting: { shots: 8 }) { entries { model { slug name } } }
    }`;
    const before = live.subscriptions();
    const overSse = await sse(query);
    await subscribed(before, 1);
    await runMutation(app, editor, 'upsertBenchmarkResult', result('gpt-4o', 'gsm8k', 8, 99.6), UPSERT);
    const first = await overSse.next('the first leaderboard');
    expect(first.data?.leaderboardChanged.entries[0].model.slug).toBe('gpt-4o');
    const renamed = await executeAs(
      app,
      editor,
      `mutation { updateModel(input: { where: { slug: "gpt-4o" }, name: "GPT-4o (renamed live)" }) { __typename } }`,
    );
    expect(renamed.body.errors).toBeUndefined();
    await runMutation(app, editor, 'upsertBenchmarkResult', result('gpt-4o', 'gsm8k', 8, 99.7), UPSERT);
    const second = await overSse.next('the second leaderboard');
    expect(second.data?.leaderboardChanged.entries[0].model).toEqual({ slug: 'gpt-4o', name: 'GPT-4o (renamed live)' });
  });

  test('claimVerdictChanged: published when the verdict changes', async () => {
    // A claim with a decided check that rests on results.
    const { body } = await execute(
      app,
      `{ claims(first: 100) { nodes { slug verdict { verdict summary checks { outcome results { id } } } } } }`,
    );
    type Check = { outcome: string; results: { id: string }[] };
    type Claim = { slug: string; verdict: { verdict: string; summary: string; checks: Check[] } };
    const decided = (check: Check) => ['PASS', 'FAIL'].includes(check.outcome) && check.results.length > 0;
    const claim = (body.data as { claims: { nodes: Claim[] } }).claims.nodes.find((c) =>
      c.verdict.checks.some(decided),
    );
    if (!claim) throw new Error('no claim decided by results in the seed');
    const { slug, verdict } = claim;
    const failing = verdict.checks.find(decided)!;
    const before = live.subscriptions();
    const overWs = ws(
      `subscription($slug: String!) {
      claimVerdictChanged(claim: $slug) { claim { slug } previousVerdict verdict { verdict summary } }
    }`,
      { slug },
    );
    await subscribed(before, 1);
    // The results of a decided check go: it can no longer be decided.
    for (const { id } of failing.results) {
      await runMutation(
        app,
        admin,
        'deleteBenchmarkResult',
        { id },
        `mutation($input: DeleteBenchmarkResultInput!) {
        deleteBenchmarkResult(input: $input) { __typename }
      }`,
      );
    }
    const { data } = await overWs.next('claimVerdictChanged');
    expect(data?.claimVerdictChanged).toMatchObject({ claim: { slug }, previousVerdict: verdict.verdict });
    expect(data?.claimVerdictChanged.verdict.summary).not.toBe(verdict.summary);
  });

  test('claimVerdictChanged: published when a new result decides the claim', async () => {
    // "Qwen2.5-Max beats GPT-4o": the seed has no result of Qwen2.5-Max, so the claim has no data.
    const slug = 'article-claim-20';
    const { body } = await execute(app, `{ claim(slug: "${slug}") { verdict { verdict } } }`);
    expect(body.data).toEqual({ claim: { verdict: { verdict: 'NO_DATA' } } });
    // GPT-4o's side of the comparison first (the verdict still lacks Qwen2.5-Max's).
    await runMutation(app, editor, 'upsertBenchmarkResult', result('gpt-4o', 'mmlu', 31, 70), UPSERT);
    const before = live.subscriptions();
    const overSse = await sse(
      `subscription($slug: String!) { claimVerdictChanged(claim: $slug) { claim { slug } previousVerdict verdict { verdict } } }`,
      { slug },
    );
    await subscribed(before, 1);
    await runMutation(app, editor, 'upsertBenchmarkResult', result('qwen2.5-max', 'mmlu', 31, 80), UPSERT);
    const { data } = await overSse.next('claimVerdictChanged');
    expect(data?.claimVerdictChanged).toMatchObject({ claim: { slug }, previousVerdict: 'NO_DATA' });
    expect(data?.claimVerdictChanged.verdict.verdict).not.toBe('NO_DATA');
  });

  test('a subscription costs like a query: above the limit it is refused before it holds a slot', async () => {
    const before = live.subscriptions();
    const expensive = await sse(`subscription { resultAdded { model { results(first: 100) { nodes {
      dataset { results(first: 100) { nodes { model { results(first: 100) { nodes { value } } } } } }
    } } } } }`);
    expect(await expensive.next()).toMatchObject({ errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
    expect(live.subscriptions()).toBe(before);
  });

  test('an unknown slug is NOT_FOUND; a wrong credential over graphql-ws is UNAUTHENTICATED', async () => {
    const unknown = ws(RESULT_ADDED, { dataset: 'no-such-dataset' });
    await expect(unknown.next()).resolves.toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    const refused = ws(RESULT_ADDED, {}, { authorization: 'Bearer mg_wrong' });
    await expect(refused.next()).rejects.toThrow(/API key is unknown/);
  });
});

test('without live data, a subscription is UNAVAILABLE', async () => {
  const backend = await openBackend('pglite');
  try {
    const subscriber = await subscribeSse(
      (url, init) => backend.app.fetch(url, init),
      'http://test/graphql',
      RESULT_ADDED,
    );
    expect(await subscriber.next()).toMatchObject({ errors: [{ extensions: { code: 'UNAVAILABLE' } }] });
    subscriber.close();
  } finally {
    await backend.close();
  }
});
