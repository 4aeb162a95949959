/**
 * Creating, updating and deleting metrics. A bounded range has minValue < maxValue, and changing a bound must
 * not leave results outside it: the results are facts, so they are fixed first, never silently out of range.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { benchmarkResult, dataset, metric } from '../db/schema.ts';
import { ConflictError, type FieldIssue, parseInput, ValidationError } from '../errors.ts';
import { countWhere, refuseWhileReferenced } from './checks.ts';
import { type EntityLocator, locate } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

const bound = z.number('must be a number').nullish();

const fields = {
  slug: rule.slug,
  name: rule.name,
  description: rule.description,
  unit: rule.name,
  higherIsBetter: z.boolean(),
  minValue: bound,
  maxValue: bound,
};

export const createMetricInput = z.strictObject({ ...fields, description: fields.description.default('') });
/** Omitted fields stay as they are; `null` clears a bound (the metric becomes unbounded on that side). */
export const updateMetricInput = z.strictObject(fields).partial();

type Input = z.infer<typeof updateMetricInput>;
type Range = { minValue: number | null; maxValue: number | null };
type Columns = Partial<typeof metric.$inferInsert>;

/** The row's columns for the fields the input gives (the graph writer builds its rows with it too). */
export function metricColumns(input: Input): Columns {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Columns;
}

/** minValue < maxValue on the metric as it will be; the issue is at the bound the input changed. */
export function checkRange(input: Input, current: Range, at: string[] = ['input']): Range {
  const range = {
    minValue: input.minValue === undefined ? current.minValue : input.minValue,
    maxValue: input.maxValue === undefined ? current.maxValue : input.maxValue,
  };
  if (range.minValue !== null && range.maxValue !== null && range.minValue >= range.maxValue) {
    throw input.maxValue !== undefined
      ? ValidationError.of([...at, 'maxValue'], `must be greater than minValue (${range.minValue})`)
      : ValidationError.of([...at, 'minValue'], `must be less than maxValue (${range.maxValue})`);
  }
  return range;
}

/** The metric's results outside a bound the input sets, one issue per bound: how many, and the farthest. */
async function checkResultsInRange(tx: Tx, id: number, slug: string, input: Input, range: Range) {
  const low = input.minValue !== undefined && range.minValue !== null ? range.minValue : null;
  const high = input.maxValue !== undefined && range.maxValue !== null ? range.maxValue : null;
  if (low === null && high === null) return;
  const [found] = await tx
    .select({
      below: sql<number>`count(*) filter (where ${benchmarkResult.value} < ${low})::int`,
      lowest: sql<number | null>`min(${benchmarkResult.value})`,
      above: sql<number>`count(*) filter (where ${benchmarkResult.value} > ${high})::int`,
      highest: sql<number | null>`max(${benchmarkResult.value})`,
    })
    .from(benchmarkResult)
    .where(eq(benchmarkResult.metricId, id));
  const issues: FieldIssue[] = [];
  const results = (count: number) => `${count} benchmark ${count === 1 ? 'result' : 'results'}`;
  const below = Number(found?.below ?? 0);
  const above = Number(found?.above ?? 0);
  if (below > 0) {
    issues.push({
      path: ['input', 'minValue'],
      message: `${results(below)} in ${slug} would fall below ${low} (the lowest is ${Number(found?.lowest)}); correct or delete them first`,
    });
  }
  if (above > 0) {
    issues.push({
      path: ['input', 'maxValue'],
      message: `${results(above)} in ${slug} would fall above ${high} (the highest is ${Number(found?.highest)}); correct or delete them first`,
    });
  }
  if (issues.length) throw new ValidationError(issues);
}

async function checkSlugFree(tx: Tx, slug: string | undefined, id = 0) {
  if (slug === undefined) return;
  const [taken] = await tx
    .select({ id: metric.id })
    .from(metric)
    .where(sql`${metric.slug} = ${slug} and ${metric.id} <> ${id}`);
  if (taken) throw new ConflictError(`A metric with slug "${slug}" already exists.`, ['input', 'slug']);
}

export async function createMetric(tx: Tx, raw: unknown): Promise<{ id: number }> {
  const input = parseInput(createMetricInput, raw);
  checkRange(input, { minValue: null, maxValue: null });
  await checkSlugFree(tx, input.slug);
  const [row] = await tx
    .insert(metric)
    .values(metricColumns(input) as typeof metric.$inferInsert)
    .returning({ id: metric.id });
  return row as { id: number };
}

export async function updateMetric(tx: Tx, where: EntityLocator, raw: unknown): Promise<{ id: number }> {
  const id = await locate(tx, 'Metric', where, ['input', 'where']);
  const input = parseInput(updateMetricInput, raw);
  // Locked, so that no result outside the new range slips in before the update commits.
  const [current] = await tx
    .select({ slug: metric.slug, minValue: metric.minValue, maxValue: metric.maxValue })
    .from(metric)
    .where(eq(metric.id, id))
    .for('update');
  const { slug, ...bounds } = current as Range & { slug: string };
  const range = checkRange(input, bounds);
  await checkResultsInRange(tx, id, slug, input, range);
  await checkSlugFree(tx, input.slug, id);
  const set = metricColumns(input);
  if (Object.keys(set).length) await tx.update(metric).set(set).where(eq(metric.id, id));
  return { id };
}

/** Deletes a metric no result is reported in and no dataset defaults to; otherwise a ConflictError. */
export async function deleteMetric(tx: Tx, where: EntityLocator): Promise<{ id: number }> {
  const id = await locate(tx, 'Metric', where, ['input', 'where']);
  await refuseWhileReferenced(tx, 'Metric', id, [
    {
      one: 'benchmark result',
      many: 'benchmark results',
      count: countWhere(benchmarkResult, benchmarkResult.metricId, id),
    },
    {
      one: 'dataset scored in it by default',
      many: 'datasets scored in it by default',
      count: countWhere(dataset, dataset.defaultMetricId, id),
    },
  ]);
  await tx.delete(metric).where(eq(metric.id, id));
  return { id };
}
