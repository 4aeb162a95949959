/**
 * The graph JSON document: the whole knowledge graph (or a part of it) in one file, for backups, transfers
 * between instances and review. Entities use the seed's record shapes (`src/seed/format.ts`: slugs as
 * references, `unverified`, `sources` links with notes, child collections inline); results are flat, one
 * record per `benchmark_result` row, since a database holds results that no source table printed.
 *
 * The seed's editorial rules are stricter than the database: these four are relaxed here, so that any graph
 * the database can hold (rows made by imports and mutations too) can be exported and imported back:
 * - an entity's, license's or metric's `description` may be empty (the column's default);
 * - an entity's `sources` may be empty;
 * - a dataset's `domains` may be empty;
 * - a claim's `quote` may be empty.
 * A document without such records validates against the seed's own schemas (`seedData`'s records).
 * Text fields are trimmed on import, as in the seed.
 */
import { z } from 'zod';
import { evaluatorRelationship } from '../db/schema.ts';
import {
  claimRecord,
  datasetRecord,
  licenseRecord,
  metricRecord,
  modelRecord,
  organizationRecord,
  settingRecord,
  slug,
  sourceRecord,
  techniqueRecord,
} from '../seed/format.ts';

export const GRAPH_FORMAT = 'modelgraph';
export const GRAPH_VERSION = 1;

const sourceLinks = z.array(z.union([slug, z.strictObject({ source: slug, notes: z.string().trim().min(1) })]));
const emptyOr = z.string().trim();
const entityRelaxations = { description: emptyOr, sources: sourceLinks };

export const graphSourceRecord = sourceRecord;
export const graphLicenseRecord = licenseRecord.extend({ description: emptyOr });
export const graphOrganizationRecord = organizationRecord.safeExtend(entityRelaxations);
export const graphTechniqueRecord = techniqueRecord.safeExtend(entityRelaxations);
export const graphMetricRecord = metricRecord.extend({ description: emptyOr });
export const graphDatasetRecord = datasetRecord.safeExtend({
  ...entityRelaxations,
  domains: datasetRecord.shape.domains.unwrap().array(),
});
export const graphModelRecord = modelRecord.safeExtend(entityRelaxations);
export const graphClaimRecord = claimRecord.extend({ quote: emptyOr });

/**
 * One `benchmark_result` row, every column but the generated ones: the natural key first (model, model
 * variant, dataset, metric, setting, source), then the value and what qualifies it. Absent = NULL.
 */
export const graphResultRecord = z.strictObject({
  model: slug,
  modelVariant: z.string().min(1).optional(),
  dataset: slug,
  metric: slug,
  ...settingRecord.shape,
  source: slug,
  value: z.number(),
  /** The number as the source printed it. */
  reportedValue: z.string().min(1),
  stderr: z.number().min(0).optional(),
  evaluator: slug.optional(),
  evaluatorRelationship: z.enum(evaluatorRelationship.enumValues),
  reportedOn: z.iso.date().optional(),
  notes: z.string().min(1).optional(),
  unverified: z.boolean(),
});

export const graphDocument = z.strictObject({
  format: z.literal(GRAPH_FORMAT),
  version: z.literal(GRAPH_VERSION),
  sources: z.array(graphSourceRecord),
  licenses: z.array(graphLicenseRecord),
  organizations: z.array(graphOrganizationRecord),
  techniques: z.array(graphTechniqueRecord),
  metrics: z.array(graphMetricRecord),
  datasets: z.array(graphDatasetRecord),
  models: z.array(graphModelRecord),
  results: z.array(graphResultRecord),
  claims: z.array(graphClaimRecord),
});

export type GraphDocument = z.infer<typeof graphDocument>;
export type GraphResultRecord = z.infer<typeof graphResultRecord>;
/** The document's lists, in the order they are written (entities before the facts that name them). */
export const graphKinds = [
  'sources',
  'licenses',
  'organizations',
  'techniques',
  'metrics',
  'datasets',
  'models',
  'results',
  'claims',
] as const satisfies readonly (keyof GraphDocument)[];
export type GraphKind = (typeof graphKinds)[number];
