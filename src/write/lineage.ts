/**
 * Lineage edges ("model was derived from baseModel"): adding one, with the graph kept acyclic, and removing
 * one. The cycle check reads the base model's ancestry with a recursive CTE inside the write's transaction,
 * under a transaction-scoped advisory lock, so two concurrent writes cannot close a cycle between them.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { lineageKind, model, modelLineage } from '../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError, parseInput } from '../errors.ts';
import { type EntityLocator, idBySlug, locate, slugOf } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

/** Serializes lineage writes (advisory lock key; the migration lock is 7_345_001). */
const LINEAGE_LOCK_KEY = 7_345_010;

export async function lockLineage(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LINEAGE_LOCK_KEY})`);
}

/**
 * The shortest chain of "derived from" edges from `fromId` up to its ancestor `toId`, as model ids
 * (`[fromId, ..., toId]`), or null when `toId` is not an ancestor. One recursive CTE collects the edges of
 * `fromId`'s ancestry; the path is then found breadth-first.
 */
export async function ancestryPath(tx: Tx, fromId: number, toId: number): Promise<number[] | null> {
  if (fromId === toId) return [fromId];
  const { rows } = (await tx.execute(sql`
    with recursive ancestor(id) as (
      select ${fromId}::int
      union
      select l.base_model_id from ${modelLineage} l join ancestor a on l.model_id = a.id
    )
    select l.model_id as "modelId", l.base_model_id as "baseModelId"
    from ${modelLineage} l join ancestor a on l.model_id = a.id
    order by l.id`)) as unknown as { rows: { modelId: number; baseModelId: number }[] };
  const parents = new Map<number, number[]>();
  for (const edge of rows) {
    const list = parents.get(Number(edge.modelId)) ?? [];
    list.push(Number(edge.baseModelId));
    parents.set(Number(edge.modelId), list);
  }
  const previous = new Map<number, number>([[fromId, fromId]]);
  const queue = [fromId];
  while (queue.length) {
    const current = queue.shift() as number;
    for (const parent of parents.get(current) ?? []) {
      if (previous.has(parent)) continue;
      previous.set(parent, current);
      if (parent === toId) {
        const path = [toId];
        for (let at = toId; at !== fromId;) {
          at = previous.get(at) as number;
          path.unshift(at);
        }
        return path;
      }
      queue.push(parent);
    }
  }
  return null;
}

/** Slugs of model ids, in order. */
export async function modelSlugs(tx: Tx, ids: readonly number[]): Promise<string[]> {
  const rows = await tx
    .select({ id: model.id, slug: model.slug })
    .from(model)
    .where(inArray(model.id, [...ids]));
  const slugs = new Map(rows.map((row) => [row.id, row.slug]));
  return ids.map((id) => slugs.get(id) ?? String(id));
}

/**
 * Throws a ValidationError at `path` when an edge "modelId derived from baseModelId" would be a self-edge or
 * close a cycle (the base model already descends from the model); the message names the cycle by slugs.
 */
export async function checkAcyclic(tx: Tx, modelId: number, baseModelId: number, path: string[]): Promise<void> {
  if (modelId === baseModelId) {
    throw ValidationError.of(path, `a model cannot be derived from itself ("${await slugOf(tx, 'Model', modelId)}")`);
  }
  const chain = await ancestryPath(tx, baseModelId, modelId);
  if (chain) {
    const slugs = await modelSlugs(tx, [modelId, ...chain]);
    throw ValidationError.of(
      path,
      `this edge would close a lineage cycle: ${slugs.join(' → ')} (each derived from the next); "${slugs[1]}" already descends from "${slugs[0]}"`,
    );
  }
}

export const addLineageEdgeInput = z.strictObject({
  kind: z.enum(lineageKind.enumValues),
  details: rule.description.default(''),
  source: rule.slug,
  unverified: z.boolean().default(false),
});

export async function addLineageEdge(
  tx: Tx,
  refs: { model: EntityLocator; baseModel: EntityLocator },
  raw: unknown,
): Promise<{ id: number }> {
  const input = parseInput(addLineageEdgeInput, rule.dropNulls(raw));
  const modelId = await locate(tx, 'Model', refs.model, ['input', 'model']);
  const baseModelId = await locate(tx, 'Model', refs.baseModel, ['input', 'baseModel']);
  const sourceId = await idBySlug(tx, 'Source', input.source, ['input', 'source']);
  await lockLineage(tx);
  await checkAcyclic(tx, modelId, baseModelId, ['input', 'baseModel']);
  const [row] = await tx
    .insert(modelLineage)
    .values({ modelId, baseModelId, kind: input.kind, details: input.details, sourceId, unverified: input.unverified })
    .onConflictDoNothing({ target: [modelLineage.modelId, modelLineage.baseModelId, modelLineage.kind] })
    .returning({ id: modelLineage.id });
  if (!row) {
    const [child, base] = await modelSlugs(tx, [modelId, baseModelId]);
    throw new ConflictError(`"${child}" is already recorded as a ${input.kind} of "${base}".`, ['input', 'baseModel']);
  }
  return row;
}

/** Names an edge by its id (from a Derivation global ID) or by (model, baseModel, kind). */
export type LineageEdgeLocator = {
  id?: number | undefined;
  model?: EntityLocator | null | undefined;
  baseModel?: EntityLocator | null | undefined;
  kind?: string | null | undefined;
};

export async function locateLineageEdge(tx: Tx, where: LineageEdgeLocator, path: string[]): Promise<number> {
  const byId = where.id !== undefined;
  const byKey = Boolean(where.model || where.baseModel || where.kind);
  if (byId === byKey) {
    throw ValidationError.of(path, 'give either "id", or all of "model", "baseModel" and "kind"');
  }
  if (byId) {
    const [row] = await tx
      .select({ id: modelLineage.id })
      .from(modelLineage)
      .where(eq(modelLineage.id, where.id as number));
    if (!row) throw new NotFoundError('Derivation', 'id', String(where.id), [...path, 'id']);
    return row.id;
  }
  if (!where.model || !where.baseModel || !where.kind) {
    throw ValidationError.of(path, 'give all of "model", "baseModel" and "kind" to name an edge without its id');
  }
  const kind = parseInput(z.enum(lineageKind.enumValues), where.kind, [...path, 'kind']);
  const modelId = await locate(tx, 'Model', where.model, [...path, 'model']);
  const baseModelId = await locate(tx, 'Model', where.baseModel, [...path, 'baseModel']);
  const [row] = await tx
    .select({ id: modelLineage.id })
    .from(modelLineage)
    .where(
      and(eq(modelLineage.modelId, modelId), eq(modelLineage.baseModelId, baseModelId), eq(modelLineage.kind, kind)),
    );
  if (!row) {
    const [child, base] = await modelSlugs(tx, [modelId, baseModelId]);
    throw new NotFoundError('Derivation', 'key', `${child} ${kind} of ${base}`, path);
  }
  return row.id;
}

export async function removeLineageEdge(tx: Tx, where: LineageEdgeLocator): Promise<{ id: number }> {
  const id = await locateLineageEdge(tx, where, ['input', 'where']);
  await tx.delete(modelLineage).where(eq(modelLineage.id, id));
  return { id };
}
