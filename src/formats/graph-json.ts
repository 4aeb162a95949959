/**
 * The graph JSON document: the whole knowledge graph (or a part of it) in one file, for backups, transfers
 * between instances and review (`npm run export -- --format json`, read back by `src/import/graph-json.ts`), and
 * the seed (`data/seed/*.yaml`), which is the same records in YAML under stricter editorial rules.
 *
 * Records refer to each other by slug; an entity carries `unverified` (fields its sources do not confirm),
 * `sources` links with notes, and its child collections inline. The seed writes results as the tables their
 * sources print (one row per benchmark, one column per model) so that they can be checked against the source
 * line by line; the document holds them flat, one record per `benchmark_result` row, since a database holds
 * results that no source table printed.
 *
 * The seed's rules are stricter than the database: these four are relaxed in the document, so that any graph
 * the database can hold (rows made by imports and mutations too) can be exported and imported back:
 * - an entity's, license's or metric's `description` may be empty (the column's default);
 * - an entity's `sources` may be empty;
 * - a dataset's `domains` may be empty;
 * - a claim's `quote` may be empty.
 * A document without such records validates against the seed's own record schemas. Text fields are trimmed.
 */
import { z } from 'zod';
import {
  accessChannel,
  architectureKind,
  claimPredicate,
  datasetDomain,
  evaluatorRelationship,
  externalIdNamespace,
  licenseCategory,
  lineageKind,
  organizationKind,
  sourceKind,
  techniqueKind,
  modality,
} from '../db/schema.ts';
import type { DocumentFormat } from './records.ts';

export const slug = z
  .string()
  .regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/, 'a slug is lower-case letters and digits separated by "-" or "."');

const isoDate = z.iso.date();
const httpUrl = z.url({ protocol: /^https?$/ });
const text = z.string().trim().min(1);

/** Text that every entity has. `unverified` names fields whose value the sources do not confirm. */
const entityBase = {
  slug,
  name: text,
  aliases: z.array(text).default([]),
  description: text,
  unverified: z.array(text).default([]),
  /** Sources that back the entity's attributes, with an optional note on what each one backs. */
  sources: z
    .array(z.union([slug, z.strictObject({ source: slug, notes: text })]))
    .min(1, 'every entity names at least one source'),
};

/** `unverified` must name fields of the record itself, so that a typo cannot slip in unnoticed. */
function withKnownUnverifiedFields<T extends z.ZodObject>(schema: T) {
  const fields = Object.keys(schema.shape);
  return schema.superRefine((record, ctx) => {
    const listed = (record as { unverified?: string[] }).unverified ?? [];
    listed.forEach((field, index) => {
      if (!fields.includes(field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['unverified', index],
          message: `"${field}" is not a field of this record (fields: ${fields.join(', ')})`,
        });
      }
    });
  });
}

export const sourceRecord = z.strictObject({
  slug,
  url: httpUrl.optional(),
  title: text,
  publisher: text.optional(),
  kind: z.enum(sourceKind.enumValues),
  primary: z.boolean(),
  publishedOn: isoDate.optional(),
  notes: text.optional(),
});

export const licenseRecord = z.strictObject({
  slug,
  spdxId: text.optional(),
  name: text,
  category: z.enum(licenseCategory.enumValues),
  osiApproved: z.boolean(),
  url: httpUrl.optional(),
  description: text,
  source: slug.optional(),
});

export const organizationRecord = withKnownUnverifiedFields(
  z.strictObject({
    ...entityBase,
    kind: z.enum(organizationKind.enumValues),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US')
      .optional(),
    headquarters: text.optional(),
    website: httpUrl.optional(),
    foundedYear: z.int().min(1800).max(2100).optional(),
  }),
);

const lineageEdge = z.strictObject({
  model: slug,
  kind: z.enum(lineageKind.enumValues),
  details: text.optional(),
  source: slug,
  unverified: z.boolean().default(false),
});

const techniqueUse = z.strictObject({
  technique: slug,
  /** 1-based training stage; omit for techniques that are not a training stage (architecture). */
  stage: z.int().positive().optional(),
  details: text.optional(),
  hyperparameters: z.record(z.string(), z.unknown()).optional(),
  datasets: z.array(slug).default([]),
  source: slug,
  unverified: z.boolean().default(false),
});

/** A language a model is trained for or supports, with the source that says so. */
const modelLanguageLink = z.strictObject({
  language: slug,
  source: slug,
  notes: text.optional(),
  unverified: z.boolean().default(false),
});

/**
 * The model's primary task (a pipeline tag of data/registry/tasks.yaml) with its source; the modalities default
 * to the task's in the registry and are given only where the source says otherwise.
 */
const modelTaskRecord = z.strictObject({
  task: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a pipeline tag such as text-generation'),
  inputModalities: z.array(z.enum(modality.enumValues)).optional(),
  outputModalities: z.array(z.enum(modality.enumValues)).optional(),
  source: slug,
  notes: text.optional(),
  unverified: z.boolean().default(false),
});

export const modelRecord = withKnownUnverifiedFields(
  z.strictObject({
    ...entityBase,
    /** Developer organizations, lead first, with the source that attributes the model to them. */
    developers: z.array(z.strictObject({ organization: slug, source: slug })).default([]),
    architecture: z.enum(architectureKind.enumValues).optional(),
    architectureDetails: text.optional(),
    parameterCount: z.int().positive().optional(),
    activeParameterCount: z.int().positive().optional(),
    contextLength: z.int().positive().optional(),
    releaseDate: isoDate.optional(),
    license: slug.optional(),
    licenseNotes: text.optional(),
    openWeights: z.boolean(),
    access: z.array(z.enum(accessChannel.enumValues)).default([]),
    trainingGpuCount: z.int().positive().optional(),
    trainingGpuType: text.optional(),
    trainingGpuHours: z.int().positive().optional(),
    trainingTokens: z.int().positive().optional(),
    trainingComputeNotes: text.optional(),
    externalIds: z
      .array(z.strictObject({ namespace: z.enum(externalIdNamespace.enumValues), value: text }))
      .default([]),
    baseModels: z.array(lineageEdge).default([]),
    techniques: z.array(techniqueUse).default([]),
    languages: z.array(modelLanguageLink).default([]),
    task: modelTaskRecord.optional(),
  }),
);

export const techniqueRecord = withKnownUnverifiedFields(
  z.strictObject({
    ...entityBase,
    kind: z.enum(techniqueKind.enumValues),
    introducedYear: z.int().min(1900).max(2100).optional(),
    introducedBy: slug.optional(),
    parent: slug.optional(),
  }),
);

export const metricRecord = z.strictObject({
  slug,
  name: text,
  description: text,
  unit: text,
  higherIsBetter: z.boolean(),
  minValue: z.number().optional(),
  maxValue: z.number().optional(),
});

/** A language (ISO 639): slug = its 639-1 code where one exists, else 639-3; aliases: native name, 639-3 code. */
export const languageRecord = z.strictObject({
  slug,
  name: text,
  aliases: z.array(text).default([]),
  description: text.optional(),
});

export const datasetRecord = withKnownUnverifiedFields(
  z.strictObject({
    ...entityBase,
    benchmark: z.boolean(),
    trainingData: z.boolean(),
    domains: z.array(z.enum(datasetDomain.enumValues)).min(1),
    size: text.optional(),
    exampleCount: z.int().positive().optional(),
    defaultMetric: slug.optional(),
    defaultSetting: text.optional(),
    license: slug.optional(),
    licenseNotes: text.optional(),
    creators: text.optional(),
    creatorOrganizations: z.array(slug).default([]),
    introducedYear: z.int().min(1900).max(2100).optional(),
    paper: slug.optional(),
    parent: slug.optional(),
    huggingfaceId: text.optional(),
    homepage: httpUrl.optional(),
  }),
);

/** The evaluation setting of a result; every field is part of the result's natural key. */
export const settingRecord = z.strictObject({
  shots: z.int().min(0).optional(),
  chainOfThought: z.boolean().optional(),
  passK: z.int().min(1).optional(),
  split: text.optional(),
  harness: text.optional(),
  /** The agent scaffold of an agentic run (`react`). */
  scaffold: text.optional(),
  variant: text.optional(),
});

/** A number exactly as the source prints it ("55.7", "0.848"); `null` marks a cell the source leaves empty. */
const printedNumber = z.string().regex(/^-?\d+(\.\d+)?$/, 'a number as printed, e.g. "55.7"');

const tableColumn = z.union([
  slug,
  z.strictObject({
    model: slug,
    /** The exact checkpoint or API snapshot evaluated (e.g. gpt-4o-2024-11-20). */
    modelVariant: text.optional(),
  }),
]);

export const resultTableRecord = z
  .strictObject({
    slug,
    title: text,
    source: slug,
    /** Who ran the evaluations; first or third party is derived from the model's developers. */
    evaluator: slug.optional(),
    /** Stated when the evaluator is not an organization of the graph; else derived, or `unknown` without evaluator. */
    evaluatorRelationship: z.enum(evaluatorRelationship.enumValues).optional(),
    reportedOn: isoDate.optional(),
    /** Multiply printed values by this to get the metric's unit (0.848 with scale 100 is 84.8 %). */
    scale: z.number().positive().default(1),
    harness: text.optional(),
    notes: text.optional(),
    unverified: z.boolean().default(false),
    columns: z.array(tableColumn).min(1),
    rows: z
      .array(
        z.strictObject({
          dataset: slug,
          metric: slug,
          setting: settingRecord.default({}),
          values: z.array(printedNumber.nullable()),
          notes: text.optional(),
          unverified: z.boolean().optional(),
          scale: z.number().positive().optional(),
        }),
      )
      .min(1),
  })
  .superRefine((table, ctx) => {
    table.rows.forEach((row, index) => {
      if (row.values.length !== table.columns.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', index, 'values'],
          message: `has ${row.values.length} values for ${table.columns.length} columns`,
        });
      }
    });
  });

const claimTarget = z.union([
  z.strictObject({ model: slug }),
  z.strictObject({ organization: slug }),
  z.strictObject({ technique: slug }),
  z.strictObject({ dataset: slug }),
]);

export const claimRecord = z.strictObject({
  slug,
  source: slug,
  ordinal: z.int().positive(),
  statement: text,
  quote: text,
  predicate: z.enum(claimPredicate.enumValues),
  subject: z.union([z.strictObject({ model: slug }), z.strictObject({ organization: slug })]),
  objects: z.array(claimTarget).default([]),
  quantity: z.number().optional(),
  quantityUnit: text.optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  qualifier: text.optional(),
  notes: text.optional(),
});

/** The whole seed, as read from `data/seed/*.yaml` (`src/seed/read.ts`). */
export const seedData = z.strictObject({
  sources: z.array(sourceRecord),
  licenses: z.array(licenseRecord),
  organizations: z.array(organizationRecord),
  techniques: z.array(techniqueRecord),
  metrics: z.array(metricRecord),
  languages: z.array(languageRecord),
  datasets: z.array(datasetRecord),
  models: z.array(modelRecord),
  results: z.array(resultTableRecord),
  claims: z.array(claimRecord),
});

export type SeedData = z.infer<typeof seedData>;
export type ClaimTarget = z.infer<typeof claimTarget>;

// ---------------------------------------------------------------------------------------------------------------
// The document: the seed's records, relaxed as above, and results flat.

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
export const graphLanguageRecord = languageRecord.extend({ description: emptyOr });
export const graphDatasetRecord = datasetRecord.safeExtend({
  ...entityRelaxations,
  domains: datasetRecord.shape.domains.unwrap().array(),
});
export const graphModelRecord = modelRecord.safeExtend(entityRelaxations);
export const graphClaimRecord = claimRecord.extend({ quote: emptyOr });

/**
 * The lists whose record is one row of its kind's table and nothing more: each field is the column of the same
 * name, and a field named after a slugged kind (`source`) holds the slug of the row its `<field>Id` column
 * points at. The exporter reads them and the graph writer writes them generically (one step for all of them).
 */
export const flatGraphRecords = {
  licenses: graphLicenseRecord,
  metrics: graphMetricRecord,
  languages: graphLanguageRecord,
};
export type FlatGraphList = keyof typeof flatGraphRecords;

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
  // Added after the first exports: a document written before languages existed still reads.
  languages: z.array(graphLanguageRecord).default([]),
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
  'languages',
  'datasets',
  'models',
  'results',
  'claims',
] as const satisfies readonly (keyof GraphDocument)[];
export type GraphKind = (typeof graphKinds)[number];

/** The document's entities and claims: everything but its header and results. */
export type GraphEntities = Omit<GraphDocument, 'format' | 'version' | 'results'>;
export type GraphModelRecord = z.infer<typeof graphModelRecord>;

// ---------------------------------------------------------------------------------------------------------------
// Detection and serialization

/** The document says so in its first lines: `"format": "modelgraph"`. */
export function detectGraphJson(_fileName: string, head: string): boolean {
  return /^\s*\{\s*"format"\s*:\s*"modelgraph"/.test(head);
}

export const graphJsonFormat: DocumentFormat<'graph-json'> = {
  format: 'graph-json',
  description: "modelgraph's own graph JSON (npm run export -- --format json)",
  detect: detectGraphJson,
  document: true,
};

/** Byte-wise (code unit) order, the order of every list of the document: unlike a collation, the same everywhere. */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The Hugging Face id a model goes by in exports with room for one id: the first, byte-wise. */
export function huggingfaceIdOf(model: GraphModelRecord): string | undefined {
  return model.externalIds
    .filter((e) => e.namespace === 'huggingface')
    .map((e) => e.value)
    .sort(compare)[0];
}

export const graphDocumentOf = (e: GraphEntities, results: GraphResultRecord[]): GraphDocument => ({
  format: GRAPH_FORMAT,
  version: GRAPH_VERSION,
  sources: e.sources,
  licenses: e.licenses,
  organizations: e.organizations,
  techniques: e.techniques,
  metrics: e.metrics,
  languages: e.languages,
  datasets: e.datasets,
  models: e.models,
  results,
  claims: e.claims,
});

/** The canonical text of a document. */
export function serializeGraphDocument(document: GraphDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

const entityKinds = graphKinds.filter((kind) => kind !== 'results');
const beforeResults = entityKinds.slice(0, graphKinds.indexOf('results'));
const afterResults = entityKinds.slice(graphKinds.indexOf('results'));
/** An element of a top-level list sits 4 spaces deep; JSON.stringify never puts a raw newline in a string. */
const element = (value: unknown) => `    ${JSON.stringify(value, null, 2).replaceAll('\n', '\n    ')}`;
const list = (key: string, items: unknown[], last: boolean) =>
  `  ${JSON.stringify(key)}: ${items.length === 0 ? '[]' : `[\n${items.map(element).join(',\n')}\n  ]`}${last ? '\n' : ',\n'}`;

/**
 * `serializeGraphDocument`'s bytes in pieces, so that an exporter holds one page of results at a time:
 * `head(entities)`, `results(page, written)` for each page (`written`: results written before it), then
 * `tail(entities, written)`.
 */
export const graphJsonText = {
  head: (entities: GraphEntities): string =>
    `{\n  "format": ${JSON.stringify(GRAPH_FORMAT)},\n  "version": ${JSON.stringify(GRAPH_VERSION)},\n` +
    beforeResults.map((kind) => list(kind, entities[kind], false)).join('') +
    '  "results": [',
  results: (page: GraphResultRecord[], written: number): string =>
    page.length === 0 ? '' : `${written === 0 ? '\n' : ',\n'}${page.map(element).join(',\n')}`,
  tail: (entities: GraphEntities, written: number): string =>
    `${written === 0 ? ']' : '\n  ]'}${afterResults.length === 0 ? '\n' : ',\n'}` +
    afterResults.map((kind, i) => list(kind, entities[kind], i === afterResults.length - 1)).join('') +
    '}\n',
};
