/**
 * A model's languages, stated one source at a time: adding a (model, language, source) link, changing whether it
 * is unverified and its notes, and removing it. The three make the link's key (model_language's primary key), so
 * the same language from a second source is a second link, side by side with the first.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { modelLanguage } from '../db/schema.ts';
import { ConflictError, NotFoundError, parseInput } from '../errors.ts';
import { type EntityLocator, idBySlug, locate, slugOf } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

const fields = { unverified: z.boolean(), notes: rule.description };

export const addModelLanguageInput = z.strictObject({
  language: rule.slug,
  source: rule.slug,
  unverified: fields.unverified.default(false),
  notes: fields.notes.default(''),
});

/** Omitted fields stay as they are; `notes: null` empties the notes. */
export const updateModelLanguageInput = z.strictObject(fields).partial();

/** The row's key, as ids. */
export type ModelLanguageKey = { modelId: number; languageId: number; sourceId: number };

/** Names a link by its model, its language's slug and its source's slug. */
export type ModelLanguageLocator = { model: EntityLocator; language: string; source: string };

const matches = (key: ModelLanguageKey) =>
  and(
    eq(modelLanguage.modelId, key.modelId),
    eq(modelLanguage.languageId, key.languageId),
    eq(modelLanguage.sourceId, key.sourceId),
  );

/** The ids of what `where` names (fields at `path`), each a NotFoundError at its own field when missing. */
async function resolveKey(tx: Tx, where: ModelLanguageLocator, path: string[]): Promise<ModelLanguageKey> {
  const languageSlug = parseInput(rule.slug, where.language, [...path, 'language']);
  const sourceSlug = parseInput(rule.slug, where.source, [...path, 'source']);
  return {
    modelId: await locate(tx, 'Model', where.model, [...path, 'model']),
    languageId: await idBySlug(tx, 'Language', languageSlug, [...path, 'language']),
    sourceId: await idBySlug(tx, 'Source', sourceSlug, [...path, 'source']),
  };
}

const describeKey = async (tx: Tx, key: ModelLanguageKey) =>
  `${await slugOf(tx, 'Model', key.modelId)} ${await slugOf(tx, 'Language', key.languageId)} from ${await slugOf(tx, 'Source', key.sourceId)}`;

/** The existing link `where` names (fields at `path`), or a NotFoundError. */
async function locateModelLanguage(tx: Tx, where: ModelLanguageLocator, path: string[]): Promise<ModelLanguageKey> {
  const key = await resolveKey(tx, where, path);
  const [row] = await tx.select({ modelId: modelLanguage.modelId }).from(modelLanguage).where(matches(key));
  if (!row) throw new NotFoundError('ModelLanguage', 'key', await describeKey(tx, key), path);
  return key;
}

export async function addModelLanguage(tx: Tx, modelWhere: EntityLocator, raw: unknown): Promise<ModelLanguageKey> {
  const input = parseInput(addModelLanguageInput, rule.dropNulls(raw));
  const key = await resolveKey(tx, { model: modelWhere, language: input.language, source: input.source }, ['input']);
  const [row] = await tx
    .insert(modelLanguage)
    .values({ ...key, unverified: input.unverified, notes: input.notes })
    .onConflictDoNothing({ target: [modelLanguage.modelId, modelLanguage.languageId, modelLanguage.sourceId] })
    .returning({ modelId: modelLanguage.modelId });
  if (!row) {
    throw new ConflictError(
      `Model "${await slugOf(tx, 'Model', key.modelId)}" already has language "${input.language}" from source "${input.source}"; change it with updateModelLanguage.`,
      ['input', 'language'],
    );
  }
  return key;
}

export async function updateModelLanguage(
  tx: Tx,
  where: ModelLanguageLocator,
  raw: { notes?: string | null; unverified?: boolean | null },
): Promise<ModelLanguageKey> {
  const input = parseInput(updateModelLanguageInput, raw.notes === null ? { ...raw, notes: '' } : raw);
  const key = await locateModelLanguage(tx, where, ['input', 'where']);
  const set = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  if (Object.keys(set).length) {
    await tx
      .update(modelLanguage)
      .set({ ...set, updatedAt: sql`now()` })
      .where(matches(key));
  }
  return key;
}

export async function removeModelLanguage(tx: Tx, where: ModelLanguageLocator): Promise<ModelLanguageKey> {
  const key = await locateModelLanguage(tx, where, ['input', 'where']);
  await tx.delete(modelLanguage).where(matches(key));
  return key;
}
