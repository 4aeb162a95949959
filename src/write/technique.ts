/**
 * Creating, updating and deleting techniques. `introducedBy` names the paper (a source) and `parent` the more
 * general technique; parents never form a cycle (a technique is never its own ancestor).
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { claimObject, modelTechnique, technique, techniqueKind } from '../db/schema.ts';
import { setEntitySources } from './entity-sources.ts';
import { ConflictError, parseInput } from '../errors.ts';
import { checkNoParentCycle, countWhere, refuseWhileReferenced } from './checks.ts';
import { type EntityLocator, locate, optionalRef, type Resolve, resolveIn } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

const fields = {
  ...rule.entityFields,
  kind: z.enum(techniqueKind.enumValues),
  introducedYear: rule.introducedYear.nullish(),
  introducedBy: rule.slug.nullish(),
  parent: rule.slug.nullish(),
  sources: rule.distinctSourceLinks,
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

/** The row's columns for the fields the input gives, its slugs resolved (the graph writer's rows too). */
export async function techniqueColumns(input: Input, resolve: Resolve, at: string[] = ['input']): Promise<Columns> {
  const { sources: _sources, introducedBy, parent, ...rest } = input;
  const set = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Columns;
  const introducedBySourceId = await optionalRef(resolve, 'Source', introducedBy, [...at, 'introducedBy']);
  if (introducedBySourceId !== undefined) set.introducedBySourceId = introducedBySourceId;
  const parentTechniqueId = await optionalRef(resolve, 'Technique', parent, [...at, 'parent']);
  if (parentTechniqueId !== undefined) set.parentTechniqueId = parentTechniqueId;
  return set;
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
    .values((await techniqueColumns(input, resolveIn(tx))) as typeof technique.$inferInsert)
    .returning({ id: technique.id });
  const { id } = row as { id: number };
  await setEntitySources(tx, 'technique', id, input.sources, ['input', 'sources']);
  return { id };
}

export async function updateTechnique(tx: Tx, where: EntityLocator, raw: unknown): Promise<{ id: number }> {
  const id = await locate(tx, 'Technique', where, ['input', 'where']);
  const input = parseInput(updateTechniqueInput, raw);
  await checkSlugFree(tx, input.slug, id);
  const set = await techniqueColumns(input, resolveIn(tx));
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
