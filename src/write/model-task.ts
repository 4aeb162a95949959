/**
 * A model's primary task (one per model, model_task's key is the model): setting it, which replaces whatever task
 * the model had, and clearing it. Omitted modalities are the registry's for the task (data/registry/tasks.yaml),
 * as the importers set them.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { modality, modelTask } from '../db/schema.ts';
import { NotFoundError, parseInput } from '../errors.ts';
import { findTask } from '../import/identity/tasks.ts';
import { type EntityLocator, idBySlug, locate, slugOf } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

const modalities = rule.distinctBy(
  z.array(z.enum(modality.enumValues)),
  (value) => value,
  (value) => `modality "${value}"`,
);

export const setModelTaskInput = z.strictObject({
  task: z
    .string()
    .refine(
      (task) => findTask(task)?.by === 'tag',
      'must be a pipeline tag of the task registry, e.g. text-generation',
    ),
  inputModalities: modalities.optional(),
  outputModalities: modalities.optional(),
  source: rule.slug,
  unverified: z.boolean().default(false),
  notes: rule.description.default(''),
});

/** The columns an upsert may change, compared so that setting the same task again writes (and audits) nothing. */
const VALUE_COLUMNS = ['task', 'input_modalities', 'output_modalities', 'source_id', 'notes', 'unverified'] as const;
const columnList = sql.raw(VALUE_COLUMNS.map((column) => `"model_task"."${column}"`).join(', '));
const excludedList = sql.raw(VALUE_COLUMNS.map((column) => `excluded."${column}"`).join(', '));

/** Sets the model's task, replacing the one it had (all of its fields: task, modalities, source, notes). */
export async function setModelTask(tx: Tx, modelWhere: EntityLocator, raw: unknown): Promise<{ modelId: number }> {
  const input = parseInput(setModelTaskInput, rule.dropNulls(raw));
  const modelId = await locate(tx, 'Model', modelWhere, ['input', 'model']);
  const sourceId = await idBySlug(tx, 'Source', input.source, ['input', 'source']);
  const entry = findTask(input.task)?.entry;
  if (!entry) throw new Error(`setModelTask: "${input.task}" passed the input check but is not in the registry`);
  const values = {
    task: entry.task,
    inputModalities: input.inputModalities ?? entry.input,
    outputModalities: input.outputModalities ?? entry.output,
    sourceId,
    notes: input.notes,
    unverified: input.unverified,
  };
  await tx
    .insert(modelTask)
    .values({ modelId, ...values })
    .onConflictDoUpdate({
      target: modelTask.modelId,
      set: { ...values, updatedAt: sql`now()` },
      setWhere: sql`(${columnList}) is distinct from (${excludedList})`,
    });
  return { modelId };
}

/** Removes the model's task; a model without one is a NotFoundError. */
export async function clearModelTask(tx: Tx, modelWhere: EntityLocator): Promise<{ modelId: number }> {
  const modelId = await locate(tx, 'Model', modelWhere, ['input', 'model']);
  const [row] = await tx
    .delete(modelTask)
    .where(eq(modelTask.modelId, modelId))
    .returning({ modelId: modelTask.modelId });
  if (!row) throw new NotFoundError('ModelTask', 'model', await slugOf(tx, 'Model', modelId), ['input', 'model']);
  return { modelId };
}
