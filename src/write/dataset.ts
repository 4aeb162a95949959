/**
 * Creating, updating and deleting datasets. A dataset is a benchmark, training data or both; it covers at
 * least one domain; its references (default metric, license, paper, parent dataset, creator organizations)
 * are slugs; parents never form a cycle; a Hugging Face id names one dataset only.
 */
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  benchmarkResult,
  claimObject,
  dataset,
  datasetCreator,
  datasetDomain,
  modelTechniqueDataset,
} from '../db/schema.ts';
import { setEntitySources } from './entity-sources.ts';
import { ConflictError, parseInput, ValidationError } from '../errors.ts';
import { checkNoParentCycle, countWhere, refuseWhileReferenced } from './checks.ts';
import { type EntityLocator, idsBySlugs, locate, optionalRef, type Resolve, resolveIn } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

/** The domains a dataset covers, each once (a mutation names at least one; an import may not know them yet). */
export const datasetDomains = rule.distinctBy(
  z.array(z.enum(datasetDomain.enumValues)),
  (domain) => domain,
  (domain) => `domain ${domain.toUpperCase()}`,
);

const optionalText = z.string().trim().min(1, 'must not be empty').max(2000).nullish();

const fields = {
  ...rule.entityFields,
  benchmark: z.boolean(),
  trainingData: z.boolean(),
  domains: datasetDomains.min(1, 'name at least one domain'),
  size: optionalText,
  exampleCount: rule.positiveCount.nullish(),
  defaultMetric: rule.slug.nullish(),
  defaultSetting: optionalText,
  license: rule.slug.nullish(),
  licenseNotes: optionalText,
  creators: optionalText,
  creatorOrganizations: rule.distinctBy(
    z.array(rule.slug).max(100),
    (slug) => slug,
    (slug) => `organization "${slug}"`,
  ),
  introducedYear: rule.introducedYear.nullish(),
  paper: rule.slug.nullish(),
  parent: rule.slug.nullish(),
  huggingfaceId: z
    .string()
    .regex(/^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/, 'must be a Hugging Face dataset id such as "owner/name"')
    .max(200)
    .nullish(),
  homepage: rule.httpUrl.nullish(),
  sources: rule.distinctSourceLinks,
};

export const createDatasetInput = z.strictObject({
  ...fields,
  aliases: fields.aliases.default([]),
  description: fields.description.default(''),
  creatorOrganizations: fields.creatorOrganizations.default([]),
});
/** Omitted fields stay as they are; `null` clears a field that may be empty. */
export const updateDatasetInput = z.strictObject(fields).partial();

type Input = z.infer<typeof updateDatasetInput>;
type Columns = Partial<typeof dataset.$inferInsert>;

/** The slug fields of a dataset input and the id column each one sets. */
const references = [
  ['defaultMetric', 'Metric', 'defaultMetricId'],
  ['license', 'License', 'licenseId'],
  ['paper', 'Source', 'paperSourceId'],
  ['parent', 'Dataset', 'parentDatasetId'],
] as const;

/** The row's columns for the fields the input gives, its slugs resolved (the graph writer's rows too). */
export async function datasetColumns(input: Input, resolve: Resolve, at: string[] = ['input']): Promise<Columns> {
  const { sources: _sources, creatorOrganizations: _creators, defaultMetric, license, paper, parent, ...rest } = input;
  const set = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Columns;
  const slugs = { defaultMetric, license, paper, parent };
  for (const [field, type, column] of references) {
    const id = await optionalRef(resolve, type, slugs[field], [...at, field]);
    if (id !== undefined) set[column] = id;
  }
  return set;
}

/** A dataset has a role: benchmark, training data or both. The issue is at the field the input set to false. */
export function checkRole(
  input: Input,
  current: { benchmark: boolean; trainingData: boolean },
  at: string[] = ['input'],
) {
  const benchmark = input.benchmark ?? current.benchmark;
  const trainingData = input.trainingData ?? current.trainingData;
  if (!benchmark && !trainingData) {
    const field = input.trainingData === false ? 'trainingData' : 'benchmark';
    throw ValidationError.of(
      [...at, field],
      'a dataset is a benchmark, training data or both: benchmark and trainingData cannot both be false',
    );
  }
}

async function checkFree(tx: Tx, input: Input, id = 0) {
  if (input.slug !== undefined) {
    const [taken] = await tx
      .select({ id: dataset.id })
      .from(dataset)
      .where(sql`${dataset.slug} = ${input.slug} and ${dataset.id} <> ${id}`);
    if (taken) throw new ConflictError(`A dataset with slug "${input.slug}" already exists.`, ['input', 'slug']);
  }
  if (input.huggingfaceId !== undefined && input.huggingfaceId !== null) {
    const [taken] = await tx
      .select({ slug: dataset.slug })
      .from(dataset)
      .where(sql`${dataset.huggingfaceId} = ${input.huggingfaceId} and ${dataset.id} <> ${id}`);
    if (taken) {
      throw new ConflictError(`Dataset ${taken.slug} already has the Hugging Face id "${input.huggingfaceId}".`, [
        'input',
        'huggingfaceId',
      ]);
    }
  }
}

/** Replaces the creator organizations, keeping the rows that stay. */
async function setCreators(tx: Tx, datasetId: number, slugs: readonly string[]) {
  const ids = await idsBySlugs(tx, 'Organization', slugs, ['input', 'creatorOrganizations']);
  await tx
    .delete(datasetCreator)
    .where(
      and(
        eq(datasetCreator.datasetId, datasetId),
        ids.length ? notInArray(datasetCreator.organizationId, ids) : sql`true`,
      ),
    );
  if (ids.length) {
    await tx
      .insert(datasetCreator)
      .values(ids.map((organizationId) => ({ datasetId, organizationId })))
      .onConflictDoNothing();
  }
}

export async function createDataset(tx: Tx, raw: unknown): Promise<{ id: number }> {
  const input = parseInput(createDatasetInput, raw);
  checkRole(input, input);
  await checkFree(tx, input);
  const [row] = await tx
    .insert(dataset)
    .values((await datasetColumns(input, resolveIn(tx))) as typeof dataset.$inferInsert)
    .returning({ id: dataset.id });
  const { id } = row as { id: number };
  await setCreators(tx, id, input.creatorOrganizations);
  await setEntitySources(tx, 'dataset', id, input.sources, ['input', 'sources']);
  return { id };
}

export async function updateDataset(tx: Tx, where: EntityLocator, raw: unknown): Promise<{ id: number }> {
  const id = await locate(tx, 'Dataset', where, ['input', 'where']);
  const input = parseInput(updateDatasetInput, raw);
  const [current] = await tx
    .select({ benchmark: dataset.benchmark, trainingData: dataset.trainingData })
    .from(dataset)
    .where(eq(dataset.id, id));
  checkRole(input, current as { benchmark: boolean; trainingData: boolean });
  await checkFree(tx, input, id);
  const set = await datasetColumns(input, resolveIn(tx));
  if (set.parentDatasetId !== undefined && set.parentDatasetId !== null) {
    await checkNoParentCycle(tx, dataset, dataset.parentDatasetId, 'dataset', id, set.parentDatasetId, [
      'input',
      'parent',
    ]);
  }
  if (Object.keys(set).length) {
    await tx
      .update(dataset)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(dataset.id, id));
  }
  if (input.creatorOrganizations) await setCreators(tx, id, input.creatorOrganizations);
  if (input.sources) await setEntitySources(tx, 'dataset', id, input.sources, ['input', 'sources']);
  return { id };
}

/**
 * Deletes a dataset that has no results, no training uses, no subsets and no claim naming it; otherwise a
 * ConflictError. Its creator credits and source links go with it.
 */
export async function deleteDataset(tx: Tx, where: EntityLocator): Promise<{ id: number }> {
  const id = await locate(tx, 'Dataset', where, ['input', 'where']);
  await refuseWhileReferenced(tx, 'Dataset', id, [
    {
      one: 'benchmark result',
      many: 'benchmark results',
      count: countWhere(benchmarkResult, benchmarkResult.datasetId, id),
    },
    {
      one: 'training use',
      many: 'training uses',
      count: countWhere(modelTechniqueDataset, modelTechniqueDataset.datasetId, id),
    },
    { one: 'subset', many: 'subsets', count: countWhere(dataset, dataset.parentDatasetId, id) },
    // claim_object rows cascade with the dataset: a claim would silently lose an object.
    { one: 'claim naming it', many: 'claims naming it', count: countWhere(claimObject, claimObject.datasetId, id) },
  ]);
  await tx.delete(dataset).where(eq(dataset.id, id));
  return { id };
}
