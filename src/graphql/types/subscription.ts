/**
 * Subscriptions: benchmark results as they are added or changed, a dataset's leaderboard when its results
 * change, and a claim's verdict when it changes. They follow the change feed (src/live/): any write, on any
 * instance or from the CLI importer, reaches every subscriber once its transaction commits. Served over SSE
 * (`Accept: text/event-stream` on /graphql) and graphql-ws (WebSocket on /graphql, src/http/websocket.ts).
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Verdict } from '../../analytics/claims.ts';
import { verifyClaims } from '../../analytics/claims.ts';
import { resolveComparability } from '../../analytics/comparability.ts';
import type { ChangeBatch } from '../../live/change-feed.ts';
import { NotFoundError } from '../../errors.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { costChecked, costError, queryCost } from '../complexity.ts';
import { ClientError } from '../errors.ts';
import { ClaimVerdict, VerdictKind } from './claim-verdict.ts';
import { comparabilityArgs, LeaderboardRef, leaderboardOf } from './comparison.ts';

builder.subscriptionType({
  description:
    'Live data, pushed when a write commits (on any instance, and imports too). Over SSE (`Accept: text/event-stream`) or graphql-ws (WebSocket on /graphql).',
});

/**
 * Refuses a subscription above the cost and depth limits of a query (src/graphql/complexity.ts), before it holds
 * a slot: the complexity plugin checks a query's cost in its root resolvers, which a subscription runs only
 * when an event comes.
 */
function checkCost(ctx: Context, info: GraphQLResolveInfo): void {
  const error = costError(
    queryCost(info.schema, info.operation, Object.values(info.fragments), info.variableValues, ctx),
  );
  if (error) throw error;
  costChecked.add(ctx);
}

/**
 * The committed transactions from now on, holding one of the process's subscription slots until returned.
 * Called once the subscription's arguments are checked; the cost is checked here first.
 */
function changesFor(ctx: Context, info: GraphQLResolveInfo): AsyncIterableIterator<ChangeBatch> {
  checkCost(ctx, info);
  if (!ctx.live) throw new ClientError('This server does not serve subscriptions.', 'UNAVAILABLE');
  const release = ctx.live.acquire();
  if (!release)
    throw new ClientError('This server serves as many subscriptions as it can; retry later.', 'UNAVAILABLE');
  const changes = ctx.live.changes();
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => changes.next(),
    return: async () => {
      release();
      return changes.return!();
    },
  };
}

/** The events `toEvents` makes of each batch, in order, until the subscriber leaves. */
function eventsOf<T>(
  changes: AsyncIterableIterator<ChangeBatch>,
  toEvents: (batch: ChangeBatch) => Promise<T[]> | T[],
): AsyncIterableIterator<T> {
  const ready: T[] = [];
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (ready.length === 0) {
        const next = await changes.next();
        if (next.done) return { done: true, value: undefined };
        ready.push(...(await toEvents(next.value)));
      }
      return { done: false, value: ready.shift()! };
    },
    async return() {
      await changes.return?.();
      return { done: true, value: undefined };
    },
  };
}

/** The id of the row of `table` with `slug`; NOT_FOUND when there is none. */
async function idOf(ctx: Context, table: 'dataset' | 'model' | 'claim', slug: string): Promise<number> {
  const row = await (ctx.db.query[table] as typeof ctx.db.query.model).findFirst({
    where: { slug },
    columns: { id: true },
  });
  if (!row) throw new NotFoundError({ dataset: 'Dataset', model: 'Model', claim: 'Claim' }[table], 'slug', slug);
  return row.id;
}

const resultEvents =
  (action: 'insert' | 'update') =>
  async (
    _root: unknown,
    args: { dataset?: string | null; model?: string | null },
    ctx: Context,
    info: GraphQLResolveInfo,
  ) => {
    const datasetId = args.dataset == null ? undefined : await idOf(ctx, 'dataset', args.dataset);
    const modelId = args.model == null ? undefined : await idOf(ctx, 'model', args.model);
    return eventsOf(changesFor(ctx, info), (batch) =>
      batch.changes
        .filter(
          (change) =>
            change.type === 'benchmark_result' &&
            change.action === action &&
            (datasetId === undefined || change.datasetIds.includes(datasetId)) &&
            (modelId === undefined || change.modelIds.includes(modelId)),
        )
        .map((change) => change.id),
    );
  };

/** The kinds of entities a verdict is computed from. */
const VERDICT_INPUTS = new Set([
  'benchmark_result',
  'claim',
  'model',
  'dataset',
  'organization',
  'technique',
  'metric',
]);

type ClaimVerdictChange = { claimId: number; previous: Verdict['verdict']; verdict: Verdict };

const ClaimVerdictChangeRef = builder.objectRef<ClaimVerdictChange>('ClaimVerdictChange').implement({
  description: 'A claim whose verdict changed, with the verdict before and now.',
  fields: (t) => ({
    claim: t.drizzleField({
      type: 'claim',
      description: 'The claim.',
      resolve: (_query, change) => ({ id: change.claimId }) as never,
    }),
    previousVerdict: t.field({
      type: VerdictKind,
      description: 'The verdict before the change.',
      resolve: (change) => change.previous,
    }),
    verdict: t.field({ type: ClaimVerdict, description: 'The verdict now.', resolve: (change) => change.verdict }),
  }),
});

builder.subscriptionFields((t) => {
  const filters = {
    dataset: t.arg.string({ description: 'Only results on this dataset (slug, e.g. "gsm8k").' }),
    model: t.arg.string({ description: 'Only results of this model (slug).' }),
  };
  const resultField = (action: 'insert' | 'update', description: string) =>
    t.drizzleField({
      type: 'benchmarkResult',
      nullable: true,
      description: `${description} Null when the result was deleted before it could be read. A transaction changing more than 1000 entities (an import) is not reported result by result.`,
      args: filters,
      subscribe: resultEvents(action),
      // The event is the result's id (`resultEvents`).
      resolve: (query, id, _args, ctx) =>
        ctx.db.query.benchmarkResult.findFirst(query({ where: { id: id as unknown as number } })),
    });
  return {
    resultAdded: resultField(
      'insert',
      'A benchmark result, each time one is created, optionally only on one dataset or model.',
    ),
    resultChanged: resultField(
      'update',
      'A benchmark result, each time one changes (its figures, setting or sources), optionally only on one dataset or model.',
    ),
    leaderboardChanged: t.field({
      type: LeaderboardRef,
      description:
        'The leaderboard of one dataset, metric and setting (as `Query.leaderboard`), each time a change of the dataset’s results changes it.',
      args: {
        ...comparabilityArgs(t.arg, {
          setting: 'Picks the setting when there are several.',
          filter: 'Only models matching these conditions are ranked.',
        }),
        first: t.arg.int({ defaultValue: 50, description: 'Number of entries (at most 100).' }),
      },
      subscribe: async (_root, args, ctx, info) => {
        const comparability = await resolveComparability(ctx.db, args);
        let last = JSON.stringify(await leaderboardOf(args, comparability, ctx));
        return eventsOf(changesFor(ctx, info), async (batch) => {
          if (!batch.datasetIds.includes(comparability.datasetId)) return [];
          const now = await leaderboardOf(args, comparability, ctx);
          const text = JSON.stringify(now);
          if (text === last) return [];
          last = text;
          return [now];
        });
      },
      resolve: (leaderboard) => leaderboard,
    }),
    claimVerdictChanged: t.field({
      type: ClaimVerdictChangeRef,
      description:
        'A claim’s verdict, each time new or changed facts (results, models, the claim) change it: the verdict kind, its summary or its checks.',
      args: { claim: t.arg.string({ required: true, description: 'The claim’s slug.' }) },
      subscribe: async (_root, args, ctx, info) => {
        const claimId = await idOf(ctx, 'claim', args.claim);
        const verdictOf = async () => (await verifyClaims(ctx.db, [claimId])).get(claimId) as Verdict;
        let last = await verdictOf();
        return eventsOf(changesFor(ctx, info), async (batch) => {
          if (!batch.types.some((type) => VERDICT_INPUTS.has(type))) return [];
          const now = await verdictOf();
          if (JSON.stringify(now) === JSON.stringify(last)) return [];
          const change = { claimId, previous: last.verdict, verdict: now };
          last = now;
          return [change];
        });
      },
      resolve: (change) => change,
    }),
  };
});
