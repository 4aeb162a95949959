/**
 * Creating, updating and deleting languages (ISO 639). The slug is the language's ISO 639-1 code where one
 * exists (`ja`), else its ISO 639-3 code; other codes and names (the native name, `jpn`) are aliases.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { language, modelLanguage } from '../db/schema.ts';
import { countWhere, refuseWhileReferenced } from './checks.ts';
import { ConflictError, parseInput } from '../errors.ts';
import { type EntityLocator, locate } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

const fields = {
  slug: rule.slug,
  name: rule.name,
  aliases: rule.aliases,
  description: rule.description,
};

export const createLanguageInput = z.strictObject({
  ...fields,
  aliases: fields.aliases.default([]),
  description: fields.description.default(''),
});
/** Omitted fields stay as they are. */
export const updateLanguageInput = z.strictObject(fields).partial();

type Columns = Partial<typeof language.$inferInsert>;

/** The row's columns for the fields the input gives (the graph writer builds its rows with it too). */
export function languageColumns(input: z.infer<typeof updateLanguageInput>): Columns {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Columns;
}

async function checkSlugFree(tx: Tx, slug: string | undefined, id = 0) {
  if (slug === undefined) return;
  const [taken] = await tx
    .select({ id: language.id })
    .from(language)
    .where(sql`${language.slug} = ${slug} and ${language.id} <> ${id}`);
  if (taken) throw new ConflictError(`A language with slug "${slug}" already exists.`, ['input', 'slug']);
}

export async function createLanguage(tx: Tx, raw: unknown): Promise<{ id: number }> {
  const input = parseInput(createLanguageInput, raw);
  await checkSlugFree(tx, input.slug);
  const [row] = await tx
    .insert(language)
    .values(languageColumns(input) as typeof language.$inferInsert)
    .returning({
      id: language.id,
    });
  return row as { id: number };
}

export async function updateLanguage(tx: Tx, where: EntityLocator, raw: unknown): Promise<{ id: number }> {
  const id = await locate(tx, 'Language', where, ['input', 'where']);
  const input = parseInput(updateLanguageInput, raw);
  await checkSlugFree(tx, input.slug, id);
  const set = languageColumns(input);
  if (Object.keys(set).length) {
    await tx
      .update(language)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(language.id, id));
  }
  return { id };
}

/** Deletes a language no model is linked to; otherwise a ConflictError. */
export async function deleteLanguage(tx: Tx, where: EntityLocator): Promise<{ id: number }> {
  const id = await locate(tx, 'Language', where, ['input', 'where']);
  await refuseWhileReferenced(tx, 'Language', id, [
    {
      one: 'model linked to it',
      many: 'model links to it',
      count: countWhere(modelLanguage, modelLanguage.languageId, id),
    },
  ]);
  await tx.delete(language).where(eq(language.id, id));
  return { id };
}
