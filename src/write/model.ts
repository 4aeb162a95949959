/**
 * Creating, updating and deleting models, with the parts a model owns: developer credits (lead first, each
 * with its source), external ids, source links. Lineage edges, technique stages, results and claims have their
 * own writes (lineage.ts, technique-use.ts, result.ts, claim.ts).
 */
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  accessChannel,
  architectureKind,
  benchmarkResult,
  claim,
  claimObject,
  externalIdNamespace,
  model,
  modelDeveloper,
  modelExternalId,
  modelLineage,
  modelTechnique,
} from '../db/schema.ts';
import { setEntitySources } from './entity-sources.ts';
import { ConflictError, ValidationError, parseInput } from '../errors.ts';
import { countWhere, type Referrer, refuseWhileReferenced, type RowCount } from './checks.ts';
import { type EntityLocator, locate, optionalRef, type Resolve, resolveIn, resolveSlugs } from './references.ts';
import { rederiveEvaluatorRelationships } from './result.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

// ---------------------------------------------------------------------------------------------------------
// Model input

/** Fields a model's `unverifiedFields` may name. */
export const modelFieldNames = [
  'name',
  'aliases',
  'description',
  'developers',
  'architecture',
  'architectureDetails',
  'parameterCount',
  'activeParameterCount',
  'contextLength',
  'releaseDate',
  'license',
  'licenseNotes',
  'openWeights',
  'access',
  'trainingGpuCount',
  'trainingGpuType',
  'trainingGpuHours',
  'trainingTokens',
  'trainingComputeNotes',
  'externalIds',
] as const;

const developer = z.strictObject({ organization: rule.slug, source: rule.slug });

/** Repository-style ids (`owner/name`) for the namespaces that use them. */
const repositoryId = /^[\w.-]+\/[\w.-]+$/;

const externalId = z
  .strictObject({ namespace: z.enum(externalIdNamespace.enumValues), value: rule.name })
  .superRefine((id, ctx) => {
    if ((id.namespace === 'huggingface' || id.namespace === 'github') && !repositoryId.test(id.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `a ${id.namespace} id is "owner/name"` });
    }
  });

const trainingCompute = z
  .strictObject({
    gpuCount: rule.positiveCount.nullish(),
    gpuType: rule.name.nullish(),
    gpuHours: rule.largeCount.nullish(),
    tokens: rule.largeCount.nullish(),
    notes: rule.text.nullish(),
  })
  .nullish();

const fields = {
  ...rule.entityFields,
  developers: rule.distinctBy(
    z.array(developer).max(50),
    (d) => d.organization,
    (slug) => `organization "${slug}"`,
    'organization',
  ),
  architecture: z.enum(architectureKind.enumValues).nullish(),
  architectureDetails: rule.text.nullish(),
  parameterCount: rule.largeCount.nullish(),
  activeParameterCount: rule.largeCount.nullish(),
  contextLength: rule.positiveCount.nullish(),
  releaseDate: rule.isoDate.nullish(),
  license: rule.slug.nullish(),
  licenseNotes: rule.text.nullish(),
  openWeights: z.boolean(),
  access: rule.distinctBy(
    z.array(z.enum(accessChannel.enumValues)),
    (channel) => channel,
    (channel) => `access channel "${channel}"`,
  ),
  trainingCompute,
  externalIds: rule.distinctBy(
    z.array(externalId).max(100),
    (id) => `${id.namespace}:${id.value}`,
    (id) => `external id "${id}"`,
    'value',
  ),
  unverifiedFields: z.array(
    z.enum(modelFieldNames, { error: `must be a field of the model (${modelFieldNames.join(', ')})` }),
  ),
  sources: rule.distinctSourceLinks,
};

export const createModelInput = z.strictObject({
  ...fields,
  aliases: fields.aliases.default([]),
  description: fields.description.default(''),
  developers: fields.developers.default([]),
  access: fields.access.default([]),
  externalIds: fields.externalIds.default([]),
  unverifiedFields: fields.unverifiedFields.default([]),
});

/** Omitted fields stay as they are; `null` clears an optional field; lists replace what is stored. */
export const updateModelInput = z.strictObject(fields).partial();

type ModelInput = z.infer<typeof updateModelInput>;
type Columns = Partial<typeof model.$inferInsert>;

const computeColumns = {
  gpuCount: 'trainingGpuCount',
  gpuType: 'trainingGpuType',
  gpuHours: 'trainingGpuHours',
  tokens: 'trainingTokens',
  notes: 'trainingComputeNotes',
} as const;

/** The row's columns for the fields the input gives, its slugs resolved (the graph writer's rows too). */
export async function modelColumns(input: ModelInput, resolve: Resolve, at: string[] = ['input']): Promise<Columns> {
  const {
    developers: _developers,
    externalIds: _externalIds,
    sources: _sources,
    trainingCompute: compute,
    license,
    ...rest
  } = input;
  const set = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Columns;
  const licenseId = await optionalRef(resolve, 'License', license, [...at, 'license']);
  if (licenseId !== undefined) set.licenseId = licenseId;
  if (compute === null) {
    for (const column of Object.values(computeColumns)) set[column] = null;
  } else if (compute) {
    for (const [key, column] of Object.entries(computeColumns)) {
      const value = compute[key as keyof typeof compute];
      if (value !== undefined) (set as Record<string, unknown>)[column] = value;
    }
  }
  return set;
}

/** Active parameters cannot exceed the total, whichever of the two the write changes. */
export function checkParameterCounts(
  total: number | null | undefined,
  active: number | null | undefined,
  at: string[] = ['input'],
) {
  if (total !== null && total !== undefined && active !== null && active !== undefined && active > total) {
    throw ValidationError.of(
      [...at, 'activeParameterCount'],
      `must not exceed the total parameter count (${active} > ${total})`,
    );
  }
}

async function requireFreeSlug(tx: Tx, slug: string, id: number | null) {
  const [taken] = await tx
    .select({ id: model.id })
    .from(model)
    .where(id === null ? eq(model.slug, slug) : sql`${model.slug} = ${slug} and ${model.id} <> ${id}`);
  if (taken) throw new ConflictError(`A model with slug "${slug}" already exists.`, ['input', 'slug']);
}

/** Replaces a model's developer credits; rows that did not change stay untouched. */
async function setDevelopers(tx: Tx, modelId: number, developers: z.infer<typeof developer>[]) {
  const organizationIds = await resolveSlugs(
    tx,
    'Organization',
    developers.map((d, index) => ({
      slug: d.organization,
      path: ['input', 'developers', String(index), 'organization'],
    })),
  );
  const sourceIds = await resolveSlugs(
    tx,
    'Source',
    developers.map((d, index) => ({ slug: d.source, path: ['input', 'developers', String(index), 'source'] })),
  );
  await tx
    .delete(modelDeveloper)
    .where(
      and(
        eq(modelDeveloper.modelId, modelId),
        organizationIds.length ? notInArray(modelDeveloper.organizationId, organizationIds) : sql`true`,
      ),
    );
  if (!developers.length) return;
  await tx
    .insert(modelDeveloper)
    .values(
      organizationIds.map((organizationId, position) => ({
        modelId,
        organizationId,
        position,
        sourceId: sourceIds[position] as number,
      })),
    )
    .onConflictDoUpdate({
      target: [modelDeveloper.modelId, modelDeveloper.organizationId],
      set: { position: sql.raw('excluded.position'), sourceId: sql.raw('excluded.source_id') },
      setWhere: sql`(${modelDeveloper.position}, ${modelDeveloper.sourceId}) is distinct from (excluded.position, excluded.source_id)`,
    });
}

/** Replaces a model's external ids; an id another model holds is a ConflictError at its input path. */
async function setExternalIds(tx: Tx, modelId: number, ids: z.infer<typeof externalId>[]) {
  if (ids.length) {
    const held = await tx
      .select({ namespace: modelExternalId.namespace, value: modelExternalId.value, slug: model.slug })
      .from(modelExternalId)
      .innerJoin(model, eq(model.id, modelExternalId.modelId))
      .where(
        and(
          sql`${modelExternalId.modelId} <> ${modelId}`,
          inArray(
            modelExternalId.value,
            ids.map((id) => id.value),
          ),
        ),
      );
    ids.forEach((id, index) => {
      const other = held.find((row) => row.namespace === id.namespace && row.value === id.value);
      if (other) {
        throw new ConflictError(`The ${id.namespace} id "${id.value}" already identifies model "${other.slug}".`, [
          'input',
          'externalIds',
          String(index),
          'value',
        ]);
      }
    });
  }
  const keep = ids.map((id) => sql`(${id.namespace}::external_id_namespace, ${id.value}::text)`);
  await tx
    .delete(modelExternalId)
    .where(
      and(
        eq(modelExternalId.modelId, modelId),
        keep.length
          ? sql`(${modelExternalId.namespace}, ${modelExternalId.value}) not in (${sql.join(keep, sql`, `)})`
          : sql`true`,
      ),
    );
  if (ids.length) {
    await tx
      .insert(modelExternalId)
      .values(ids.map((id) => ({ modelId, namespace: id.namespace, value: id.value })))
      .onConflictDoNothing({ target: [modelExternalId.namespace, modelExternalId.value] });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writes

export async function createModel(tx: Tx, raw: unknown): Promise<{ id: number }> {
  const input = parseInput(createModelInput, rule.dropNulls(raw));
  checkParameterCounts(input.parameterCount, input.activeParameterCount);
  await requireFreeSlug(tx, input.slug, null);
  const [row] = await tx
    .insert(model)
    .values((await modelColumns(input, resolveIn(tx))) as typeof model.$inferInsert)
    .onConflictDoNothing({ target: model.slug })
    .returning({ id: model.id });
  if (!row) throw new ConflictError(`A model with slug "${input.slug}" already exists.`, ['input', 'slug']);
  await setDevelopers(tx, row.id, input.developers);
  await setExternalIds(tx, row.id, input.externalIds);
  await setEntitySources(tx, 'model', row.id, input.sources, ['input', 'sources']);
  return row;
}

export async function updateModel(tx: Tx, where: EntityLocator, raw: unknown): Promise<{ id: number }> {
  const id = await locate(tx, 'Model', where, ['input', 'where']);
  const input = parseInput(updateModelInput, raw);
  if (input.parameterCount !== undefined || input.activeParameterCount !== undefined) {
    const [stored] = await tx
      .select({ total: model.parameterCount, active: model.activeParameterCount })
      .from(model)
      .where(eq(model.id, id));
    checkParameterCounts(
      input.parameterCount === undefined ? stored?.total : input.parameterCount,
      input.activeParameterCount === undefined ? stored?.active : input.activeParameterCount,
    );
  }
  if (input.slug !== undefined) await requireFreeSlug(tx, input.slug, id);
  const set = await modelColumns(input, resolveIn(tx));
  const touched = Object.values(input).some((value) => value !== undefined);
  if (touched) {
    await tx
      .update(model)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(model.id, id));
  }
  if (input.developers) {
    await setDevelopers(tx, id, input.developers);
    await rederiveEvaluatorRelationships(tx, sql`${benchmarkResult.modelId} = ${id}`);
  }
  if (input.externalIds) await setExternalIds(tx, id, input.externalIds);
  if (input.sources) await setEntitySources(tx, 'model', id, input.sources, ['input', 'sources']);
  return { id };
}

/** What refers to a model, for the refusal message. */
const referrers = (id: number): Referrer[] => [
  {
    one: 'benchmark result',
    many: 'benchmark results',
    count: countWhere(benchmarkResult, benchmarkResult.modelId, id),
  },
  {
    one: 'lineage edge',
    many: 'lineage edges',
    count: sql`select count(*) from ${modelLineage} where ${modelLineage.modelId} = ${id} or ${modelLineage.baseModelId} = ${id}`,
  },
  { one: 'technique use', many: 'technique uses', count: countWhere(modelTechnique, modelTechnique.modelId, id) },
  { one: 'claim', many: 'claims', count: claimsMentioning(id) },
];

const claimsMentioning = (id: number) =>
  sql`select count(*) from ${claim} where ${claim.subjectModelId} = ${id} or exists (select 1 from ${claimObject} where ${claimObject.claimId} = ${claim.id} and ${claimObject.modelId} = ${id})`;

/**
 * Deletes a model. Its developer credits, external ids and source links go with it. When results, lineage
 * edges (either direction), technique uses or claims (as subject or object) refer to it, the delete is a
 * ConflictError unless `cascade` is set: then those rows are deleted too (whole claims, not just the object:
 * a claim that lost an object would state something else), and counted in the answer.
 */
export async function deleteModel(
  tx: Tx,
  where: EntityLocator,
  { cascade = false }: { cascade?: boolean | null | undefined } = {},
): Promise<{ id: number; deleted: RowCount[] }> {
  const id = await locate(tx, 'Model', where, ['input', 'where']);
  if (!cascade) {
    try {
      await refuseWhileReferenced(tx, 'Model', id, referrers(id));
    } catch (error) {
      if (error instanceof ConflictError) {
        throw new ConflictError(`${error.message}, or delete with cascade: true`, error.inputPath);
      }
      throw error;
    }
    await tx.delete(model).where(eq(model.id, id));
    return { id, deleted: [] };
  }
  const [counts] = await tx
    .select({
      benchmark_result: sql<number>`(${referrers(id)[0]?.count})::int`,
      model_lineage: sql<number>`(${referrers(id)[1]?.count})::int`,
      model_technique: sql<number>`(${referrers(id)[2]?.count})::int`,
      claim: sql<number>`(${claimsMentioning(id)})::int`,
    })
    .from(model)
    .where(eq(model.id, id))
    .for('update');
  const deleted = Object.entries(counts ?? {})
    .map(([table, count]) => ({ table, count: Number(count) }))
    .filter((c) => c.count > 0);
  await tx
    .delete(claim)
    .where(
      sql`${claim.subjectModelId} = ${id} or ${claim.id} in (select ${claimObject.claimId} from ${claimObject} where ${claimObject.modelId} = ${id})`,
    );
  await tx.delete(modelLineage).where(sql`${modelLineage.modelId} = ${id} or ${modelLineage.baseModelId} = ${id}`);
  await tx.delete(modelTechnique).where(eq(modelTechnique.modelId, id));
  await tx.delete(benchmarkResult).where(eq(benchmarkResult.modelId, id));
  await tx.delete(model).where(eq(model.id, id));
  return { id, deleted };
}
