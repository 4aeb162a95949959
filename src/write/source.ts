/**
 * Creating, updating and deleting sources: the documents facts are read from. A source has no sources itself,
 * and its URL, when it has one, is unique (two sources are never the same document).
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  benchmarkResult,
  claim,
  dataset,
  datasetSource,
  license,
  modelDeveloper,
  modelLanguage,
  modelLineage,
  modelTask,
  modelSource,
  modelTechnique,
  organizationSource,
  source,
  sourceKind,
  technique,
  techniqueSource,
} from '../db/schema.ts';
import { ConflictError, parseInput } from '../errors.ts';
import { countWhere, refuseWhileReferenced } from './checks.ts';
import { type EntityLocator, locate } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

const fields = {
  slug: rule.slug,
  url: rule.httpUrl.nullish(),
  title: rule.name,
  publisher: rule.name.nullish(),
  kind: z.enum(sourceKind.enumValues),
  primary: z.boolean(),
  publishedOn: rule.isoDate.nullish(),
  notes: rule.description,
};

export const createSourceInput = z.strictObject({ ...fields, notes: fields.notes.default('') });
/** Omitted fields stay as they are; `null` clears a field that may be empty. */
export const updateSourceInput = z.strictObject(fields).partial();

type Columns = Partial<typeof source.$inferInsert>;

/** The row's columns for the fields the input gives (the graph writer builds its rows with it too). */
export function sourceColumns(input: z.infer<typeof updateSourceInput>): Columns {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Columns;
}

async function checkFree(tx: Tx, input: { slug?: string | undefined; url?: string | null | undefined }, id = 0) {
  if (input.slug !== undefined) {
    const [taken] = await tx
      .select({ id: source.id })
      .from(source)
      .where(sql`${source.slug} = ${input.slug} and ${source.id} <> ${id}`);
    if (taken) throw new ConflictError(`A source with slug "${input.slug}" already exists.`, ['input', 'slug']);
  }
  if (input.url !== undefined && input.url !== null) {
    const [taken] = await tx
      .select({ slug: source.slug })
      .from(source)
      .where(sql`${source.url} = ${input.url} and ${source.id} <> ${id}`);
    if (taken) {
      throw new ConflictError(`Source ${taken.slug} already has the URL "${input.url}".`, ['input', 'url']);
    }
  }
}

export async function createSource(tx: Tx, raw: unknown): Promise<{ id: number }> {
  const input = parseInput(createSourceInput, raw);
  await checkFree(tx, input);
  const [row] = await tx
    .insert(source)
    .values(sourceColumns(input) as typeof source.$inferInsert)
    .returning({ id: source.id });
  return row as { id: number };
}

export async function updateSource(tx: Tx, where: EntityLocator, raw: unknown): Promise<{ id: number }> {
  const id = await locate(tx, 'Source', where, ['input', 'where']);
  const input = parseInput(updateSourceInput, raw);
  await checkFree(tx, input, id);
  const set = sourceColumns(input);
  if (Object.keys(set).length) {
    await tx
      .update(source)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(source.id, id));
  }
  return { id };
}

/** Deletes a source that no fact, entity, license or paper link refers to; otherwise a ConflictError. */
export async function deleteSource(tx: Tx, where: EntityLocator): Promise<{ id: number }> {
  const id = await locate(tx, 'Source', where, ['input', 'where']);
  await refuseWhileReferenced(tx, 'Source', id, [
    {
      one: 'benchmark result',
      many: 'benchmark results',
      count: countWhere(benchmarkResult, benchmarkResult.sourceId, id),
    },
    { one: 'claim', many: 'claims', count: countWhere(claim, claim.sourceId, id) },
    { one: 'lineage edge', many: 'lineage edges', count: countWhere(modelLineage, modelLineage.sourceId, id) },
    { one: 'technique use', many: 'technique uses', count: countWhere(modelTechnique, modelTechnique.sourceId, id) },
    {
      one: 'developer credit',
      many: 'developer credits',
      count: countWhere(modelDeveloper, modelDeveloper.sourceId, id),
    },
    { one: 'license citing it', many: 'licenses citing it', count: countWhere(license, license.sourceId, id) },
    {
      one: 'model language link',
      many: 'model language links',
      count: countWhere(modelLanguage, modelLanguage.sourceId, id),
    },
    { one: 'model task', many: 'model tasks', count: countWhere(modelTask, modelTask.sourceId, id) },
    {
      one: 'organization it backs',
      many: 'organizations it backs',
      count: countWhere(organizationSource, organizationSource.sourceId, id),
    },
    { one: 'model it backs', many: 'models it backs', count: countWhere(modelSource, modelSource.sourceId, id) },
    {
      one: 'dataset it backs',
      many: 'datasets it backs',
      count: countWhere(datasetSource, datasetSource.sourceId, id),
    },
    {
      one: 'technique it backs',
      many: 'techniques it backs',
      count: countWhere(techniqueSource, techniqueSource.sourceId, id),
    },
    {
      one: 'technique it introduced',
      many: 'techniques it introduced',
      count: countWhere(technique, technique.introducedBySourceId, id),
    },
    {
      one: 'dataset it introduced',
      many: 'datasets it introduced',
      count: countWhere(dataset, dataset.paperSourceId, id),
    },
  ]);
  await tx.delete(source).where(eq(source.id, id));
  return { id };
}
