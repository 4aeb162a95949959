/**
 * Creating, updating and deleting sources: the documents facts are read from. A source has no sources itself,
 * and its URL, when it has one, is unique (two sources are never the same document). Also the helpers the
 * other entity writes share: a check that a list names each thing once, and the refusal to delete a row that
 * something still refers to.
 */
import { eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import {
  benchmarkResult,
  claim,
  dataset,
  datasetSource,
  license,
  modelDeveloper,
  modelLineage,
  modelSource,
  modelTechnique,
  organizationSource,
  source,
  sourceKind,
  technique,
  techniqueSource,
} from '../db/schema.ts';
import { ConflictError, parseInput } from '../errors.ts';
import { type EntityLocator, locate, type SluggedType, sluggedTables } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

// ---------------------------------------------------------------------------------------------------------
// Shared by the entity writes

/**
 * A list whose items must be distinct by `key`: the second mention of one is an issue at its own path
 * (`["sources", "2", "source"]`), so that a set cannot be written with the same member twice.
 */
export function distinctBy<T extends z.ZodType>(
  list: z.ZodArray<T>,
  key: (item: z.output<T>) => string,
  describe: (key: string) => string,
  field?: string,
) {
  return list.superRefine((items, ctx) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const value = key(item);
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: field ? [index, field] : [index],
          message: `${describe(value)} is already listed (at ${first})`,
        });
    });
  });
}

/** The sources backing an entity: at least one, each once. */
export const distinctSourceLinks = distinctBy(
  rule.sourceLinks,
  (link) => link.source,
  (slug) => `source "${slug}"`,
  'source',
);

/** One kind of row that refers to the row being deleted: how to count them, and how to name them. */
export type Referrer = { one: string; many: string; count: SQL };

/**
 * Locks the row (so that nothing starts to refer to it before the delete) and refuses the delete with a
 * ConflictError that says what still refers to it: "Dataset gsm8k has 24 benchmark results; delete or move
 * them first (or merge)". `count` is a `select count(*)` over the referring rows.
 */
export async function refuseWhileReferenced(
  tx: Tx,
  type: SluggedType,
  id: number,
  referrers: readonly Referrer[],
): Promise<void> {
  const table = sluggedTables[type] as PgTable & { id: PgColumn; slug: PgColumn };
  const counts = Object.fromEntries(referrers.map((r, index) => [`c${index}`, sql<number>`(${r.count})::int`]));
  const [row] = (await tx
    .select({ slug: table.slug, ...counts })
    .from(table)
    .where(eq(table.id, id))
    .for('update')) as Record<string, unknown>[];
  if (!row) return;
  const found = referrers.flatMap((r, index) => {
    const count = Number(row[`c${index}`]);
    return count > 0 ? [`${count} ${count === 1 ? r.one : r.many}`] : [];
  });
  if (!found.length) return;
  const list = found.length === 1 ? found[0] : `${found.slice(0, -1).join(', ')} and ${found.at(-1)}`;
  throw new ConflictError(`${type} ${String(row.slug)} has ${list}; delete or move them first (or merge)`, [
    'input',
    'where',
  ]);
}

/** `select count(*) from <column's table> where <column> = id`. */
export const countWhere = (table: PgTable, column: PgColumn, id: number): SQL =>
  sql`select count(*) from ${table} where ${column} = ${id}`;

// ---------------------------------------------------------------------------------------------------------
// Sources

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

function columns(input: z.infer<typeof updateSourceInput>): Columns {
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
    .values(columns(input) as typeof source.$inferInsert)
    .returning({ id: source.id });
  return row as { id: number };
}

export async function updateSource(tx: Tx, where: EntityLocator, raw: unknown): Promise<{ id: number }> {
  const id = await locate(tx, 'Source', where, ['input', 'where']);
  const input = parseInput(updateSourceInput, raw);
  await checkFree(tx, input, id);
  const set = columns(input);
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
