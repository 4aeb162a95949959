/**
 * Writes a validated seed into the database in one transaction: entities first, then the facts that point at
 * them. Every write is an upsert on a natural key that only touches changed rows, so loading the same seed
 * twice changes nothing. Rows that the seed no longer lists are left alone: the database may hold edits and
 * imports that the seed does not know about.
 */
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { AppDb } from '../db/client.ts';
import { nameTransaction } from '../write/transaction.ts';
import * as t from '../db/schema.ts';
import type { ClaimTarget, SeedData } from './format.ts';
import type { LoadedSeed } from './read.ts';
import { pruneChildren, type UpsertCounts, upsertRows } from '../write/upsert.ts';

export type SeedSummary = Record<string, UpsertCounts>;

type Tx = Parameters<Parameters<AppDb['transaction']>[0]>[0];
type IdMap = Map<string, number>;

export async function loadSeed(db: AppDb, { data, contentHash }: LoadedSeed): Promise<SeedSummary> {
  return db.transaction(async (tx) => {
    await nameTransaction(tx, { actor: 'seed', operation: 'seed' });
    const summary = await writeSeed(tx, data);
    const changed = Object.values(summary).some((c) => c.inserted + c.updated + (c.deleted ?? 0) > 0);
    const [last] = await tx
      .select({ contentHash: t.seedRun.contentHash })
      .from(t.seedRun)
      .orderBy(sql`${t.seedRun.id} desc`)
      .limit(1);
    // Record a run only when it did something (or the seed file changed), so a repeat run writes nothing.
    if (changed || last?.contentHash !== contentHash) {
      await tx.insert(t.seedRun).values({ contentHash, summary });
    }
    return summary;
  });
}

/** True once any seed has been loaded into this database. */
export async function hasBeenSeeded(db: AppDb): Promise<boolean> {
  const rows = await db.select({ id: t.seedRun.id }).from(t.seedRun).limit(1);
  return rows.length > 0;
}

async function idsBySlug(tx: Tx, table: PgTable): Promise<IdMap> {
  const { rows } = (await tx.execute(sql`select id, slug from ${table}`)) as unknown as {
    rows: { id: number; slug: string }[];
  };
  return new Map(rows.map((row) => [row.slug, Number(row.id)]));
}

function lookup(ids: IdMap, slug: string): number;
function lookup(ids: IdMap, slug: string | undefined): number | null;
function lookup(ids: IdMap, slug: string | undefined): number | null {
  if (slug === undefined) return null;
  const id = ids.get(slug);
  // readSeed() checked every reference, so a miss here is a bug in the loader, not in the data.
  if (id === undefined) throw new Error(`seed loader: "${slug}" was not written before it was referenced`);
  return id;
}

const entityText = (record: {
  slug: string;
  name: string;
  aliases: string[];
  description: string;
  unverified: string[];
}) => ({
  slug: record.slug,
  name: record.name,
  aliases: record.aliases,
  description: record.description,
  unverifiedFields: record.unverified,
});

const sourceLinks = (entityId: number, sources: SeedData['models'][number]['sources'], sourceIds: IdMap) =>
  sources.map((s) =>
    typeof s === 'string'
      ? { entityId, sourceId: lookup(sourceIds, s), notes: '' }
      : { entityId, sourceId: lookup(sourceIds, s.source), notes: s.notes },
  );

/** Writes a validated seed (inside the caller's transaction); `loadSeed` wraps it. */
export async function writeSeed(tx: Tx, seed: SeedData): Promise<SeedSummary> {
  return writeGraph(tx, seed, (ids) => expandResultTables(seed, ids));
}

/** A `benchmark_result` row as the results step writes it. */
export type BenchmarkResultRow = typeof t.benchmarkResult.$inferInsert;

/**
 * `writeSeed` with the results given as rows built from the ids of the written entities, so that other
 * formats (the graph JSON import, with flat results) share the seed's upserts and child pruning.
 */
export async function writeGraph(
  tx: Tx,
  seed: Omit<SeedData, 'results'>,
  results: (ids: ResultIds) => BenchmarkResultRow[],
): Promise<SeedSummary> {
  const summary: SeedSummary = {};

  summary.sources = await upsertRows(
    tx,
    t.source,
    seed.sources.map((s) => ({
      slug: s.slug,
      url: s.url ?? null,
      title: s.title,
      publisher: s.publisher ?? null,
      kind: s.kind,
      primary: s.primary,
      publishedOn: s.publishedOn ?? null,
      notes: s.notes ?? '',
    })),
    [t.source.slug],
  );
  const sourceIds = await idsBySlug(tx, t.source);

  summary.licenses = await upsertRows(
    tx,
    t.license,
    seed.licenses.map((l) => ({
      slug: l.slug,
      spdxId: l.spdxId ?? null,
      name: l.name,
      category: l.category,
      osiApproved: l.osiApproved,
      url: l.url ?? null,
      description: l.description,
      sourceId: lookup(sourceIds, l.source),
    })),
    [t.license.slug],
  );
  const licenseIds = await idsBySlug(tx, t.license);

  summary.organizations = await upsertRows(
    tx,
    t.organization,
    seed.organizations.map((o) => ({
      ...entityText(o),
      kind: o.kind,
      country: o.country ?? null,
      headquarters: o.headquarters ?? null,
      website: o.website ?? null,
      foundedYear: o.foundedYear ?? null,
    })),
    [t.organization.slug],
  );
  const organizationIds = await idsBySlug(tx, t.organization);

  summary.metrics = await upsertRows(
    tx,
    t.metric,
    seed.metrics.map((m) => ({
      slug: m.slug,
      name: m.name,
      description: m.description,
      unit: m.unit,
      higherIsBetter: m.higherIsBetter,
      minValue: m.minValue ?? null,
      maxValue: m.maxValue ?? null,
    })),
    [t.metric.slug],
  );
  const metricIds = await idsBySlug(tx, t.metric);

  // Techniques and datasets refer to their own kind: write them, then their parent links.
  summary.techniques = await upsertRows(
    tx,
    t.technique,
    seed.techniques.map((x) => ({
      ...entityText(x),
      kind: x.kind,
      introducedYear: x.introducedYear ?? null,
      introducedBySourceId: lookup(sourceIds, x.introducedBy),
    })),
    [t.technique.slug],
  );
  const techniqueIds = await idsBySlug(tx, t.technique);
  await upsertRows(
    tx,
    t.technique,
    seed.techniques.map((x) => ({
      ...entityText(x),
      kind: x.kind,
      parentTechniqueId: lookup(techniqueIds, x.parent),
    })),
    [t.technique.slug],
  );

  summary.datasets = await upsertRows(
    tx,
    t.dataset,
    seed.datasets.map((d) => ({
      ...entityText(d),
      benchmark: d.benchmark,
      trainingData: d.trainingData,
      domains: d.domains,
      size: d.size ?? null,
      exampleCount: d.exampleCount ?? null,
      defaultMetricId: lookup(metricIds, d.defaultMetric),
      defaultSetting: d.defaultSetting ?? null,
      licenseId: lookup(licenseIds, d.license),
      licenseNotes: d.licenseNotes ?? null,
      creators: d.creators ?? null,
      introducedYear: d.introducedYear ?? null,
      paperSourceId: lookup(sourceIds, d.paper),
      huggingfaceId: d.huggingfaceId ?? null,
      homepage: d.homepage ?? null,
    })),
    [t.dataset.slug],
  );
  const datasetIds = await idsBySlug(tx, t.dataset);
  await upsertRows(
    tx,
    t.dataset,
    seed.datasets.map((d) => ({
      ...entityText(d),
      benchmark: d.benchmark,
      trainingData: d.trainingData,
      parentDatasetId: lookup(datasetIds, d.parent),
    })),
    [t.dataset.slug],
  );

  summary.models = await upsertRows(
    tx,
    t.model,
    seed.models.map((m) => ({
      ...entityText(m),
      architecture: m.architecture ?? null,
      architectureDetails: m.architectureDetails ?? null,
      parameterCount: m.parameterCount ?? null,
      activeParameterCount: m.activeParameterCount ?? null,
      contextLength: m.contextLength ?? null,
      releaseDate: m.releaseDate ?? null,
      licenseId: lookup(licenseIds, m.license),
      licenseNotes: m.licenseNotes ?? null,
      openWeights: m.openWeights,
      access: m.access,
      trainingGpuCount: m.trainingGpuCount ?? null,
      trainingGpuType: m.trainingGpuType ?? null,
      trainingGpuHours: m.trainingGpuHours ?? null,
      trainingTokens: m.trainingTokens ?? null,
      trainingComputeNotes: m.trainingComputeNotes ?? null,
    })),
    [t.model.slug],
  );
  const modelIds = await idsBySlug(tx, t.model);

  // Child collections of the records the seed lists are the seed's: drop the children it no longer lists.
  const seedIds = (records: { slug: string }[], ids: IdMap) => records.map((r) => lookup(ids, r.slug));
  const modelIdsInSeed = seedIds(seed.models, modelIds);
  const links = (records: { slug: string; sources: SeedData['models'][number]['sources'] }[], ids: IdMap) =>
    records.flatMap((r) => sourceLinks(lookup(ids, r.slug), r.sources, sourceIds).map((l) => [l.entityId, l.sourceId]));
  let pruned =
    (await pruneChildren(
      tx,
      t.organizationSource,
      t.organizationSource.entityId,
      seedIds(seed.organizations, organizationIds),
      [t.organizationSource.entityId, t.organizationSource.sourceId],
      links(seed.organizations, organizationIds),
    )) +
    (await pruneChildren(
      tx,
      t.techniqueSource,
      t.techniqueSource.entityId,
      seedIds(seed.techniques, techniqueIds),
      [t.techniqueSource.entityId, t.techniqueSource.sourceId],
      links(seed.techniques, techniqueIds),
    )) +
    (await pruneChildren(
      tx,
      t.datasetSource,
      t.datasetSource.entityId,
      seedIds(seed.datasets, datasetIds),
      [t.datasetSource.entityId, t.datasetSource.sourceId],
      links(seed.datasets, datasetIds),
    )) +
    (await pruneChildren(
      tx,
      t.modelSource,
      t.modelSource.entityId,
      modelIdsInSeed,
      [t.modelSource.entityId, t.modelSource.sourceId],
      links(seed.models, modelIds),
    )) +
    (await pruneChildren(
      tx,
      t.datasetCreator,
      t.datasetCreator.datasetId,
      seedIds(seed.datasets, datasetIds),
      [t.datasetCreator.datasetId, t.datasetCreator.organizationId],
      seed.datasets.flatMap((d) =>
        d.creatorOrganizations.map((o) => [lookup(datasetIds, d.slug), lookup(organizationIds, o)]),
      ),
    )) +
    (await pruneChildren(
      tx,
      t.modelDeveloper,
      t.modelDeveloper.modelId,
      modelIdsInSeed,
      [t.modelDeveloper.modelId, t.modelDeveloper.organizationId],
      seed.models.flatMap((m) =>
        m.developers.map((d) => [lookup(modelIds, m.slug), lookup(organizationIds, d.organization)]),
      ),
    )) +
    (await pruneChildren(
      tx,
      t.modelExternalId,
      t.modelExternalId.modelId,
      modelIdsInSeed,
      [t.modelExternalId.namespace, t.modelExternalId.value],
      seed.models.flatMap((m) => m.externalIds.map((e) => [e.namespace, e.value])),
    )) +
    (await pruneChildren(
      tx,
      t.modelLineage,
      t.modelLineage.modelId,
      modelIdsInSeed,
      [t.modelLineage.modelId, t.modelLineage.baseModelId, t.modelLineage.kind],
      seed.models.flatMap((m) =>
        m.baseModels.map((e) => [lookup(modelIds, m.slug), lookup(modelIds, e.model), e.kind]),
      ),
    )) +
    (await pruneChildren(
      tx,
      t.modelTechnique,
      t.modelTechnique.modelId,
      modelIdsInSeed,
      [t.modelTechnique.modelId, t.modelTechnique.techniqueId],
      seed.models.flatMap((m) =>
        m.techniques.map((u) => [lookup(modelIds, m.slug), lookup(techniqueIds, u.technique)]),
      ),
    ));

  summary.entitySources = sumCounts([
    await upsertRows(
      tx,
      t.organizationSource,
      seed.organizations.flatMap((o) => sourceLinks(lookup(organizationIds, o.slug), o.sources, sourceIds)),
      [t.organizationSource.entityId, t.organizationSource.sourceId],
    ),
    await upsertRows(
      tx,
      t.techniqueSource,
      seed.techniques.flatMap((x) => sourceLinks(lookup(techniqueIds, x.slug), x.sources, sourceIds)),
      [t.techniqueSource.entityId, t.techniqueSource.sourceId],
    ),
    await upsertRows(
      tx,
      t.datasetSource,
      seed.datasets.flatMap((d) => sourceLinks(lookup(datasetIds, d.slug), d.sources, sourceIds)),
      [t.datasetSource.entityId, t.datasetSource.sourceId],
    ),
    await upsertRows(
      tx,
      t.modelSource,
      seed.models.flatMap((m) => sourceLinks(lookup(modelIds, m.slug), m.sources, sourceIds)),
      [t.modelSource.entityId, t.modelSource.sourceId],
    ),
  ]);

  summary.datasetCreators = await upsertRows(
    tx,
    t.datasetCreator,
    seed.datasets.flatMap((d) =>
      d.creatorOrganizations.map((o) => ({
        datasetId: lookup(datasetIds, d.slug),
        organizationId: lookup(organizationIds, o),
      })),
    ),
    [t.datasetCreator.datasetId, t.datasetCreator.organizationId],
  );

  summary.modelDevelopers = await upsertRows(
    tx,
    t.modelDeveloper,
    seed.models.flatMap((m) =>
      m.developers.map((d, position) => ({
        modelId: lookup(modelIds, m.slug),
        organizationId: lookup(organizationIds, d.organization),
        position,
        sourceId: lookup(sourceIds, d.source),
      })),
    ),
    [t.modelDeveloper.modelId, t.modelDeveloper.organizationId],
  );

  summary.externalIds = await upsertRows(
    tx,
    t.modelExternalId,
    seed.models.flatMap((m) =>
      m.externalIds.map((e) => ({ modelId: lookup(modelIds, m.slug), namespace: e.namespace, value: e.value })),
    ),
    [t.modelExternalId.namespace, t.modelExternalId.value],
  );

  summary.lineage = await upsertRows(
    tx,
    t.modelLineage,
    seed.models.flatMap((m) =>
      m.baseModels.map((edge) => ({
        modelId: lookup(modelIds, m.slug),
        baseModelId: lookup(modelIds, edge.model),
        kind: edge.kind,
        details: edge.details ?? '',
        sourceId: lookup(sourceIds, edge.source),
        unverified: edge.unverified,
      })),
    ),
    [t.modelLineage.modelId, t.modelLineage.baseModelId, t.modelLineage.kind],
  );

  summary.techniqueUses = await upsertRows(
    tx,
    t.modelTechnique,
    seed.models.flatMap((m) =>
      m.techniques.map((use) => ({
        modelId: lookup(modelIds, m.slug),
        techniqueId: lookup(techniqueIds, use.technique),
        stage: use.stage ?? null,
        details: use.details ?? '',
        hyperparameters: use.hyperparameters ?? null,
        sourceId: lookup(sourceIds, use.source),
        unverified: use.unverified,
      })),
    ),
    [t.modelTechnique.modelId, t.modelTechnique.techniqueId],
  );
  const useIds = new Map(
    (
      await tx
        .select({
          id: t.modelTechnique.id,
          modelId: t.modelTechnique.modelId,
          techniqueId: t.modelTechnique.techniqueId,
        })
        .from(t.modelTechnique)
    ).map((row) => [`${row.modelId}:${row.techniqueId}`, row.id]),
  );
  const useDatasets = seed.models.flatMap((m) =>
    m.techniques.map((use) => ({
      useId: useIds.get(`${lookup(modelIds, m.slug)}:${lookup(techniqueIds, use.technique)}`) as number,
      datasets: use.datasets.map((d) => lookup(datasetIds, d)),
    })),
  );
  pruned += await pruneChildren(
    tx,
    t.modelTechniqueDataset,
    t.modelTechniqueDataset.modelTechniqueId,
    useDatasets.map((u) => u.useId),
    [t.modelTechniqueDataset.modelTechniqueId, t.modelTechniqueDataset.datasetId],
    useDatasets.flatMap((u) => u.datasets.map((d) => [u.useId, d])),
  );
  summary.techniqueUseDatasets = await upsertRows(
    tx,
    t.modelTechniqueDataset,
    seed.models.flatMap((m) =>
      m.techniques.flatMap((use) =>
        use.datasets.map((d) => ({
          modelTechniqueId: useIds.get(`${lookup(modelIds, m.slug)}:${lookup(techniqueIds, use.technique)}`) as number,
          datasetId: lookup(datasetIds, d),
        })),
      ),
    ),
    [t.modelTechniqueDataset.modelTechniqueId, t.modelTechniqueDataset.datasetId],
  );

  summary.results = await upsertRows(
    tx,
    t.benchmarkResult,
    results({ modelIds, datasetIds, metricIds, sourceIds, organizationIds }),
    t.benchmarkResultKey.map((field) => t.benchmarkResult[field]),
  );

  summary.claims = await upsertRows(
    tx,
    t.claim,
    seed.claims.map((c) => ({
      slug: c.slug,
      sourceId: lookup(sourceIds, c.source),
      ordinal: c.ordinal,
      statement: c.statement,
      quote: c.quote,
      predicate: c.predicate,
      subjectModelId: 'model' in c.subject ? lookup(modelIds, c.subject.model) : null,
      subjectOrganizationId: 'organization' in c.subject ? lookup(organizationIds, c.subject.organization) : null,
      quantity: c.quantity ?? null,
      quantityUnit: c.quantityUnit ?? null,
      attributes: c.attributes ?? null,
      qualifier: c.qualifier ?? null,
      notes: c.notes ?? '',
    })),
    [t.claim.slug],
  );
  const claimIds = await idsBySlug(tx, t.claim);
  const targetColumns = (target: ClaimTarget) => ({
    modelId: 'model' in target ? lookup(modelIds, target.model) : null,
    organizationId: 'organization' in target ? lookup(organizationIds, target.organization) : null,
    techniqueId: 'technique' in target ? lookup(techniqueIds, target.technique) : null,
    datasetId: 'dataset' in target ? lookup(datasetIds, target.dataset) : null,
  });
  pruned += await pruneChildren(
    tx,
    t.claimObject,
    t.claimObject.claimId,
    seedIds(seed.claims, claimIds),
    [t.claimObject.claimId, t.claimObject.position],
    seed.claims.flatMap((c) => c.objects.map((_, position) => [lookup(claimIds, c.slug), position])),
  );
  summary.claimObjects = await upsertRows(
    tx,
    t.claimObject,
    seed.claims.flatMap((c) =>
      c.objects.map((target, position) => ({ claimId: lookup(claimIds, c.slug), position, ...targetColumns(target) })),
    ),
    [t.claimObject.claimId, t.claimObject.position],
  );

  summary.pruned = { inserted: 0, updated: 0, unchanged: 0, deleted: pruned };
  return summary;
}

export type ResultIds = {
  modelIds: IdMap;
  datasetIds: IdMap;
  metricIds: IdMap;
  sourceIds: IdMap;
  organizationIds: IdMap;
};

/** One `benchmark_result` per non-empty cell of each source table. */
function expandResultTables(seed: SeedData, ids: ResultIds): (typeof t.benchmarkResult.$inferInsert)[] {
  const developers = new Map(seed.models.map((m) => [m.slug, new Set(m.developers.map((d) => d.organization))]));
  const sourceDates = new Map(seed.sources.map((s) => [s.slug, s.publishedOn]));

  return seed.results.flatMap((table) =>
    table.rows.flatMap((row) =>
      row.values.flatMap((printed, index) => {
        if (printed === null) return [];
        const column = table.columns[index] as (typeof table.columns)[number];
        const { model, modelVariant } =
          typeof column === 'string' ? { model: column, modelVariant: undefined } : column;
        const scale = row.scale ?? table.scale;
        const firstParty = table.evaluator !== undefined && (developers.get(model)?.has(table.evaluator) ?? false);
        return [
          {
            modelId: lookup(ids.modelIds, model),
            datasetId: lookup(ids.datasetIds, row.dataset),
            metricId: lookup(ids.metricIds, row.metric),
            // Round away binary noise from scaling (0.848 * 100 = 84.80000000000001).
            value: Number((Number(printed) * scale).toPrecision(12)),
            reportedValue: printed,
            shots: row.setting.shots ?? null,
            chainOfThought: row.setting.chainOfThought ?? null,
            passK: row.setting.passK ?? null,
            split: row.setting.split ?? null,
            harness: row.setting.harness ?? table.harness ?? null,
            variant: row.setting.variant ?? null,
            modelVariant: modelVariant ?? null,
            evaluatorOrganizationId: lookup(ids.organizationIds, table.evaluator),
            evaluatorRelationship: firstParty ? ('first_party' as const) : ('third_party' as const),
            reportedOn: table.reportedOn ?? sourceDates.get(table.source) ?? null,
            sourceId: lookup(ids.sourceIds, table.source),
            notes: [table.notes, row.notes].filter(Boolean).join(' '),
            unverified: row.unverified ?? table.unverified,
          },
        ];
      }),
    ),
  );
}

function sumCounts(counts: UpsertCounts[]): UpsertCounts {
  return counts.reduce(
    (total, c) => ({
      inserted: total.inserted + c.inserted,
      updated: total.updated + c.updated,
      unchanged: total.unchanged + c.unchanged,
    }),
    { inserted: 0, updated: 0, unchanged: 0 },
  );
}
