/** Metrics, with the mutations' range rule (minValue < maxValue). */
import * as t from '../../db/schema.ts';
import { checkRange, createMetricInput, metricColumns, updateMetricInput } from '../metric.ts';
import { at, type GraphWriter, whole } from './writer.ts';

export async function writeMetrics(g: GraphWriter, records: readonly object[]) {
  const inputs = g.parse(
    createMetricInput,
    at('metrics', records, (r) => r),
  );
  inputs.forEach((input, index) => checkRange(input, { minValue: null, maxValue: null }, ['metrics', String(index)]));
  const rows = inputs.map((input) => metricColumns(whole(input, updateMetricInput)));
  await g.upsert('metrics', t.metric, rows as (typeof t.metric.$inferInsert)[], [t.metric.slug]);
  await g.readIds('Metric');
}
