/**
 * Creating, updating and deleting organizations. Inputs are checked field by field (zod, with the input
 * path) before anything is written; the database's constraints catch the rest inside the same transaction.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  benchmarkResult,
  claim,
  claimObject,
  datasetCreator,
  modelDeveloper,
  organization,
  organizationKind,
} from '../db/schema.ts';
import { setEntitySources } from './entity-sources.ts';
import { ConflictError, parseInput } from '../errors.ts';
import { countWhere, refuseWhileReferenced } from './checks.ts';
import { type EntityLocator, locate } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

const fields = {
  ...rule.entityFields,
  kind: z.enum(organizationKind.enumValues),
  country: rule.countryCode.nullish(),
  headquarters: rule.name.nullish(),
  website: rule.httpUrl.nullish(),
  foundedYear: rule.year.nullish(),
  sources: rule.distinctSourceLinks,
};

export const createOrganizationInput = z.strictObject({
  ...fields,
  aliases: fields.aliases.default([]),
  description: fields.description.default(''),
});
/** Omitted fields stay as they are; `null` clears a field that may be empty. */
export const updateOrganizationInput = z.strictObject(fields).partial();

type Columns = Partial<typeof organization.$inferInsert>;

/** The row's columns for the fields the input gives (the graph writer builds its rows with it too). */
export function organizationColumns(input: z.infer<typeof updateOrganizationInput>): Columns {
  const { sources: _sources, ...rest } = input;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Columns;
}

export async function createOrganization(tx: Tx, raw: unknown): Promise<{ id: number }> {
  const input = parseInput(createOrganizationInput, raw);
  const [row] = await tx
    .insert(organization)
    .values(organizationColumns(input) as typeof organization.$inferInsert)
    .onConflictDoNothing({ target: organization.slug })
    .returning({ id: organization.id });
  if (!row) throw new ConflictError(`An organization with slug "${input.slug}" already exists.`, ['input', 'slug']);
  await setEntitySources(tx, 'organization', row.id, input.sources, ['input', 'sources']);
  return row;
}

export async function updateOrganization(tx: Tx, where: EntityLocator, raw: unknown): Promise<{ id: number }> {
  const id = await locate(tx, 'Organization', where, ['input', 'where']);
  const input = parseInput(updateOrganizationInput, raw);
  const set = organizationColumns(input);
  if (input.slug !== undefined) {
    const [taken] = await tx
      .select({ id: organization.id })
      .from(organization)
      .where(sql`${organization.slug} = ${input.slug} and ${organization.id} <> ${id}`);
    if (taken) throw new ConflictError(`An organization with slug "${input.slug}" already exists.`, ['input', 'slug']);
  }
  if (Object.keys(set).length) {
    await tx
      .update(organization)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(organization.id, id));
  }
  if (input.sources) await setEntitySources(tx, 'organization', id, input.sources, ['input', 'sources']);
  return { id };
}

/** Deletes an organization no model, dataset, result or claim refers to; otherwise a ConflictError. */
export async function deleteOrganization(tx: Tx, where: EntityLocator): Promise<{ id: number }> {
  const id = await locate(tx, 'Organization', where, ['input', 'where']);
  await refuseWhileReferenced(tx, 'Organization', id, [
    {
      one: 'model it developed',
      many: 'models it developed',
      count: countWhere(modelDeveloper, modelDeveloper.organizationId, id),
    },
    {
      one: 'dataset it created',
      many: 'datasets it created',
      count: countWhere(datasetCreator, datasetCreator.organizationId, id),
    },
    {
      one: 'benchmark result it evaluated',
      many: 'benchmark results it evaluated',
      count: countWhere(benchmarkResult, benchmarkResult.evaluatorOrganizationId, id),
    },
    // Claims about the organization, or naming it, cascade with it: they would silently go (or lose an object).
    { one: 'claim about it', many: 'claims about it', count: countWhere(claim, claim.subjectOrganizationId, id) },
    {
      one: 'claim naming it',
      many: 'claims naming it',
      count: countWhere(claimObject, claimObject.organizationId, id),
    },
  ]);
  await tx.delete(organization).where(eq(organization.id, id));
  return { id };
}
