/**
 * The graph writer: writes a whole graph (the seed, an imported graph JSON document) in the caller's
 * transaction, entities first, then the facts that point at them, one step per entity kind (`graph/*.ts`).
 * Each step checks its records with the entity's own write rules, those its mutations use (input schemas,
 * cross-field checks, slug resolution, column mapping), then writes them in bulk: every row is upserted on its
 * natural key and only changed rows are touched, so writing the same graph twice changes nothing.
 *
 * A record is the whole entity: a field it leaves out is cleared, and it owns its child collections (source
 * links, developers, external ids, lineage edges, technique uses and their datasets, creator organizations,
 * claim objects), so children it no longer lists are deleted. Records it does not list are left alone.
 */
import * as t from '../db/schema.ts';
import type { FlatGraphList } from '../formats/graph-json.ts';
import { writeClaims } from './graph/claims.ts';
import { writeDatasets } from './graph/datasets.ts';
import { flatRules, type FlatRules, writeFlat } from './graph/flat.ts';
import { type GraphModel, writeModels } from './graph/models.ts';
import { writeOrganizations } from './graph/organizations.ts';
import { writeSources } from './graph/sources.ts';
import { writeTechniques } from './graph/techniques.ts';
import { type GraphEntity, GraphWriter, type IdMap } from './graph/writer.ts';
import type { Tx } from './transaction.ts';
import type { UpsertCounts } from './upsert.ts';
import { checkOsi, createLicenseInput, licenseColumns, updateLicenseInput } from './license.ts';
import { checkRange, createMetricInput, metricColumns, updateMetricInput } from './metric.ts';
import { createLanguageInput, languageColumns, updateLanguageInput } from './language.ts';

/**
 * The write rules of each kind whose record is one row, by its graph JSON list; one generic step writes them
 * all, after the sources they may cite. A list added to the format's `flatGraphRecords` fails to compile here
 * until its rules are given.
 */
const flatSteps = {
  licenses: flatRules({
    kind: 'license',
    create: createLicenseInput,
    fields: updateLicenseInput,
    check: (input, at) => checkOsi(input, input, at),
    columns: licenseColumns,
  }),
  metrics: flatRules({
    kind: 'metric',
    create: createMetricInput,
    fields: updateMetricInput,
    check: (input, at) => checkRange(input, { minValue: null, maxValue: null }, at),
    columns: metricColumns,
  }),
  languages: flatRules({
    kind: 'language',
    create: createLanguageInput,
    fields: updateLanguageInput,
    columns: languageColumns,
  }),
} satisfies Record<FlatGraphList, FlatRules>;

/**
 * What the writer takes: the records of each kind, shaped as the entity's create input (slugs for references),
 * plus `unverified` and the children a record owns. The seed and the graph JSON document are both this shape;
 * each record is checked when it is written, so other fields are typed loosely here.
 */
export type GraphInput = { [L in FlatGraphList]: readonly object[] } & {
  sources: readonly object[];
  organizations: readonly GraphEntity[];
  techniques: readonly GraphEntity[];
  datasets: readonly GraphEntity[];
  models: readonly GraphModel[];
  claims: readonly object[];
};

/** Rows inserted, updated and left unchanged per kind of row (`sources`, `lineage`...); `pruned` counts deletions. */
export type GraphSummary = Record<string, UpsertCounts>;

/** A `benchmark_result` row as the results step writes it. */
export type BenchmarkResultRow = typeof t.benchmarkResult.$inferInsert;

/** The ids a caller needs to build its result rows (the seed expands tables, graph JSON lists them flat). */
export type ResultIds = {
  modelIds: IdMap;
  datasetIds: IdMap;
  metricIds: IdMap;
  sourceIds: IdMap;
  organizationIds: IdMap;
};

/** The summary's kinds, in the order the seed CLI prints them. */
const kinds = [
  'sources',
  ...(Object.keys(flatSteps) as FlatGraphList[]),
  'organizations',
  'techniques',
  'datasets',
  'models',
  'entitySources',
  'datasetCreators',
  'modelDevelopers',
  'externalIds',
  'lineage',
  'techniqueUses',
  'techniqueUseDatasets',
  'results',
  'claims',
  'claimObjects',
] as const;

export async function writeGraph(
  tx: Tx,
  graph: GraphInput,
  results: (ids: ResultIds) => BenchmarkResultRow[],
): Promise<GraphSummary> {
  const g = new GraphWriter(tx);
  await writeSources(g, graph.sources);
  for (const [list, rules] of Object.entries(flatSteps)) await writeFlat(g, list, rules, graph[list as FlatGraphList]);
  await writeOrganizations(g, graph.organizations);
  await writeTechniques(g, graph.techniques);
  await writeDatasets(g, graph.datasets);
  await writeModels(g, graph.models);
  await g.upsert(
    'results',
    t.benchmarkResult,
    results({
      modelIds: g.idsOf('Model'),
      datasetIds: g.idsOf('Dataset'),
      metricIds: g.idsOf('Metric'),
      sourceIds: g.idsOf('Source'),
      organizationIds: g.idsOf('Organization'),
    }),
    t.benchmarkResultKey.map((field) => t.benchmarkResult[field]),
  );
  await writeClaims(g, graph.claims);

  const summary: GraphSummary = {};
  for (const kind of kinds) summary[kind] = g.counts[kind] ?? { inserted: 0, updated: 0, unchanged: 0 };
  summary.pruned = { inserted: 0, updated: 0, unchanged: 0, deleted: g.pruned };
  return summary;
}
