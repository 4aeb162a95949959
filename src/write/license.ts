/**
 * Creating, updating and deleting licenses. Only a permissive or copyleft license can be OSI-approved (the
 * `license_osi_is_open` check); an update is checked against the license as it will be, not just its input.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { dataset, license, licenseCategory, model } from '../db/schema.ts';
import { ConflictError, parseInput, ValidationError } from '../errors.ts';
import { countWhere, refuseWhileReferenced } from './checks.ts';
import { type EntityLocator, locate, optionalRef, type Resolve, resolveIn } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

const openCategories: readonly string[] = ['permissive', 'copyleft'];

const fields = {
  slug: rule.slug,
  spdxId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/, 'an SPDX identifier is letters, digits, ".", "-" and "+" (e.g. Apache-2.0)')
    .max(100)
    .nullish(),
  name: rule.name,
  category: z.enum(licenseCategory.enumValues),
  osiApproved: z.boolean(),
  url: rule.httpUrl.nullish(),
  description: rule.description,
  source: rule.slug.nullish(),
};

export const createLicenseInput = z.strictObject({ ...fields, description: fields.description.default('') });
/** Omitted fields stay as they are; `null` clears a field that may be empty. */
export const updateLicenseInput = z.strictObject(fields).partial();

type Input = z.infer<typeof updateLicenseInput>;
type Columns = Partial<typeof license.$inferInsert>;

/** The row's columns for the fields the input gives, its slugs resolved (the graph writer's rows too). */
export async function licenseColumns(input: Input, resolve: Resolve, at: string[] = ['input']): Promise<Columns> {
  const { source, ...rest } = input;
  const set = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Columns;
  const sourceId = await optionalRef(resolve, 'Source', source, [...at, 'source']);
  if (sourceId !== undefined) set.sourceId = sourceId;
  return set;
}

/** The OSI rule on the license as it will be; the issue is at the field the input gave (osiApproved first). */
export function checkOsi(input: Input, current: { category: string; osiApproved: boolean }, at: string[] = ['input']) {
  const category = input.category ?? current.category;
  const osiApproved = input.osiApproved ?? current.osiApproved;
  if (osiApproved && !openCategories.includes(category)) {
    const field = input.osiApproved !== undefined ? 'osiApproved' : 'category';
    throw ValidationError.of(
      [...at, field],
      `only a permissive or copyleft license can be OSI-approved (category ${category}, osiApproved true)`,
    );
  }
}

async function checkFree(tx: Tx, input: Input, id = 0) {
  if (input.slug !== undefined) {
    const [taken] = await tx
      .select({ id: license.id })
      .from(license)
      .where(sql`${license.slug} = ${input.slug} and ${license.id} <> ${id}`);
    if (taken) throw new ConflictError(`A license with slug "${input.slug}" already exists.`, ['input', 'slug']);
  }
  if (input.spdxId !== undefined && input.spdxId !== null) {
    const [taken] = await tx
      .select({ slug: license.slug })
      .from(license)
      .where(sql`${license.spdxId} = ${input.spdxId} and ${license.id} <> ${id}`);
    if (taken) {
      throw new ConflictError(`License ${taken.slug} already has the SPDX identifier "${input.spdxId}".`, [
        'input',
        'spdxId',
      ]);
    }
  }
}

export async function createLicense(tx: Tx, raw: unknown): Promise<{ id: number }> {
  const input = parseInput(createLicenseInput, raw);
  checkOsi(input, input);
  await checkFree(tx, input);
  const [row] = await tx
    .insert(license)
    .values((await licenseColumns(input, resolveIn(tx))) as typeof license.$inferInsert)
    .returning({ id: license.id });
  return row as { id: number };
}

export async function updateLicense(tx: Tx, where: EntityLocator, raw: unknown): Promise<{ id: number }> {
  const id = await locate(tx, 'License', where, ['input', 'where']);
  const input = parseInput(updateLicenseInput, raw);
  const [current] = await tx
    .select({ category: license.category, osiApproved: license.osiApproved })
    .from(license)
    .where(eq(license.id, id));
  checkOsi(input, current as { category: string; osiApproved: boolean });
  await checkFree(tx, input, id);
  const set = await licenseColumns(input, resolveIn(tx));
  if (Object.keys(set).length) {
    await tx
      .update(license)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(license.id, id));
  }
  return { id };
}

/** Deletes a license no model or dataset is released under; otherwise a ConflictError. */
export async function deleteLicense(tx: Tx, where: EntityLocator): Promise<{ id: number }> {
  const id = await locate(tx, 'License', where, ['input', 'where']);
  await refuseWhileReferenced(tx, 'License', id, [
    { one: 'model under it', many: 'models under it', count: countWhere(model, model.licenseId, id) },
    { one: 'dataset under it', many: 'datasets under it', count: countWhere(dataset, dataset.licenseId, id) },
  ]);
  await tx.delete(license).where(eq(license.id, id));
  return { id };
}
