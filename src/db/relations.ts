/**
 * Drizzle relations (RQB v2). Both directions of every foreign key are declared, because plugin-drizzle
 * plans nested GraphQL selections from them into one SQL statement per root field.
 */
import { defineRelations, type ExtractTablesFromSchema, type Many, type RelationsBuilder } from 'drizzle-orm';
import { AUDITED_KINDS, type AuditedKind, entities } from './entities.ts';
import * as schema from './schema.ts';

type Tables = ExtractTablesFromSchema<typeof schema>;
/** The schema's key of the table named `K` (`benchmarkResult` for `benchmark_result`). */
type KeyOf<K extends string> = { [S in keyof Tables]: Tables[S] extends { _: { name: K } } ? S : never }[keyof Tables];
type AuditTrails = { [K in AuditedKind as KeyOf<K>]: { changes: Many<'change'> } };

/**
 * `changes` of every audited kind of the registry: the audit trail of the entity (changes to its row and to the
 * rows that belong to it), which its `history` field reads. From the registry, so a new entity needs no line here.
 */
function withAuditTrails<C extends object>(r: RelationsBuilder<Tables>, config: C): C & AuditTrails {
  const merged = { ...config } as Record<string, object>;
  for (const kind of AUDITED_KINDS) {
    const key = Object.keys(schema).find((name) => schema[name as keyof typeof schema] === entities[kind].table);
    if (key === undefined) throw new Error(`relations: no table ${kind} in the schema`);
    const { id } = r[key as KeyOf<AuditedKind>];
    merged[key] = {
      changes: r.many.change({ from: id, to: r.change.entityId, where: { entityType: kind } }),
      ...merged[key],
    };
  }
  return merged as C & AuditTrails;
}

export const relations = defineRelations(schema, (r) =>
  withAuditTrails(r, {
    source: {
      results: r.many.benchmarkResult({ from: r.source.id, to: r.benchmarkResult.sourceId }),
      lineageEdges: r.many.modelLineage({ from: r.source.id, to: r.modelLineage.sourceId }),
      techniqueUses: r.many.modelTechnique({ from: r.source.id, to: r.modelTechnique.sourceId }),
      claims: r.many.claim({ from: r.source.id, to: r.claim.sourceId }),
      developerAttributions: r.many.modelDeveloper({ from: r.source.id, to: r.modelDeveloper.sourceId }),
      organizations: r.many.organization({
        from: r.source.id.through(r.organizationSource.sourceId),
        to: r.organization.id.through(r.organizationSource.entityId),
      }),
      models: r.many.model({
        from: r.source.id.through(r.modelSource.sourceId),
        to: r.model.id.through(r.modelSource.entityId),
      }),
      datasets: r.many.dataset({
        from: r.source.id.through(r.datasetSource.sourceId),
        to: r.dataset.id.through(r.datasetSource.entityId),
      }),
      techniques: r.many.technique({
        from: r.source.id.through(r.techniqueSource.sourceId),
        to: r.technique.id.through(r.techniqueSource.entityId),
      }),
      introducedTechniques: r.many.technique({ from: r.source.id, to: r.technique.introducedBySourceId }),
      datasetPapers: r.many.dataset({ from: r.source.id, to: r.dataset.paperSourceId }),
      licenses: r.many.license({ from: r.source.id, to: r.license.sourceId }),
    },
    license: {
      source: r.one.source({ from: r.license.sourceId, to: r.source.id }),
      models: r.many.model({ from: r.license.id, to: r.model.licenseId }),
      datasets: r.many.dataset({ from: r.license.id, to: r.dataset.licenseId }),
    },
    organization: {
      models: r.many.model({
        from: r.organization.id.through(r.modelDeveloper.organizationId),
        to: r.model.id.through(r.modelDeveloper.modelId),
      }),
      evaluatedResults: r.many.benchmarkResult({
        from: r.organization.id,
        to: r.benchmarkResult.evaluatorOrganizationId,
      }),
      datasets: r.many.dataset({
        from: r.organization.id.through(r.datasetCreator.organizationId),
        to: r.dataset.id.through(r.datasetCreator.datasetId),
      }),
      sources: r.many.source({
        from: r.organization.id.through(r.organizationSource.entityId),
        to: r.source.id.through(r.organizationSource.sourceId),
      }),
      claims: r.many.claim({ from: r.organization.id, to: r.claim.subjectOrganizationId }),
      claimsMentioning: r.many.claim({
        from: r.organization.id.through(r.claimObject.organizationId),
        to: r.claim.id.through(r.claimObject.claimId),
      }),
      sourceLinks: r.many.organizationSource({ from: r.organization.id, to: r.organizationSource.entityId }),
    },
    model: {
      developers: r.many.modelDeveloper({ from: r.model.id, to: r.modelDeveloper.modelId }),
      organizations: r.many.organization({
        from: r.model.id.through(r.modelDeveloper.modelId),
        to: r.organization.id.through(r.modelDeveloper.organizationId),
      }),
      license: r.one.license({ from: r.model.licenseId, to: r.license.id }),
      externalIds: r.many.modelExternalId({ from: r.model.id, to: r.modelExternalId.modelId }),
      baseModelEdges: r.many.modelLineage({ from: r.model.id, to: r.modelLineage.modelId, alias: 'derived' }),
      derivativeEdges: r.many.modelLineage({ from: r.model.id, to: r.modelLineage.baseModelId, alias: 'base' }),
      techniqueUses: r.many.modelTechnique({ from: r.model.id, to: r.modelTechnique.modelId }),
      techniques: r.many.technique({
        from: r.model.id.through(r.modelTechnique.modelId),
        to: r.technique.id.through(r.modelTechnique.techniqueId),
      }),
      results: r.many.benchmarkResult({ from: r.model.id, to: r.benchmarkResult.modelId }),
      sources: r.many.source({
        from: r.model.id.through(r.modelSource.entityId),
        to: r.source.id.through(r.modelSource.sourceId),
      }),
      claims: r.many.claim({ from: r.model.id, to: r.claim.subjectModelId }),
      claimsMentioning: r.many.claim({
        from: r.model.id.through(r.claimObject.modelId),
        to: r.claim.id.through(r.claimObject.claimId),
      }),
      sourceLinks: r.many.modelSource({ from: r.model.id, to: r.modelSource.entityId }),
      languageLinks: r.many.modelLanguage({ from: r.model.id, to: r.modelLanguage.modelId }),
      task: r.one.modelTask({ from: r.model.id, to: r.modelTask.modelId }),
    },
    modelLanguage: {
      model: r.one.model({ from: r.modelLanguage.modelId, to: r.model.id, optional: false }),
      language: r.one.language({ from: r.modelLanguage.languageId, to: r.language.id, optional: false }),
      source: r.one.source({ from: r.modelLanguage.sourceId, to: r.source.id, optional: false }),
    },
    modelTask: {
      model: r.one.model({ from: r.modelTask.modelId, to: r.model.id, optional: false }),
      source: r.one.source({ from: r.modelTask.sourceId, to: r.source.id, optional: false }),
    },
    language: {
      modelLinks: r.many.modelLanguage({ from: r.language.id, to: r.modelLanguage.languageId }),
    },
    modelDeveloper: {
      model: r.one.model({ from: r.modelDeveloper.modelId, to: r.model.id, optional: false }),
      organization: r.one.organization({
        from: r.modelDeveloper.organizationId,
        to: r.organization.id,
        optional: false,
      }),
      source: r.one.source({ from: r.modelDeveloper.sourceId, to: r.source.id, optional: false }),
    },
    modelExternalId: {
      model: r.one.model({ from: r.modelExternalId.modelId, to: r.model.id, optional: false }),
    },
    modelLineage: {
      model: r.one.model({ from: r.modelLineage.modelId, to: r.model.id, optional: false, alias: 'derived' }),
      baseModel: r.one.model({ from: r.modelLineage.baseModelId, to: r.model.id, optional: false, alias: 'base' }),
      source: r.one.source({ from: r.modelLineage.sourceId, to: r.source.id, optional: false }),
    },
    technique: {
      uses: r.many.modelTechnique({ from: r.technique.id, to: r.modelTechnique.techniqueId }),
      models: r.many.model({
        from: r.technique.id.through(r.modelTechnique.techniqueId),
        to: r.model.id.through(r.modelTechnique.modelId),
      }),
      introducedBy: r.one.source({ from: r.technique.introducedBySourceId, to: r.source.id }),
      parent: r.one.technique({ from: r.technique.parentTechniqueId, to: r.technique.id, alias: 'specialization' }),
      specializations: r.many.technique({
        from: r.technique.id,
        to: r.technique.parentTechniqueId,
        alias: 'specialization',
      }),
      sources: r.many.source({
        from: r.technique.id.through(r.techniqueSource.entityId),
        to: r.source.id.through(r.techniqueSource.sourceId),
      }),
      claimsMentioning: r.many.claim({
        from: r.technique.id.through(r.claimObject.techniqueId),
        to: r.claim.id.through(r.claimObject.claimId),
      }),
      sourceLinks: r.many.techniqueSource({ from: r.technique.id, to: r.techniqueSource.entityId }),
    },
    modelTechnique: {
      model: r.one.model({ from: r.modelTechnique.modelId, to: r.model.id, optional: false }),
      technique: r.one.technique({ from: r.modelTechnique.techniqueId, to: r.technique.id, optional: false }),
      source: r.one.source({ from: r.modelTechnique.sourceId, to: r.source.id, optional: false }),
      datasets: r.many.dataset({
        from: r.modelTechnique.id.through(r.modelTechniqueDataset.modelTechniqueId),
        to: r.dataset.id.through(r.modelTechniqueDataset.datasetId),
      }),
    },
    metric: {
      results: r.many.benchmarkResult({ from: r.metric.id, to: r.benchmarkResult.metricId }),
      datasets: r.many.dataset({ from: r.metric.id, to: r.dataset.defaultMetricId }),
    },
    dataset: {
      results: r.many.benchmarkResult({ from: r.dataset.id, to: r.benchmarkResult.datasetId }),
      defaultMetric: r.one.metric({ from: r.dataset.defaultMetricId, to: r.metric.id }),
      license: r.one.license({ from: r.dataset.licenseId, to: r.license.id }),
      paper: r.one.source({ from: r.dataset.paperSourceId, to: r.source.id }),
      parent: r.one.dataset({ from: r.dataset.parentDatasetId, to: r.dataset.id, alias: 'subset' }),
      subsets: r.many.dataset({ from: r.dataset.id, to: r.dataset.parentDatasetId, alias: 'subset' }),
      creatorOrganizations: r.many.organization({
        from: r.dataset.id.through(r.datasetCreator.datasetId),
        to: r.organization.id.through(r.datasetCreator.organizationId),
      }),
      trainingUses: r.many.modelTechnique({
        from: r.dataset.id.through(r.modelTechniqueDataset.datasetId),
        to: r.modelTechnique.id.through(r.modelTechniqueDataset.modelTechniqueId),
      }),
      sources: r.many.source({
        from: r.dataset.id.through(r.datasetSource.entityId),
        to: r.source.id.through(r.datasetSource.sourceId),
      }),
      claimsMentioning: r.many.claim({
        from: r.dataset.id.through(r.claimObject.datasetId),
        to: r.claim.id.through(r.claimObject.claimId),
      }),
      sourceLinks: r.many.datasetSource({ from: r.dataset.id, to: r.datasetSource.entityId }),
    },
    benchmarkResult: {
      model: r.one.model({ from: r.benchmarkResult.modelId, to: r.model.id, optional: false }),
      dataset: r.one.dataset({ from: r.benchmarkResult.datasetId, to: r.dataset.id, optional: false }),
      metric: r.one.metric({ from: r.benchmarkResult.metricId, to: r.metric.id, optional: false }),
      source: r.one.source({ from: r.benchmarkResult.sourceId, to: r.source.id, optional: false }),
      evaluator: r.one.organization({ from: r.benchmarkResult.evaluatorOrganizationId, to: r.organization.id }),
    },
    claim: {
      source: r.one.source({ from: r.claim.sourceId, to: r.source.id, optional: false }),
      subjectModel: r.one.model({ from: r.claim.subjectModelId, to: r.model.id }),
      subjectOrganization: r.one.organization({ from: r.claim.subjectOrganizationId, to: r.organization.id }),
      objects: r.many.claimObject({ from: r.claim.id, to: r.claimObject.claimId }),
    },
    organizationSource: {
      source: r.one.source({ from: r.organizationSource.sourceId, to: r.source.id, optional: false }),
    },
    modelSource: {
      source: r.one.source({ from: r.modelSource.sourceId, to: r.source.id, optional: false }),
    },
    techniqueSource: {
      source: r.one.source({ from: r.techniqueSource.sourceId, to: r.source.id, optional: false }),
    },
    datasetSource: {
      source: r.one.source({ from: r.datasetSource.sourceId, to: r.source.id, optional: false }),
    },
    claimObject: {
      claim: r.one.claim({ from: r.claimObject.claimId, to: r.claim.id, optional: false }),
      model: r.one.model({ from: r.claimObject.modelId, to: r.model.id }),
      organization: r.one.organization({ from: r.claimObject.organizationId, to: r.organization.id }),
      technique: r.one.technique({ from: r.claimObject.techniqueId, to: r.technique.id }),
      dataset: r.one.dataset({ from: r.claimObject.datasetId, to: r.dataset.id }),
    },
  }),
);
