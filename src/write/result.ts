/**
 * Benchmark results: upsert on the natural key (model, dataset, metric, setting, model variant, source) and
 * delete. The core is split so that an importer can call it per row: `resolveResultRow` (slugs to ids, the
 * rules, the defaults) over the pure `checkResultValue` and `deriveEvaluatorRelationship`, then
 * `upsertResultRow`.
 */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  benchmarkResult,
  benchmarkResultKey,
  dataset,
  evaluatorRelationship,
  metric,
  modelDeveloper,
  source,
} from '../db/schema.ts';
import { NotFoundError, ValidationError, parseInput } from '../errors.ts';
import { idBySlug } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

/** A setting label (split, harness, scaffold, variant): trimmed, not empty. */
const label = rule.name.max(200);

export const settingInput = z.strictObject({
  shots: rule.nonNegativeCount.nullish(),
  chainOfThought: z.boolean().nullish(),
  passK: z.int('must be a whole number').min(1, 'must be at least 1').nullish(),
  split: label.nullish(),
  harness: label.nullish(),
  scaffold: label.nullish(),
  variant: label.nullish(),
});

export const resultInput = z.strictObject({
  model: rule.slug,
  dataset: rule.slug,
  metric: rule.slug,
  setting: settingInput.nullish(),
  modelVariant: label.nullish(),
  value: z.number('must be a number'),
  reportedValue: label.nullish(),
  stderr: z.number('must be a number').min(0, 'must not be negative').nullish(),
  evaluator: rule.slug.nullish(),
  evaluatorRelationship: z.enum(evaluatorRelationship.enumValues).nullish(),
  reportedOn: rule.isoDate.nullish(),
  source: rule.slug,
  notes: rule.description.default(''),
  unverified: z.boolean().default(false),
});

export type ResultInput = z.infer<typeof resultInput>;
export type ResultRow = typeof benchmarkResult.$inferInsert;
export type MetricRange = { slug: string; minValue: number | null; maxValue: number | null };
export type EvaluatorRelationship = (typeof evaluatorRelationship.enumValues)[number];

/** A ValidationError at `path` when `value` is outside the metric's [minValue, maxValue]. */
export function checkResultValue(metricRow: MetricRange, value: number, path: string[]): void {
  const { minValue: min, maxValue: max } = metricRow;
  if ((min !== null && value < min) || (max !== null && value > max)) {
    const range =
      min !== null && max !== null ? `between ${min} and ${max}` : min !== null ? `at least ${min}` : `at most ${max}`;
    throw ValidationError.of(path, `${value} is out of range: metric "${metricRow.slug}" takes values ${range}`);
  }
}

/** First party when the evaluator is one of the model's developers; third party when it is another; unknown without one. */
export function deriveEvaluatorRelationship(
  developerIds: readonly number[],
  evaluatorId: number | null | undefined,
): EvaluatorRelationship {
  if (evaluatorId === null || evaluatorId === undefined) return 'unknown';
  return developerIds.includes(evaluatorId) ? 'first_party' : 'third_party';
}

/**
 * Re-derives `evaluator_relationship` of the results matching `where` that name an evaluator (first party when
 * the evaluator is one of the model's developers), after a write changed developers or evaluators. Returns how
 * many results changed.
 */
export async function rederiveEvaluatorRelationships(tx: Tx, where: SQL): Promise<number> {
  const derived = sql`(case when exists (select 1 from ${modelDeveloper} where ${modelDeveloper.modelId} = ${benchmarkResult.modelId} and ${modelDeveloper.organizationId} = ${benchmarkResult.evaluatorOrganizationId}) then 'first_party' else 'third_party' end)::evaluator_relationship`;
  const changed = await tx
    .update(benchmarkResult)
    .set({ evaluatorRelationship: derived, updatedAt: sql`now()` })
    .where(
      sql`${where} and ${benchmarkResult.evaluatorOrganizationId} is not null and ${benchmarkResult.evaluatorRelationship} <> ${derived}`,
    )
    .returning({ id: benchmarkResult.id });
  return changed.length;
}

/**
 * The row an input describes: slugs resolved (NotFoundError at `path.<field>`), the rules checked (value in the
 * metric's range, the dataset a benchmark, a relationship that agrees with the evaluator) and the defaults
 * filled in (reported value = the value as text, reported on = the source's date, relationship derived).
 */
export async function resolveResultRow(tx: Tx, input: ResultInput, path: string[] = ['input']): Promise<ResultRow> {
  const at = (field: string) => [...path, field];
  const modelId = await idBySlug(tx, 'Model', input.model, at('model'));
  const [datasetRow] = await tx
    .select({ id: dataset.id, benchmark: dataset.benchmark })
    .from(dataset)
    .where(eq(dataset.slug, input.dataset));
  if (!datasetRow) throw new NotFoundError('Dataset', 'slug', input.dataset, at('dataset'));
  if (!datasetRow.benchmark) {
    throw ValidationError.of(at('dataset'), `dataset "${input.dataset}" is not a benchmark (is_benchmark is false)`);
  }
  const [metricRow] = await tx
    .select({ id: metric.id, slug: metric.slug, minValue: metric.minValue, maxValue: metric.maxValue })
    .from(metric)
    .where(eq(metric.slug, input.metric));
  if (!metricRow) throw new NotFoundError('Metric', 'slug', input.metric, at('metric'));
  checkResultValue(metricRow, input.value, at('value'));
  const [sourceRow] = await tx
    .select({ id: source.id, publishedOn: source.publishedOn })
    .from(source)
    .where(eq(source.slug, input.source));
  if (!sourceRow) throw new NotFoundError('Source', 'slug', input.source, at('source'));
  const evaluatorId = input.evaluator ? await idBySlug(tx, 'Organization', input.evaluator, at('evaluator')) : null;

  let relationship = input.evaluatorRelationship ?? undefined;
  if (evaluatorId !== null || relationship === undefined) {
    const developers = await tx
      .select({ id: modelDeveloper.organizationId })
      .from(modelDeveloper)
      .where(eq(modelDeveloper.modelId, modelId));
    const derived = deriveEvaluatorRelationship(
      developers.map((d) => d.id),
      evaluatorId,
    );
    if (relationship !== undefined && evaluatorId !== null && relationship !== derived) {
      throw ValidationError.of(
        at('evaluatorRelationship'),
        derived === 'first_party'
          ? `"${input.evaluator}" is a developer of "${input.model}", so its result is first party`
          : `"${input.evaluator}" is not a developer of "${input.model}", so its result is third party (add the developer credit first if it is one)`,
      );
    }
    relationship = derived;
  }

  const setting = input.setting ?? {};
  return {
    modelId,
    datasetId: datasetRow.id,
    metricId: metricRow.id,
    value: input.value,
    reportedValue: input.reportedValue ?? String(input.value),
    stderr: input.stderr ?? null,
    shots: setting.shots ?? null,
    chainOfThought: setting.chainOfThought ?? null,
    passK: setting.passK ?? null,
    split: setting.split ?? null,
    harness: setting.harness ?? null,
    scaffold: setting.scaffold ?? null,
    variant: setting.variant ?? null,
    modelVariant: input.modelVariant ?? null,
    evaluatorOrganizationId: evaluatorId,
    evaluatorRelationship: relationship,
    reportedOn: input.reportedOn ?? sourceRow.publishedOn ?? null,
    sourceId: sourceRow.id,
    notes: input.notes,
    unverified: input.unverified,
  };
}

/** The natural key of a result (`benchmark_result_natural_key`, nulls not distinct). */
export const naturalKeyFields = benchmarkResultKey;
const naturalKey = naturalKeyFields.map((key) => benchmarkResult[key]);

const contentKeys = [
  'value',
  'reportedValue',
  'stderr',
  'evaluatorOrganizationId',
  'evaluatorRelationship',
  'reportedOn',
  'notes',
  'unverified',
] as const;

/**
 * Inserts the row, or updates the stored row with the same natural key when its content differs (an identical
 * row is left untouched: no update, no audit entry). `created` tells which.
 */
export async function upsertResultRow(tx: Tx, row: ResultRow): Promise<{ id: number; created: boolean }> {
  const columns = Object.fromEntries(contentKeys.map((key) => [key, benchmarkResult[key]]));
  const excluded = (key: (typeof contentKeys)[number]) => sql.raw(`excluded."${benchmarkResult[key].name}"`);
  const [written] = await tx
    .insert(benchmarkResult)
    .values(row)
    .onConflictDoUpdate({
      target: naturalKey,
      set: { ...Object.fromEntries(contentKeys.map((key) => [key, excluded(key)])), updatedAt: sql`now()` },
      setWhere: sql`(${sql.join(Object.values(columns), sql`, `)}) is distinct from (${sql.join(contentKeys.map(excluded), sql`, `)})`,
    })
    .returning({ id: benchmarkResult.id, created: sql<boolean>`(xmax = 0)` });
  if (written) return { id: written.id, created: Boolean(written.created) };
  const [stored] = await tx
    .select({ id: benchmarkResult.id })
    .from(benchmarkResult)
    .where(
      and(...naturalKeyFields.map((key) => sql`${benchmarkResult[key]} is not distinct from ${row[key] ?? null}`)),
    );
  if (!stored) throw new Error('upsertResultRow: the conflicting row was not found');
  return { id: stored.id, created: false };
}

export async function upsertBenchmarkResult(tx: Tx, raw: unknown): Promise<{ id: number; created: boolean }> {
  const input = parseInput(resultInput, rule.dropNulls(raw));
  return upsertResultRow(tx, await resolveResultRow(tx, input));
}

/** Deletes one result by id. */
export async function deleteBenchmarkResult(tx: Tx, id: number): Promise<{ id: number }> {
  const [row] = await tx
    .delete(benchmarkResult)
    .where(eq(benchmarkResult.id, id))
    .returning({ id: benchmarkResult.id });
  if (!row) throw new NotFoundError('BenchmarkResult', 'id', String(id), ['input', 'id']);
  return row;
}
