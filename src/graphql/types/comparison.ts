/**
 * Who beats whom: comparability keys, leaderboards, comparison matrices and derived wins, computed from
 * comparable results only (src/analytics/ranking.ts). Each answer carries the results and sources it used.
 */
import type { ArgBuilder } from '@pothos/core';
import { sql } from 'drizzle-orm';
import {
  type Comparability,
  comparabilityKeys,
  describeSetting,
  resolveComparability,
} from '../../analytics/comparability.ts';
import {
  type ComparisonCell,
  type ComparisonRow,
  compare,
  type LeaderboardEntry,
  type ModelRecord,
  leaderboard,
} from '../../analytics/ranking.ts';
import type { Beat } from '../../analytics/ranking.ts';
import { rows, textArray } from '../../analytics/sql.ts';
import { model } from '../../db/schema.ts';
import { builder, type SchemaTypes } from '../builder.ts';
import type { Context } from '../context.ts';
import { NotFoundError } from '../../errors.ts';
import { InputError } from '../errors.ts';
import { EvaluationSetting } from './benchmark-result.ts';
import { ModelFilter, ModelRef, modelCondition } from './model.ts';

/** Most entries a leaderboard returns; most models and datasets a comparison takes. */
export const COMPARISON_LIMITS = { leaderboardEntries: 100, models: 20, datasets: 50, beats: 100 } as const;

/**
 * A row known only by id: plugin-drizzle loads the fields the query selects for it, batched per type, in one
 * statement whatever the number of rows.
 */
const stub = (id: number) => ({ id }) as never;

// ---------------------------------------------------------------------------------------------------------
// Comparability

export const ComparabilityRef = builder.objectRef<Comparability>('Comparability').implement({
  description:
    'A set of comparable results: same dataset, metric and setting (shots, chain of thought, pass@k, split, variant, scaffold). Results are ranked against each other only within one.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Opaque identifier of the comparable set.' }),
    dataset: t.drizzleField({ type: 'dataset', description: 'The benchmark.', resolve: (_q, c) => stub(c.datasetId) }),
    metric: t.drizzleField({ type: 'metric', description: 'The metric.', resolve: (_q, c) => stub(c.metricId) }),
    setting: t.field({
      type: EvaluationSetting,
      description: 'The evaluation setting shared by the results (harness excluded: it does not split comparability).',
      resolve: (c) => ({ ...c.setting, harness: null }),
    }),
    settingDescription: t.string({
      description: 'The setting in words, e.g. "8-shot, chain of thought".',
      resolve: (c) => describeSetting(c.setting),
    }),
    resultCount: t.exposeInt('resultCount', { description: 'Number of stored results in the set (all sources).' }),
  }),
});

async function comparabilityOf(key: string, ctx: Context) {
  return (await ctx.loaders.comparability.load(key)) ?? Promise.reject(new Error(`unknown comparability key ${key}`));
}

/** Picks one evaluation setting of a dataset and metric; shared by every analyst query on comparable results. */
export const EvaluationSettingInput = builder.inputType('EvaluationSettingInput', {
  description:
    'Picks one evaluation setting among those a dataset and metric have results in. A field given must match exactly, and an explicit null matches only results that do not state it; a field left out matches anything. Together the fields must leave exactly one setting.',
  fields: (t) => ({
    shots: t.int({ description: 'Number of in-context examples.' }),
    chainOfThought: t.boolean({ description: 'With (true) or without (false) chain of thought.' }),
    passK: t.int({ description: 'k of pass@k.' }),
    split: t.string({ description: 'Dataset split.' }),
    variant: t.string({ description: 'Protocol variant as the source names it (e.g. "Flex", "prompt-level loose").' }),
    scaffold: t.string({ description: 'Agent scaffold the model ran in (agentic benchmarks).' }),
  }),
});

/** The arguments that name one comparable set of results (dataset, metric, setting) and restrict its models. */
export function comparabilityArgs(arg: ArgBuilder<SchemaTypes>, descriptions: { setting: string; filter: string }) {
  return {
    dataset: arg.string({ required: true, description: 'Dataset slug, e.g. "gsm8k".' }),
    metric: arg.string({ required: true, description: 'Metric slug, e.g. "exact-match".' }),
    setting: arg({ type: EvaluationSettingInput, description: descriptions.setting }),
    filter: arg({ type: ModelFilter, description: descriptions.filter }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Leaderboard

const ResultConflictRef = builder.objectRef<LeaderboardEntry['conflict']>('ResultConflict').implement({
  description:
    'Every result stored for one model in one comparable set. Several sources may report it; the leaderboard uses one of them (see `Leaderboard`), and this shows the others and how far they disagree.',
  fields: (t) => ({
    results: t.drizzleField({
      type: ['benchmarkResult'],
      description: 'All the results, in the order they were stored.',
      resolve: (_q, c) => c.resultIds.map(stub),
    }),
    count: t.int({ description: 'Number of results.', resolve: (c) => c.resultIds.length }),
    min: t.exposeFloat('min', { description: 'Lowest value reported.' }),
    max: t.exposeFloat('max', { description: 'Highest value reported.' }),
    spread: t.exposeFloat('spread', { description: 'Highest minus lowest value: 0 when the sources agree.' }),
  }),
});

const LeaderboardEntryRef = builder.objectRef<LeaderboardEntry>('LeaderboardEntry').implement({
  description: 'One model on a leaderboard, with the result it is ranked by.',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: 'Position; models with equal values share a rank (1, 1, 3).' }),
    model: t.drizzleField({ type: 'model', description: 'The model.', resolve: (_q, e) => stub(e.modelId) }),
    organization: t.drizzleField({
      type: 'organization',
      nullable: true,
      description: 'The lead developer of the model.',
      resolve: async (_q, e, _args, ctx) => {
        const id = await ctx.loaders.leadOrganizationId.load(e.modelId);
        return id === null ? null : stub(id);
      },
    }),
    value: t.exposeFloat('value', { description: 'The score ranked, in the metric’s unit.' }),
    result: t.drizzleField({
      type: 'benchmarkResult',
      description: 'The result ranked (the preferred one when several sources report this model).',
      resolve: (_q, e) => stub(e.resultId),
    }),
    source: t.drizzleField({
      type: 'source',
      description: 'Where the ranked result was published.',
      resolve: (_q, e) => stub(e.sourceId),
    }),
    conflict: t.field({
      type: ResultConflictRef,
      description: 'All results stored for this model in this comparable set, and their spread.',
      resolve: (e) => e.conflict,
    }),
  }),
});

export const LeaderboardRef = builder.objectRef<Awaited<ReturnType<typeof leaderboard>>>('Leaderboard').implement({
  description:
    'Models ranked on one comparable set of results. When several sources report a model, the ranked result comes from the source whose evaluation run covers the most of the ranked models, then a third party over a first party, then the newest.',
  fields: (t) => ({
    comparability: t.field({
      type: ComparabilityRef,
      description: 'What is ranked: dataset, metric and setting.',
      resolve: (l) => l.comparability,
    }),
    asOf: t.expose('asOf', { type: 'Date', nullable: true, description: 'Only results reported by this date count.' }),
    totalModels: t.exposeInt('totalModels', { description: 'Number of ranked models before `first` cut the list.' }),
    entries: t.field({
      type: [LeaderboardEntryRef],
      description: 'The ranking, best first.',
      resolve: (l) => l.entries,
    }),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// Comparison matrix

const ComparisonCellRef = builder.objectRef<ComparisonCell>('ComparisonCell').implement({
  description: 'One model’s score in one comparable set; empty when the model has no result there.',
  fields: (t) => ({
    model: t.drizzleField({ type: 'model', description: 'The model.', resolve: (_q, c) => stub(c.modelId) }),
    value: t.exposeFloat('value', {
      nullable: true,
      description: 'The score; null when the model has no result here.',
    }),
    result: t.drizzleField({
      type: 'benchmarkResult',
      nullable: true,
      description: 'The result behind the score.',
      resolve: (_q, c) => (c.resultId === null ? null : stub(c.resultId)),
    }),
  }),
});

const ComparisonRowRef = builder.objectRef<ComparisonRow>('ComparisonRow').implement({
  description: 'The compared models’ scores in one comparable set (one dataset, metric and setting).',
  fields: (t) => ({
    comparability: t.field({
      type: ComparabilityRef,
      description: 'Dataset, metric and setting of the row.',
      resolve: (r, _args, ctx) => comparabilityOf(r.key, ctx),
    }),
    cells: t.field({
      type: [ComparisonCellRef],
      description: 'One cell per compared model, in the order the models were given.',
      resolve: (r) => r.cells,
    }),
    winners: t.drizzleField({
      type: ['model'],
      description: 'The best model (several on a tie); empty when fewer than two models have a score.',
      resolve: (_q, r) => r.winnerIds.map(stub),
    }),
    margin: t.exposeFloat('margin', {
      nullable: true,
      description: 'How far the winner leads the next best (0 on a tie); null when the row cannot rank.',
    }),
  }),
});

const ComparisonRecordRef = builder.objectRef<ModelRecord>('ComparisonRecord').implement({
  description: 'One model’s record over the ranked rows of a comparison.',
  fields: (t) => ({
    model: t.drizzleField({ type: 'model', description: 'The model.', resolve: (_q, r) => stub(r.modelId) }),
    wins: t.exposeInt('wins', { description: 'Rows where it is the sole best.' }),
    ties: t.exposeInt('ties', { description: 'Rows where it shares the best score.' }),
    losses: t.exposeInt('losses', { description: 'Rows where another model scores better.' }),
    missing: t.exposeInt('missing', { description: 'Ranked rows where it has no result.' }),
  }),
});

const ComparisonRef = builder.objectRef<Awaited<ReturnType<typeof compare>>>('Comparison').implement({
  description:
    'A matrix of comparable scores for a set of models over a set of datasets. A dataset can give several rows (one per metric and setting); rows where fewer than two models have a score are listed in `incomparable` and never ranked.',
  fields: (t) => ({
    rows: t.field({
      type: [ComparisonRowRef],
      description: 'Rows where at least two models have comparable scores, by dataset and metric.',
      resolve: (c) => c.rows,
    }),
    incomparable: t.field({
      type: [ComparisonRowRef],
      description: 'Comparable sets where only one of the models has a score: nothing to rank.',
      resolve: (c) => c.incomparable,
    }),
    records: t.field({
      type: [ComparisonRecordRef],
      description: 'Wins, ties and losses per model over `rows`, in the order the models were given.',
      resolve: (c) => c.records,
    }),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// Derived wins

const BeatRef = builder.objectRef<Beat>('Beat').implement({
  description: 'A derived fact: `winner` scores better than `loser` in one comparable set of results. Never stored.',
  fields: (t) => ({
    winner: t.drizzleField({ type: 'model', description: 'The better model.', resolve: (_q, b) => stub(b.winnerId) }),
    loser: t.drizzleField({ type: 'model', description: 'The other model.', resolve: (_q, b) => stub(b.loserId) }),
    comparability: t.field({
      type: ComparabilityRef,
      description: 'Where they were compared: dataset, metric and setting.',
      resolve: (b, _args, ctx) => comparabilityOf(b.key, ctx),
    }),
    winnerValue: t.exposeFloat('winnerValue', { description: 'The winner’s score.' }),
    loserValue: t.exposeFloat('loserValue', { description: 'The loser’s score.' }),
    margin: t.exposeFloat('margin', { description: 'Absolute difference of the scores, in the metric’s unit.' }),
    winnerResult: t.drizzleField({
      type: 'benchmarkResult',
      description: 'The winner’s result (the preferred one at this set).',
      resolve: (_q, b) => stub(b.winnerResultId),
    }),
    loserResult: t.drizzleField({
      type: 'benchmarkResult',
      description: 'The loser’s result (the preferred one at this set).',
      resolve: (_q, b) => stub(b.loserResultId),
    }),
  }),
});

async function datasetIdOf(ctx: Context, slug: string | null | undefined): Promise<number | undefined> {
  return slug == null ? undefined : (await idsBySlug(ctx, 'dataset', 'Dataset', [slug]))[0];
}

builder.objectFields(ModelRef, (t) => {
  const args = {
    dataset: t.arg.string({ description: 'Only on this dataset (slug).' }),
    minMargin: t.arg.float({ description: 'Only wins by at least this much, in the metric’s unit.' }),
    first: t.arg.int({
      description: `How many, largest margin first (1 to ${COMPARISON_LIMITS.beats}).`,
      defaultValue: 20,
      required: true,
    }),
  };
  const field = (side: 'winner' | 'loser', description: string) =>
    t.field({
      type: [BeatRef],
      description: `${description} A model can beat thousands: narrow by \`dataset\` or \`minMargin\`. Errors with BAD_USER_INPUT for \`first\` outside 1 to ${COMPARISON_LIMITS.beats}.`,
      args,
      resolve: async (m, { dataset, minMargin, first }, ctx) => {
        if (first < 1 || first > COMPARISON_LIMITS.beats) {
          throw new InputError(`"first" must be between 1 and ${COMPARISON_LIMITS.beats}.`, 'first');
        }
        return ctx.loaders.beats.load({
          modelId: m.id,
          side,
          datasetId: await datasetIdOf(ctx, dataset),
          minMargin: minMargin ?? undefined,
          first,
        });
      },
    });
  return {
    beats: field(
      'winner',
      'Models this one scores better than, per comparable set of results, largest margin first (ties by set, then opponent).',
    ),
    beatenBy: field(
      'loser',
      'Models that score better than this one, per comparable set of results, largest margin first (ties by set, then opponent).',
    ),
  };
});

// ---------------------------------------------------------------------------------------------------------
// Root fields

export type LeaderboardArgs = {
  filter?: Parameters<typeof modelCondition>[1];
  asOf?: string | null | undefined;
  first?: number | null | undefined;
};

/** The leaderboard of a comparable set (`Query.leaderboard`, `Subscription.leaderboardChanged`). */
export function leaderboardOf(args: LeaderboardArgs, comparability: Comparability, ctx: Context) {
  const first = args.first ?? 50;
  if (first < 1 || first > COMPARISON_LIMITS.leaderboardEntries) {
    throw new InputError(`"first" must be between 1 and ${COMPARISON_LIMITS.leaderboardEntries}.`, 'first');
  }
  return leaderboard(ctx.db, {
    comparability,
    models: modelCondition(model, args.filter),
    asOf: args.asOf ?? null,
    limit: first,
  });
}

/** Ids of the rows with these slugs, in the same order; NOT_FOUND names the first unknown slug. */
async function idsBySlug(
  ctx: Context,
  table: 'model' | 'dataset' | 'metric',
  type: string,
  slugs: readonly string[],
): Promise<number[]> {
  const found = await rows<{ id: number; slug: string }>(
    ctx.db,
    sql`select id, slug from ${sql.identifier(table)} where slug = any(${textArray(slugs)})`,
  );
  const bySlug = new Map(found.map((r) => [r.slug, Number(r.id)]));
  const missing = slugs.find((slug) => !bySlug.has(slug));
  if (missing !== undefined) throw new NotFoundError(type, 'slug', missing);
  return slugs.map((slug) => bySlug.get(slug) as number);
}

builder.queryFields((t) => ({
  comparabilityKeys: t.field({
    type: [ComparabilityRef],
    nullable: true,
    description:
      'The comparable sets of results on a dataset (optionally in one metric), most results first: what `leaderboard` and `compare` can rank.',
    args: {
      dataset: t.arg.string({ required: true, description: 'Dataset slug, e.g. "gsm8k".' }),
      metric: t.arg.string({ description: 'Metric slug, e.g. "exact-match".' }),
    },
    resolve: (_root, args, ctx) => comparabilityKeys(ctx.db, args),
  }),
  leaderboard: t.field({
    type: LeaderboardRef,
    nullable: true,
    description:
      'Models ranked on one dataset, metric and setting, with rank (ties share one), score, the result and source it comes from, and any disagreement between sources. Errors with BAD_USER_INPUT when the dataset and metric hold several settings and `setting` does not pick one.',
    args: {
      ...comparabilityArgs(t.arg, {
        setting: 'Picks the setting when there are several.',
        filter: 'Only models matching these conditions are ranked.',
      }),
      asOf: t.arg({
        type: 'Date',
        description: 'Rank with the results reported by this date only (undated ones are left out).',
      }),
      first: t.arg.int({
        defaultValue: 50,
        description: `Number of entries (at most ${COMPARISON_LIMITS.leaderboardEntries}).`,
      }),
    },
    resolve: async (_root, args, ctx) => leaderboardOf(args, await resolveComparability(ctx.db, args), ctx),
  }),
  compare: t.field({
    type: ComparisonRef,
    nullable: true,
    description:
      'Compares models over datasets: a matrix of comparable scores with the winner and margin of each row, and each model’s wins, ties and losses. Only results in the same dataset, metric and setting are compared; the preferred result of each model is chosen with coverage counted among these models.',
    args: {
      models: t.arg.stringList({ required: true, description: `Model slugs (2 to ${COMPARISON_LIMITS.models}).` }),
      datasets: t.arg.stringList({
        required: true,
        description: `Dataset slugs (1 to ${COMPARISON_LIMITS.datasets}).`,
      }),
      metrics: t.arg.stringList({ description: 'Only these metrics (slugs); all when omitted.' }),
    },
    resolve: async (_root, args, ctx) => {
      const models = [...new Set(args.models)];
      if (models.length < 2 || models.length > COMPARISON_LIMITS.models) {
        throw new InputError(`Compare between 2 and ${COMPARISON_LIMITS.models} different models.`, 'models');
      }
      if (args.datasets.length < 1 || args.datasets.length > COMPARISON_LIMITS.datasets) {
        throw new InputError(`Compare on between 1 and ${COMPARISON_LIMITS.datasets} datasets.`, 'datasets');
      }
      const [modelIds, datasetIds, metricIds] = await Promise.all([
        idsBySlug(ctx, 'model', 'Model', models),
        idsBySlug(ctx, 'dataset', 'Dataset', [...new Set(args.datasets)]),
        args.metrics ? idsBySlug(ctx, 'metric', 'Metric', [...new Set(args.metrics)]) : undefined,
      ]);
      return compare(ctx.db, { modelIds, datasetIds, metricIds });
    },
  }),
}));
