/**
 * The seed data format: YAML files under `data/seed/`, one per kind of record, checked with these zod schemas
 * before anything is written. Records refer to each other by slug. Results are written as the tables their
 * sources print (one row per benchmark, one column per model) so that they can be checked against the source
 * line by line; the loader expands them into one `benchmark_result` per cell.
 */
import { z } from 'zod';
import {
  accessChannel,
  architectureKind,
  claimPredicate,
  datasetDomain,
  externalIdNamespace,
  licenseCategory,
  lineageKind,
  organizationKind,
  sourceKind,
  techniqueKind,
} from '../db/schema.ts';

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

/** The whole seed, as read from `data/seed/*.yaml`. */
export const seedData = z.strictObject({
  sources: z.array(sourceRecord),
  licenses: z.array(licenseRecord),
  organizations: z.array(organizationRecord),
  techniques: z.array(techniqueRecord),
  metrics: z.array(metricRecord),
  datasets: z.array(datasetRecord),
  models: z.array(modelRecord),
  results: z.array(resultTableRecord),
  claims: z.array(claimRecord),
});

export type SeedData = z.infer<typeof seedData>;
export type ClaimTarget = z.infer<typeof claimTarget>;
