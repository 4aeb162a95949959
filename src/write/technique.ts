/**
 * Creating, updating and deleting techniques. `introducedBy` names the paper (a source) and `parent` the more
 * general technique; parents never form a cycle (a technique is never its own ancestor).
 */
import { eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { claimObject, modelTechnique, technique, techniqueKind } from '../db/schema.ts';
import { setEntitySources } from './entity-sources.ts';
import { ConflictError, parseInput, ValidationError } from '../errors.ts';
import { type EntityLocator, idBySlug, locate } from './references.ts';
import * as rule from './rules.ts';
import { countWhere, distinctSourceLinks, refuseWhileReferenced } from './source.ts';
import type { Tx } from './transaction.ts';

/** Techniques and datasets are dated from 1900 on (`technique_introduced_year`, `dataset_introduced_year`). */
export const introducedYear = z
  .int('must be a whole number')
  .min(1900, 'must be between 1900 and 2100')
  .max(2100, 'must be between 1900 and 2100');

const fields = {
  slug: rule.slug,
  name: rule.name,
  aliases: rule.aliases,
  description: rule.description,
  kind: z.enum(techniqueKind.enumValues),
  introducedYear: introducedYear.nullish(),
  introducedBy: rule.slug.nullish(),
  parent: rule.slug.nullish(),
  sources: distinctSourceLinks,
};

export const createTechniqueInput = z.strictObject({
  ...fields,
  aliases: fields.aliases.default([]),
  description: fields.description.default(''),
});
/** Omitted fields stay as they are; `null` clears a field that may be empty. */
export const updateTechniqueInput = z.strictObject(fields).partial();

type Input = z.infer<typeof updateTechniqueInput>;
type Columns = Partial<typeof technique.$inferInsert>;

async function columns(tx: Tx, input: Input): Promise<Columns> {
  const { sources: _sources, introducedBy, parent, ...rest } = input;
  const set = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Columns;
  if (introducedBy !== undefined) {
    set.introducedBySourceId =
      introducedBy === null ? null : await idBySlug(tx, 'Source', introducedBy, ['input', 'introducedBy']);
  }
  if (parent !== undefined) {
    set.parentTechniqueId = parent === null ? null : await idBySlug(tx, 'Technique', parent, ['input', 'parent']);
  }
  return set;
}

/**
 * Refuses a parent that would make a cycle: `parentId` or one of its ancestors is the row itself. The
 * message walks the loop, e.g. "ppo → grpo → ppo".
 */
export async function checkNoParentCycle(
  tx: Tx,
  table: PgTable & { id: PgColumn; slug: PgColumn },
  parentColumn: PgColumn,
  noun: string,
  id: number,
  parentId: number,
  path: string[],
): Promise<void> {
  const rows = (await tx.execute(sql`
    with recursive chain(id, depth) as (
      select ${parentId}::int, 0
      union all
      select ${parentColumn}, chain.depth + 1
      from ${table} join chain on ${table.id} = chain.id
      where ${parentColumn} is not null and chain.id <> ${id} and chain.depth < 10000
    )
    select chain.id, ${table.slug} as slug from chain join ${table} on ${table.id} = chain.id order by chain.depth
  `)) as unknown as { rows: { id: number; slug: string }[] };
  const chain = rows.rows;
  const loop = chain.findIndex((row) => Number(row.id) === id);
  if (loop === -1) return;
  const slugs = chain.slice(0, loop + 1).map((row) => row.slug);
  const self = slugs[slugs.length - 1] as string;
  throw ValidationError.of(
    path,
    slugs.length === 1
      ? `a ${noun} cannot be its own parent`
      : `would make a cycle: ${[self, ...slugs].join(' → ')} (a ${noun} cannot be its own ancestor)`,
  );
}

async function checkSlugFree(tx: Tx, slug: string | undefined, id = 0) {
  if (slug === undefined) return;
  const [taken] = await tx
    .select({ id: technique.id })
    .from(technique)
    .where(sql`${technique.slug} = ${slug} and ${technique.id} <> ${id}`);
  if (taken) throw new ConflictError(`A technique with slug "${slug}" already exists.`, ['input', 'slug']);
}

export async function createTechnique(tx: Tx, raw: unknown): Promise<{ id: number }> {
  const input = parseInput(createTechniqueInput, raw);
  await checkSlugFree(tx, input.slug);
  const [row] = await tx
    .insert(technique)
    .values((await columns(tx, input)) as typeof technique.$inferInsert)
    .returning({ id: technique.id });
  const { id } = row as { id: number };
  await setEntitySources(tx, 'technique', id, input.sources, ['input', 'sources']);
  return { id };
}

export async function updateTechnique(tx: Tx, where: EntityLocator, raw: unknown): Promise<{ id: number }> {
  const id = await locate(tx, 'Technique', where, ['input', 'where']);
  const input = parseInput(updateTechniqueInput, raw);
  await checkSlugFree(tx, input.slug, id);
  const set = await columns(tx, input);
  if (set.parentTechniqueId !== undefined && set.parentTechniqueId !== null) {
    await checkNoParentCycle(tx, technique, technique.parentTechniqueId, 'technique', id, set.parentTechniqueId, [
      'input',
      'parent',
    ]);
  }
  if (Object.keys(set).length) {
    await tx
      .update(technique)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(technique.id, id));
  }
  if (input.sources) await setEntitySources(tx, 'technique', id, input.sources, ['input', 'sources']);
  return { id };
}

/** Deletes a technique no model uses, no technique specializes and no claim names; otherwise a ConflictError. */
export async function deleteTechnique(tx: Tx, where: EntityLocator): Promise<{ id: number }> {
  const id = await locate(tx, 'Technique', where, ['input', 'where']);
  await refuseWhileReferenced(tx, 'Technique', id, [
    { one: 'model use', many: 'model uses', count: countWhere(modelTechnique, modelTechnique.techniqueId, id) },
    {
      one: 'specialization',
      many: 'specializations',
      count: countWhere(technique, technique.parentTechniqueId, id),
    },
    // claim_object rows cascade with the technique: a claim would silently lose an object.
    { one: 'claim naming it', many: 'claims naming it', count: countWhere(claimObject, claimObject.techniqueId, id) },
  ]);
  await tx.delete(technique).where(eq(technique.id, id));
  return { id };
}
