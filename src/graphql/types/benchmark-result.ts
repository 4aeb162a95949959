/**
 * BenchmarkResult: one reported score of a model on a dataset in a metric and evaluation setting, with who
 * measured it and where it was published. The same model and benchmark may have many, from many sources.
 */
import { sql } from 'drizzle-orm';
import { benchmarkResult, dataset, metric, model, organization, source } from '../../db/schema.ts';
import { builder } from '../builder.ts';
import { allOf, equals, inRange, referencesSlug, whereRaw } from '../filters.ts';
import { defineOrder } from '../ordering.ts';
import { connectionDescription } from '../pagination.ts';
import { EvaluatorRelationshipEnum } from './enums.ts';
import { historyField } from './change.ts';
import { entities } from '../../db/entities.ts';

type SettingShape = {
  shots: number | null;
  chainOfThought: boolean | null;
  passK: number | null;
  split: string | null;
  harness: string | null;
  scaffold: string | null;
  variant: string | null;
};

export const EvaluationSetting = builder.objectRef<SettingShape>('EvaluationSetting').implement({
  description:
    'How a score was measured. Two results are comparable only when dataset, metric and these settings match; null means the source does not say.',
  fields: (t) => ({
    shots: t.exposeInt('shots', { nullable: true, description: 'Number of in-context examples (0 = zero-shot).' }),
    chainOfThought: t.exposeBoolean('chainOfThought', {
      nullable: true,
      description: 'Whether the model reasoned step by step before answering.',
    }),
    passK: t.exposeInt('passK', { nullable: true, description: 'k of pass@k for code benchmarks.' }),
    split: t.exposeString('split', { nullable: true, description: 'Dataset split evaluated (test, validation...).' }),
    harness: t.exposeString('harness', { nullable: true, description: 'Evaluation harness or suite (e.g. OLMES).' }),
    scaffold: t.exposeString('scaffold', {
      nullable: true,
      description:
        'Agent scaffold (tools and loop) the model ran in, for agentic benchmarks (e.g. "react"); two agents make two results.',
    }),
    variant: t.exposeString('variant', {
      nullable: true,
      description: 'Further variant of the protocol as the source names it (e.g. "Flex", "prompt-level loose").',
    }),
  }),
});

export const BenchmarkResultRef = builder.drizzleNode('benchmarkResult', {
  name: entities.benchmark_result.typeName,
  description: 'A score of a model on a benchmark, in a metric and evaluation setting, as one source reports it.',
  id: { column: (r) => r.id },
  select: {},
  fields: (t) => ({
    history: historyField(t, 'benchmark result'),
    model: t.relation('model', { description: 'The model evaluated.' }),
    modelVariant: t.exposeString('modelVariant', {
      nullable: true,
      description:
        'The exact checkpoint or API snapshot evaluated, when the source names one (e.g. "gpt-4o-2024-11-20").',
    }),
    dataset: t.relation('dataset', { description: 'The benchmark.' }),
    metric: t.relation('metric', { description: 'What the value measures.' }),
    value: t.exposeFloat('value', {
      description: 'The score in the metric’s unit (percent for accuracy-like metrics).',
    }),
    reportedValue: t.exposeString('reportedValue', {
      description: 'The score exactly as the source prints it (e.g. "0.848" for 84.8 %).',
    }),
    stderr: t.exposeFloat('stderr', { nullable: true, description: 'Standard error of the score, when reported.' }),
    setting: t.field({
      type: EvaluationSetting,
      description: 'How the score was measured.',
      select: {
        columns: {
          shots: true,
          chainOfThought: true,
          passK: true,
          split: true,
          harness: true,
          scaffold: true,
          variant: true,
        },
      },
      resolve: (r) => ({
        shots: r.shots,
        chainOfThought: r.chainOfThought,
        passK: r.passK,
        split: r.split,
        harness: r.harness,
        scaffold: r.scaffold,
        variant: r.variant,
      }),
    }),
    evaluator: t.relation('evaluator', {
      nullable: true,
      description: 'Organization that ran the evaluation, when known.',
    }),
    evaluatorRelationship: t.expose('evaluatorRelationship', {
      type: EvaluatorRelationshipEnum,
      description: 'Whether the evaluator developed the model (first party) or not (third party).',
    }),
    reportedOn: t.expose('reportedOn', { type: 'Date', nullable: true, description: 'Date the score was published.' }),
    source: t.relation('source', { description: 'Where the score was published.' }),
    notes: t.exposeString('notes', { description: 'Remarks on the score (caveats, disagreements).' }),
    unverified: t.exposeBoolean('unverified', {
      description: 'True when the score is not confirmed by a primary source.',
    }),
  }),
});

export const BenchmarkResultFilter = builder.inputType('BenchmarkResultFilter', {
  description: 'Conditions on benchmark results; all given conditions must hold.',
  fields: (t) => ({
    model: t.stringList({ description: 'Only results of these models (slugs).' }),
    dataset: t.stringList({ description: 'Only results on these datasets (slugs).' }),
    metric: t.stringList({ description: 'Only results in these metrics (slugs).' }),
    source: t.stringList({ description: 'Only results published by these sources (slugs).' }),
    evaluator: t.stringList({ description: 'Only results measured by these organizations (slugs).' }),
    evaluatorRelationship: t.field({
      type: EvaluatorRelationshipEnum,
      description: 'Only first- or only third-party results.',
    }),
    shots: t.int({ description: 'Only results with this number of shots.' }),
    chainOfThought: t.boolean({ description: 'Only results with (true) or without (false) chain of thought.' }),
    passK: t.int({ description: 'Only pass@k results with this k.' }),
    split: t.string({ description: 'Only results on this split.' }),
    harness: t.string({ description: 'Only results from this harness.' }),
    scaffold: t.string({ description: 'Only results run in this agent scaffold.' }),
    variant: t.string({ description: 'Only results with this protocol variant.' }),
    minValue: t.float({ description: 'Only results with a value of at least this.' }),
    maxValue: t.float({ description: 'Only results with a value of at most this.' }),
    reportedFrom: t.field({ type: 'Date', description: 'Only results published on or after this date.' }),
    reportedTo: t.field({ type: 'Date', description: 'Only results published on or before this date.' }),
  }),
});

export const benchmarkResultOrder = defineOrder(
  'BenchmarkResult',
  'benchmark results',
  {
    STORED: { key: 'id', description: 'In the order they were stored.' },
    VALUE: { key: 'value', description: 'By value (mixing metrics makes this meaningless: filter by metric first).' },
    REPORTED_ON: { key: 'reportedOnKey', description: 'By publication date; undated results sort first.' },
  },
  'id',
);

export function resultCondition(
  r: typeof benchmarkResult,
  filter: typeof BenchmarkResultFilter.$inferInput | null | undefined,
) {
  if (!filter) return undefined;
  return allOf(
    referencesSlug(r.modelId, model, filter.model, 'filter.model'),
    referencesSlug(r.datasetId, dataset, filter.dataset, 'filter.dataset'),
    referencesSlug(r.metricId, metric, filter.metric, 'filter.metric'),
    referencesSlug(r.sourceId, source, filter.source, 'filter.source'),
    referencesSlug(r.evaluatorOrganizationId, organization, filter.evaluator, 'filter.evaluator'),
    equals(r.evaluatorRelationship, filter.evaluatorRelationship),
    equals(r.shots, filter.shots),
    equals(r.chainOfThought, filter.chainOfThought),
    equals(r.passK, filter.passK),
    equals(r.split, filter.split),
    equals(r.harness, filter.harness),
    equals(r.scaffold, filter.scaffold),
    equals(r.variant, filter.variant),
    inRange(r.value, filter.minValue, filter.maxValue, 'filter.minValue'),
    inRange(r.reportedOn, filter.reportedFrom, filter.reportedTo, 'filter.reportedFrom'),
  );
}

/** Undated results sort first: a null would stop keyset paging. */
export const resultSortKeys = {
  reportedOnKey: (r: typeof benchmarkResult) => sql<string>`coalesce(${r.reportedOn}, '0001-01-01'::date)`,
};

builder.queryFields((t) => ({
  benchmarkResults: t.drizzleConnection({
    type: 'benchmarkResult',
    description: `Benchmark results from every source, filtered and sorted. ${connectionDescription}`,
    args: {
      filter: t.arg({ type: BenchmarkResultFilter, description: 'Only results matching these conditions.' }),
      orderBy: t.arg({ type: benchmarkResultOrder.input, description: 'Sort order; in stored order when omitted.' }),
    },
    totalCount: (_root, args, ctx) => ctx.db.$count(benchmarkResult, resultCondition(benchmarkResult, args.filter)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.benchmarkResult.findMany(
        query({
          where: whereRaw((r: typeof benchmarkResult) => resultCondition(r, args.filter)),
          extras: resultSortKeys,
          orderBy: benchmarkResultOrder.orderBy(args.orderBy),
        }),
      ),
  }),
}));
