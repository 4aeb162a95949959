/**
 * Technique uses (a model's training stages and architectural techniques): adding, changing and removing one,
 * with the datasets the stage trained on. A model uses a technique once (`model_technique_unique`).
 */
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { modelTechnique, modelTechniqueDataset, technique } from '../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError, parseInput } from '../errors.ts';
import { type EntityLocator, idBySlug, locate, resolveSlugs, slugOf } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

const fields = {
  stage: rule.positiveCount.nullish(),
  details: rule.description,
  hyperparameters: z.record(z.string(), z.unknown()).nullish(),
  datasets: rule.distinctBy(
    z.array(rule.slug).max(100),
    (slug) => slug,
    (slug) => `dataset "${slug}"`,
  ),
  source: rule.slug,
  unverified: z.boolean(),
};

export const addTechniqueStageInput = z.strictObject({
  technique: rule.slug,
  ...fields,
  details: fields.details.default(''),
  datasets: fields.datasets.default([]),
  unverified: fields.unverified.default(false),
});

/** Omitted fields stay as they are; `null` clears the stage or the hyperparameters; datasets replace the set. */
export const updateTechniqueStageInput = z.strictObject(fields).partial();

type StageInput = z.infer<typeof updateTechniqueStageInput>;

async function columns(tx: Tx, input: StageInput): Promise<Partial<typeof modelTechnique.$inferInsert>> {
  const { datasets: _datasets, source, ...rest } = input;
  const set: Partial<typeof modelTechnique.$inferInsert> = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  );
  if (source !== undefined) set.sourceId = await idBySlug(tx, 'Source', source, ['input', 'source']);
  return set;
}

/** Replaces the datasets of a technique use. */
async function setDatasets(tx: Tx, useId: number, slugs: readonly string[]) {
  const datasetIds = await resolveSlugs(
    tx,
    'Dataset',
    slugs.map((slug, index) => ({ slug, path: ['input', 'datasets', String(index)] })),
  );
  await tx
    .delete(modelTechniqueDataset)
    .where(
      and(
        eq(modelTechniqueDataset.modelTechniqueId, useId),
        datasetIds.length ? notInArray(modelTechniqueDataset.datasetId, datasetIds) : sql`true`,
      ),
    );
  if (datasetIds.length) {
    await tx
      .insert(modelTechniqueDataset)
      .values(datasetIds.map((datasetId) => ({ modelTechniqueId: useId, datasetId })))
      .onConflictDoNothing();
  }
}

export async function addTechniqueStage(tx: Tx, modelWhere: EntityLocator, raw: unknown): Promise<{ id: number }> {
  const input = parseInput(addTechniqueStageInput, rule.dropNulls(raw));
  const modelId = await locate(tx, 'Model', modelWhere, ['input', 'model']);
  const techniqueId = await idBySlug(tx, 'Technique', input.technique, ['input', 'technique']);
  const { technique: _technique, ...rest } = input;
  const [row] = await tx
    .insert(modelTechnique)
    .values({ ...(await columns(tx, rest)), modelId, techniqueId } as typeof modelTechnique.$inferInsert)
    .onConflictDoNothing({ target: [modelTechnique.modelId, modelTechnique.techniqueId] })
    .returning({ id: modelTechnique.id });
  if (!row) {
    throw new ConflictError(
      `Model "${await slugOf(tx, 'Model', modelId)}" already uses technique "${input.technique}"; change that use with updateTechniqueStage.`,
      ['input', 'technique'],
    );
  }
  await setDatasets(tx, row.id, input.datasets);
  return row;
}

/** Names a technique use by its id (from a TechniqueUse global ID) or by (model, technique slug). */
export type TechniqueUseLocator = {
  id?: number | undefined;
  model?: EntityLocator | null | undefined;
  technique?: string | null | undefined;
};

export async function locateTechniqueUse(tx: Tx, where: TechniqueUseLocator, path: string[]): Promise<number> {
  const byId = where.id !== undefined;
  const byKey = Boolean(where.model || where.technique);
  if (byId === byKey) throw ValidationError.of(path, 'give either "id", or both "model" and "technique"');
  if (byId) {
    const [row] = await tx
      .select({ id: modelTechnique.id })
      .from(modelTechnique)
      .where(eq(modelTechnique.id, where.id as number));
    if (!row) throw new NotFoundError('TechniqueUse', 'id', String(where.id), [...path, 'id']);
    return row.id;
  }
  if (!where.model || !where.technique) {
    throw ValidationError.of(path, 'give both "model" and "technique" to name a technique use without its id');
  }
  const modelId = await locate(tx, 'Model', where.model, [...path, 'model']);
  const techniqueSlug = parseInput(rule.slug, where.technique, [...path, 'technique']);
  const [row] = await tx
    .select({ id: modelTechnique.id })
    .from(modelTechnique)
    .innerJoin(technique, eq(technique.id, modelTechnique.techniqueId))
    .where(and(eq(modelTechnique.modelId, modelId), eq(technique.slug, techniqueSlug)));
  if (!row) {
    await idBySlug(tx, 'Technique', techniqueSlug, [...path, 'technique']);
    throw new NotFoundError('TechniqueUse', 'key', `${await slugOf(tx, 'Model', modelId)} uses ${techniqueSlug}`, path);
  }
  return row.id;
}

export async function updateTechniqueStage(tx: Tx, where: TechniqueUseLocator, raw: unknown): Promise<{ id: number }> {
  const id = await locateTechniqueUse(tx, where, ['input', 'where']);
  const input = parseInput(updateTechniqueStageInput, raw);
  const set = await columns(tx, input);
  if (Object.values(input).some((value) => value !== undefined)) {
    await tx
      .update(modelTechnique)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(modelTechnique.id, id));
  }
  if (input.datasets) await setDatasets(tx, id, input.datasets);
  return { id };
}

export async function removeTechniqueStage(tx: Tx, where: TechniqueUseLocator): Promise<{ id: number }> {
  const id = await locateTechniqueUse(tx, where, ['input', 'where']);
  await tx.delete(modelTechnique).where(eq(modelTechnique.id, id));
  return { id };
}
