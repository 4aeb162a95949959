/**
 * Metric: what a benchmark score measures and on what scale.
 */
import { builder } from '../builder.ts';
import { NotFoundError } from '../../errors.ts';
import { connectionDescription } from '../pagination.ts';
import { historyField } from './change.ts';
import { entities } from '../../db/entities.ts';

export const MetricRef = builder.drizzleNode('metric', {
  name: entities.metric.typeName,
  description: 'What a benchmark score measures (accuracy, pass rate...) and its scale.',
  id: { column: (m) => m.id },
  select: {},
  fields: (t) => ({
    history: historyField(t, 'metric'),
    slug: t.exposeString('slug', { description: 'Stable handle of the metric; use it in filters.' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    description: t.exposeString('description', { description: 'What the metric measures.' }),
    unit: t.exposeString('unit', {
      description: 'Unit of `BenchmarkResult.value` in this metric (percent, points, bits).',
    }),
    higherIsBetter: t.exposeBoolean('higherIsBetter', { description: 'Whether a larger value is a better result.' }),
    minValue: t.exposeFloat('minValue', { nullable: true, description: 'Smallest possible value, if bounded.' }),
    maxValue: t.exposeFloat('maxValue', { nullable: true, description: 'Largest possible value, if bounded.' }),
    results: t.relatedConnection('results', {
      description: `Benchmark results reported in this metric. ${connectionDescription}`,
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
    }),
    datasets: t.relation('datasets', {
      description: 'Datasets usually scored in this metric (their default metric).',
      query: { orderBy: { slug: 'asc' } },
    }),
  }),
});

builder.queryFields((t) => ({
  metric: t.drizzleField({
    type: 'metric',
    nullable: true,
    description: 'One metric by slug. Errors with NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The metric’s slug, e.g. "pass-rate".' }) },
    resolve: async (query, _root, { slug }, ctx) =>
      (await ctx.db.query.metric.findFirst(query({ where: { slug } }))) ??
      Promise.reject(new NotFoundError('Metric', 'slug', slug)),
  }),
  metrics: t.drizzleField({
    type: ['metric'],
    description: 'All metrics, by slug (a short, fixed vocabulary).',
    resolve: (query, _root, _args, ctx) => ctx.db.query.metric.findMany(query({ orderBy: { slug: 'asc' } })),
  }),
}));
