/**
 * Table definitions of the knowledge graph. Only tables, enums and constraints live here;
 * relations are in `relations.ts`, and drizzle-kit generates the migrations in `drizzle/` from this file.
 *
 * Conventions:
 * - every entity has an identity `id` (internal, behind Relay global IDs), a unique `slug` (stable public
 *   handle), a `name`, `aliases` and a `description`;
 * - every fact row (result, lineage edge, technique stage, claim) has a NOT NULL `source_id`: provenance is data;
 * - `unverified_fields` lists the columns whose value the seed marks "(unverified)";
 * - every foreign key has an index; checks guard what the type system cannot (slugs, ranges, countries).
 */
import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  char,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// ---------------------------------------------------------------------------------------------------------
// Enums

export const organizationKind = pgEnum('organization_kind', [
  'company',
  'nonprofit',
  'university',
  'government',
  'research_lab',
  'community',
]);

export const architectureKind = pgEnum('architecture_kind', ['dense', 'moe']);

export const lineageKind = pgEnum('lineage_kind', [
  'finetune',
  'distillation',
  'continued_pretraining',
  'merge',
  'quantization',
  'adapter',
]);

export const techniqueKind = pgEnum('technique_kind', [
  'post_training',
  'alignment',
  'reinforcement_learning',
  'architecture',
  'data',
  'distillation',
  'training_efficiency',
]);

export const datasetDomain = pgEnum('dataset_domain', [
  'math',
  'code',
  'knowledge',
  'reasoning',
  'instruction_following',
  'chat',
  'safety',
  'long_context',
  'multilingual',
  'tool_use',
  'reading_comprehension',
  'language_modeling',
  'aggregate',
]);

export const licenseCategory = pgEnum('license_category', [
  'permissive',
  'copyleft',
  'restrictive',
  'non_commercial',
  'proprietary',
  // Terms nobody has checked yet: a license only named by an imported file (a model card's `license_name`).
  'unknown',
]);

export const sourceKind = pgEnum('source_kind', [
  'paper',
  'model_card',
  'blog',
  'news',
  'leaderboard',
  'repository',
  'documentation',
  'aggregator',
  'webpage',
]);

export const accessChannel = pgEnum('access_channel', ['api', 'chat_app', 'weights']);

/**
 * What a model takes in or gives out. Besides the media, `embedding` is a vector (feature extraction, sentence
 * similarity) and `label` a class, span tag or box with its score (classification, detection).
 */
export const modality = pgEnum('modality', [
  'text',
  'image',
  'audio',
  'video',
  'tabular',
  'time_series',
  'three_d',
  'embedding',
  'label',
]);

/** `unknown`: the file does not say who ran the evaluation, nor how they relate to the model's developer. */
export const evaluatorRelationship = pgEnum('evaluator_relationship', ['first_party', 'third_party', 'unknown']);

export const externalIdNamespace = pgEnum('external_id_namespace', ['huggingface', 'api', 'github', 'openrouter']);

export const claimPredicate = pgEnum('claim_predicate', [
  'has_attributes',
  'developed',
  'derives_from',
  'trained_with',
  'trained_on_data',
  'has_parameter_count',
  'used_training_compute',
  'outperforms_on',
  'outperforms_overall',
  'outperforms_on_some',
  'smaller_than',
  'faster_than',
  'available_via',
  'state_of_the_art',
]);

// ---------------------------------------------------------------------------------------------------------
// Shared column groups

const SLUG_PATTERN = '^[a-z0-9]+([.-][a-z0-9]+)*$';

const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

const entityColumns = () => ({
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  aliases: text('aliases')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  description: text('description').notNull().default(''),
  unverifiedFields: text('unverified_fields')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  ...timestamps(),
});

// ---------------------------------------------------------------------------------------------------------
// Provenance

export const source = pgTable(
  'source',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique(),
    url: text('url').unique(),
    title: text('title').notNull(),
    publisher: text('publisher'),
    kind: sourceKind('kind').notNull(),
    primary: boolean('is_primary').notNull(),
    publishedOn: date('published_on', { mode: 'string' }),
    notes: text('notes').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    check('source_slug_format', sql`${t.slug} ~ ${sql.raw(`'${SLUG_PATTERN}'`)}`),
    check('source_url_http', sql`${t.url} is null or ${t.url} ~ '^https?://'`),
    index('source_kind_idx').on(t.kind),
    index('source_published_on_key_idx').on(sql`coalesce(${t.publishedOn}, '0001-01-01'::date)`, t.id),
    index('source_title_idx').on(t.title, t.id),
  ],
);

export const license = pgTable(
  'license',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique(),
    spdxId: text('spdx_id').unique(),
    name: text('name').notNull(),
    category: licenseCategory('category').notNull(),
    osiApproved: boolean('osi_approved').notNull(),
    url: text('url'),
    description: text('description').notNull().default(''),
    sourceId: integer('source_id').references(() => source.id, { onDelete: 'restrict' }),
    /** Fields taken on trust from a file, not checked (an imported card's unknown license: name, url, category). */
    unverifiedFields: text('unverified_fields')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ...timestamps(),
  },
  (t) => [
    check('license_slug_format', sql`${t.slug} ~ ${sql.raw(`'${SLUG_PATTERN}'`)}`),
    check('license_osi_is_open', sql`not ${t.osiApproved} or ${t.category} in ('permissive', 'copyleft')`),
    index('license_source_idx').on(t.sourceId),
  ],
);

// ---------------------------------------------------------------------------------------------------------
// Entities

export const organization = pgTable(
  'organization',
  {
    ...entityColumns(),
    kind: organizationKind('kind').notNull(),
    country: char('country', { length: 2 }),
    headquarters: text('headquarters'),
    website: text('website'),
    foundedYear: integer('founded_year'),
  },
  (t) => [
    check('organization_slug_format', sql`${t.slug} ~ ${sql.raw(`'${SLUG_PATTERN}'`)}`),
    check('organization_country_iso', sql`${t.country} is null or ${t.country} ~ '^[A-Z]{2}$'`),
    check('organization_founded_year', sql`${t.foundedYear} is null or ${t.foundedYear} between 1800 and 2100`),
    check('organization_website_http', sql`${t.website} is null or ${t.website} ~ '^https?://'`),
    index('organization_country_idx').on(t.country),
    index('organization_kind_idx').on(t.kind),
    // Sort keys of the connections (nulls sort as the smallest value; see the types' orderBy).
    index('organization_founded_year_key_idx').on(sql`coalesce(${t.foundedYear}, 0)`, t.id),
    // A page by name reads the first rows of this index and nests only their relations; without it every
    // organization's nested models and results are built before the sort (issue 11, Q2: 6.7 s per request).
    index('organization_name_idx').on(t.name, t.id),
  ],
);

export const model = pgTable(
  'model',
  {
    ...entityColumns(),
    architecture: architectureKind('architecture'),
    architectureDetails: text('architecture_details'),
    parameterCount: bigint('parameter_count', { mode: 'number' }),
    activeParameterCount: bigint('active_parameter_count', { mode: 'number' }),
    contextLength: integer('context_length'),
    releaseDate: date('release_date', { mode: 'string' }),
    licenseId: integer('license_id').references(() => license.id, { onDelete: 'restrict' }),
    licenseNotes: text('license_notes'),
    openWeights: boolean('open_weights').notNull(),
    access: accessChannel('access')
      .array()
      .notNull()
      .default(sql`'{}'::access_channel[]`),
    trainingGpuCount: integer('training_gpu_count'),
    trainingGpuType: text('training_gpu_type'),
    trainingGpuHours: bigint('training_gpu_hours', { mode: 'number' }),
    trainingTokens: bigint('training_tokens', { mode: 'number' }),
    trainingComputeNotes: text('training_compute_notes'),
  },
  (t) => [
    check('model_slug_format', sql`${t.slug} ~ ${sql.raw(`'${SLUG_PATTERN}'`)}`),
    check('model_parameter_count_positive', sql`${t.parameterCount} is null or ${t.parameterCount} > 0`),
    check(
      'model_active_parameters_bounded',
      sql`${t.activeParameterCount} is null or (${t.activeParameterCount} > 0 and (${t.parameterCount} is null or ${t.activeParameterCount} <= ${t.parameterCount}))`,
    ),
    check('model_context_length_positive', sql`${t.contextLength} is null or ${t.contextLength} > 0`),
    check('model_gpu_count_positive', sql`${t.trainingGpuCount} is null or ${t.trainingGpuCount} > 0`),
    check('model_gpu_hours_positive', sql`${t.trainingGpuHours} is null or ${t.trainingGpuHours} > 0`),
    check('model_tokens_positive', sql`${t.trainingTokens} is null or ${t.trainingTokens} > 0`),
    index('model_license_idx').on(t.licenseId),
    index('model_release_date_idx').on(t.releaseDate),
    // With open_weights: a count of the models of a size range that are open-weight (example 07: half the 4x
    // graph's 200,000 models) is an index-only scan of that range instead of a scan of the table.
    index('model_parameter_count_idx').on(t.parameterCount, t.openWeights),
    index('model_name_idx').on(t.name, t.id),
    index('model_release_date_key_idx').on(sql`coalesce(${t.releaseDate}, '0001-01-01'::date)`, t.id),
    index('model_parameter_count_key_idx').on(sql`coalesce(${t.parameterCount}, 0)`, t.id),
  ],
);

/** Which organizations developed a model (a model may have several); `position` keeps the lead first. */
export const modelDeveloper = pgTable(
  'model_developer',
  {
    modelId: integer('model_id')
      .notNull()
      .references(() => model.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'restrict' }),
    position: integer('position').notNull().default(0),
    sourceId: integer('source_id')
      .notNull()
      .references(() => source.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.modelId, t.organizationId] }),
    // By organization alone: an organization has a few dozen models, which a neighborhood's walk sorts by id
    // (graph_first_neighbors); with model_id in this index, Q2's nested pages read it backward as an index-only
    // scan and its statement took 11 ms instead of 7 on mg_large.
    index('model_developer_organization_idx').on(t.organizationId),
    // A model's lead developer (lowest position) is read per model in result lists: an index in that order
    // answers it without a sort (Q3 on mg_large: 0.8 -> 0.5 ms per statement).
    index('model_developer_lead_idx').on(t.modelId, t.position, t.organizationId),
    index('model_developer_source_idx').on(t.sourceId),
  ],
);

/** Identifiers of a model in other systems (Hugging Face repo id, API model name...). */
export const modelExternalId = pgTable(
  'model_external_id',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    modelId: integer('model_id')
      .notNull()
      .references(() => model.id, { onDelete: 'cascade' }),
    namespace: externalIdNamespace('namespace').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    unique('model_external_id_unique').on(t.namespace, t.value),
    index('model_external_id_model_idx').on(t.modelId),
  ],
);

/** A derivation edge: `model` was made from `baseModel`. */
export const modelLineage = pgTable(
  'model_lineage',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    modelId: integer('model_id')
      .notNull()
      .references(() => model.id, { onDelete: 'cascade' }),
    baseModelId: integer('base_model_id')
      .notNull()
      .references(() => model.id, { onDelete: 'restrict' }),
    kind: lineageKind('kind').notNull(),
    details: text('details').notNull().default(''),
    sourceId: integer('source_id')
      .notNull()
      .references(() => source.id, { onDelete: 'restrict' }),
    unverified: boolean('unverified').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    unique('model_lineage_unique').on(t.modelId, t.baseModelId, t.kind),
    check('model_lineage_not_self', sql`${t.modelId} <> ${t.baseModelId}`),
    // A base model's derivatives in id order (a neighborhood reads the first ones, graph_first_neighbors).
    index('model_lineage_base_model_idx').on(t.baseModelId, t.modelId),
    index('model_lineage_source_idx').on(t.sourceId),
  ],
);

export const technique = pgTable(
  'technique',
  {
    ...entityColumns(),
    kind: techniqueKind('kind').notNull(),
    introducedYear: integer('introduced_year'),
    introducedBySourceId: integer('introduced_by_source_id').references(() => source.id, { onDelete: 'restrict' }),
    parentTechniqueId: integer('parent_technique_id').references((): AnyPgColumn => technique.id, {
      onDelete: 'restrict',
    }),
  },
  (t) => [
    check('technique_slug_format', sql`${t.slug} ~ ${sql.raw(`'${SLUG_PATTERN}'`)}`),
    check('technique_introduced_year', sql`${t.introducedYear} is null or ${t.introducedYear} between 1900 and 2100`),
    check('technique_not_own_parent', sql`${t.parentTechniqueId} is null or ${t.parentTechniqueId} <> ${t.id}`),
    index('technique_introduced_by_idx').on(t.introducedBySourceId),
    index('technique_parent_idx').on(t.parentTechniqueId),
    index('technique_kind_idx').on(t.kind),
    index('technique_introduced_year_key_idx').on(sql`coalesce(${t.introducedYear}, 0)`, t.id),
    index('technique_name_idx').on(t.name, t.id),
  ],
);

/**
 * A model's use of a technique. `stage` orders the training stages (1 = first); techniques used at the same
 * stage share it (RLVR run with PPO), and architectural techniques have no stage.
 */
export const modelTechnique = pgTable(
  'model_technique',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    modelId: integer('model_id')
      .notNull()
      .references(() => model.id, { onDelete: 'cascade' }),
    techniqueId: integer('technique_id')
      .notNull()
      .references(() => technique.id, { onDelete: 'restrict' }),
    stage: integer('stage'),
    details: text('details').notNull().default(''),
    hyperparameters: jsonb('hyperparameters').$type<Record<string, unknown>>(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => source.id, { onDelete: 'restrict' }),
    unverified: boolean('unverified').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    unique('model_technique_unique').on(t.modelId, t.techniqueId),
    check('model_technique_stage_positive', sql`${t.stage} is null or ${t.stage} > 0`),
    // A technique's models in id order: a neighborhood reads the first ones (graph_first_neighbors), where a
    // common technique has thousands.
    index('model_technique_technique_idx').on(t.techniqueId, t.modelId),
    index('model_technique_source_idx').on(t.sourceId),
  ],
);

export const metric = pgTable(
  'metric',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    unit: text('unit').notNull(),
    higherIsBetter: boolean('higher_is_better').notNull(),
    minValue: doublePrecision('min_value'),
    maxValue: doublePrecision('max_value'),
  },
  (t) => [
    check('metric_slug_format', sql`${t.slug} ~ ${sql.raw(`'${SLUG_PATTERN}'`)}`),
    check('metric_range', sql`${t.minValue} is null or ${t.maxValue} is null or ${t.minValue} < ${t.maxValue}`),
  ],
);

/** A human language (ISO 639): the slug is its ISO 639-1 code where one exists (`ja`), else its 639-3 code. */
export const language = pgTable(
  'language',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    aliases: text('aliases')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    description: text('description').notNull().default(''),
    ...timestamps(),
  },
  (t) => [check('language_slug_format', sql`${t.slug} ~ ${sql.raw(`'${SLUG_PATTERN}'`)}`)],
);

/**
 * A language a model is trained for or supports, as one source says it: the same language from two sources is
 * two rows, side by side (a seed card and an imported card).
 */
export const modelLanguage = pgTable(
  'model_language',
  {
    modelId: integer('model_id')
      .notNull()
      .references(() => model.id, { onDelete: 'cascade' }),
    languageId: integer('language_id')
      .notNull()
      .references(() => language.id, { onDelete: 'restrict' }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => source.id, { onDelete: 'restrict' }),
    notes: text('notes').notNull().default(''),
    unverified: boolean('unverified').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.modelId, t.languageId, t.sourceId] }),
    index('model_language_language_idx').on(t.languageId),
    index('model_language_source_idx').on(t.sourceId),
  ],
);

/**
 * A model's primary task, named by its Hugging Face pipeline tag (`text-generation`, `feature-extraction`; the
 * known tags are data/registry/tasks.yaml), with the modalities it takes in and gives out and its source. One
 * per model: a second source naming another task is reported by the importer, not stored.
 */
export const modelTask = pgTable(
  'model_task',
  {
    modelId: integer('model_id')
      .primaryKey()
      .references(() => model.id, { onDelete: 'cascade' }),
    task: text('task').notNull(),
    inputModalities: modality('input_modalities').array().notNull(),
    outputModalities: modality('output_modalities').array().notNull(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => source.id, { onDelete: 'restrict' }),
    notes: text('notes').notNull().default(''),
    unverified: boolean('unverified').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    check('model_task_format', sql`${t.task} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    index('model_task_task_idx').on(t.task),
    index('model_task_source_idx').on(t.sourceId),
  ],
);

export const dataset = pgTable(
  'dataset',
  {
    ...entityColumns(),
    benchmark: boolean('is_benchmark').notNull(),
    trainingData: boolean('is_training_data').notNull(),
    domains: datasetDomain('domains')
      .array()
      .notNull()
      .default(sql`'{}'::dataset_domain[]`),
    size: text('size'),
    exampleCount: integer('example_count'),
    defaultMetricId: integer('default_metric_id').references(() => metric.id, { onDelete: 'restrict' }),
    defaultSetting: text('default_setting'),
    licenseId: integer('license_id').references(() => license.id, { onDelete: 'restrict' }),
    licenseNotes: text('license_notes'),
    creators: text('creators'),
    introducedYear: integer('introduced_year'),
    paperSourceId: integer('paper_source_id').references(() => source.id, { onDelete: 'restrict' }),
    parentDatasetId: integer('parent_dataset_id').references((): AnyPgColumn => dataset.id, {
      onDelete: 'restrict',
    }),
    huggingfaceId: text('huggingface_id').unique(),
    homepage: text('homepage'),
  },
  (t) => [
    check('dataset_slug_format', sql`${t.slug} ~ ${sql.raw(`'${SLUG_PATTERN}'`)}`),
    check('dataset_has_a_role', sql`${t.benchmark} or ${t.trainingData}`),
    check('dataset_example_count_positive', sql`${t.exampleCount} is null or ${t.exampleCount} > 0`),
    check('dataset_introduced_year', sql`${t.introducedYear} is null or ${t.introducedYear} between 1900 and 2100`),
    check('dataset_homepage_http', sql`${t.homepage} is null or ${t.homepage} ~ '^https?://'`),
    index('dataset_default_metric_idx').on(t.defaultMetricId),
    index('dataset_license_idx').on(t.licenseId),
    index('dataset_paper_source_idx').on(t.paperSourceId),
    index('dataset_parent_idx').on(t.parentDatasetId),
    index('dataset_introduced_year_key_idx').on(sql`coalesce(${t.introducedYear}, 0)`, t.id),
    index('dataset_name_idx').on(t.name, t.id),
  ],
);

/** Organizations credited with creating a dataset (free-text authors stay in `dataset.creators`). */
export const datasetCreator = pgTable(
  'dataset_creator',
  {
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => dataset.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.datasetId, t.organizationId] }),
    index('dataset_creator_organization_idx').on(t.organizationId),
  ],
);

/** Datasets a technique stage trained on (Tülu 3 405B's RLVR stage used RLVR-MATH). */
export const modelTechniqueDataset = pgTable(
  'model_technique_dataset',
  {
    modelTechniqueId: integer('model_technique_id')
      .notNull()
      .references(() => modelTechnique.id, { onDelete: 'cascade' }),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => dataset.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.modelTechniqueId, t.datasetId] }),
    index('model_technique_dataset_dataset_idx').on(t.datasetId),
  ],
);

// ---------------------------------------------------------------------------------------------------------
// Sources backing whole entities (descriptions, attributes). Fact rows carry their own `source_id`.

function entitySourceTable<N extends string>(
  name: N,
  entity: typeof organization | typeof model | typeof dataset | typeof technique,
) {
  return pgTable(
    name,
    {
      entityId: integer('entity_id')
        .notNull()
        .references(() => entity.id, { onDelete: 'cascade' }),
      sourceId: integer('source_id')
        .notNull()
        .references(() => source.id, { onDelete: 'restrict' }),
      notes: text('notes').notNull().default(''),
    },
    (t) => [primaryKey({ columns: [t.entityId, t.sourceId] }), index(`${name}_source_idx`).on(t.sourceId)],
  );
}

export const organizationSource = entitySourceTable('organization_source', organization);
export const modelSource = entitySourceTable('model_source', model);
export const datasetSource = entitySourceTable('dataset_source', dataset);
export const techniqueSource = entitySourceTable('technique_source', technique);

// ---------------------------------------------------------------------------------------------------------
// Facts

/**
 * One reported score. The evaluation setting columns are part of the natural key, so the same model and
 * benchmark can hold several results (other settings, other sources) side by side.
 */
export const benchmarkResult = pgTable(
  'benchmark_result',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    modelId: integer('model_id')
      .notNull()
      .references(() => model.id, { onDelete: 'cascade' }),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => dataset.id, { onDelete: 'restrict' }),
    metricId: integer('metric_id')
      .notNull()
      .references(() => metric.id, { onDelete: 'restrict' }),
    value: doublePrecision('value').notNull(),
    reportedValue: text('reported_value').notNull(),
    stderr: doublePrecision('stderr'),
    shots: integer('shots'),
    chainOfThought: boolean('chain_of_thought'),
    passK: integer('pass_k'),
    split: text('split'),
    harness: text('harness'),
    /**
     * The agent scaffold (harness of tools and loop) the model ran in for an agentic benchmark (`react`,
     * `OpenHands CodeAct`): two GAIA runs of one model with different agents are different results.
     */
    scaffold: text('scaffold'),
    variant: text('variant'),
    modelVariant: text('model_variant'),
    evaluatorOrganizationId: integer('evaluator_organization_id').references(() => organization.id, {
      onDelete: 'restrict',
    }),
    evaluatorRelationship: evaluatorRelationship('evaluator_relationship').notNull(),
    reportedOn: date('reported_on', { mode: 'string' }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => source.id, { onDelete: 'restrict' }),
    notes: text('notes').notNull().default(''),
    unverified: boolean('unverified').notNull().default(false),
    /**
     * Results are comparable when dataset, metric and setting (shots, chain of thought, pass@k, split, variant,
     * scaffold) match; a null setting field ("not stated") matches only another null. The harness is left out on
     * purpose: the same protocol run by two harnesses is comparable, and the disagreement is exposed instead.
     */
    comparabilityKey: text('comparability_key')
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`${benchmarkResult.datasetId}::text || '/' || ${benchmarkResult.metricId}::text || '/' || coalesce(${benchmarkResult.shots}::text, '') || '/' || coalesce(${benchmarkResult.chainOfThought}::text, '') || '/' || coalesce(${benchmarkResult.passK}::text, '') || '/' || coalesce(${benchmarkResult.split}, '') || '/' || coalesce(${benchmarkResult.variant}, '') || '/' || coalesce(${benchmarkResult.scaffold}, '')`,
      ),
    ...timestamps(),
  },
  (t) => [
    check('benchmark_result_split_not_empty', sql`${t.split} <> ''`),
    check('benchmark_result_variant_not_empty', sql`${t.variant} <> ''`),
    check('benchmark_result_scaffold_not_empty', sql`${t.scaffold} <> ''`),
    index('benchmark_result_comparability_idx').on(t.comparabilityKey, t.modelId),
    // A source's coverage of a key (the preference rule counts the models it measured there) and the models it
    // covers, read when a write changes that coverage.
    index('benchmark_result_key_source_idx').on(t.comparabilityKey, t.sourceId, t.modelId),
    unique('benchmark_result_natural_key')
      .on(
        t.modelId,
        t.datasetId,
        t.metricId,
        t.shots,
        t.chainOfThought,
        t.passK,
        t.split,
        t.harness,
        t.scaffold,
        t.variant,
        t.modelVariant,
        t.sourceId,
      )
      .nullsNotDistinct(),
    check('benchmark_result_shots', sql`${t.shots} is null or ${t.shots} >= 0`),
    check('benchmark_result_pass_k', sql`${t.passK} is null or ${t.passK} >= 1`),
    check('benchmark_result_stderr', sql`${t.stderr} is null or ${t.stderr} >= 0`),
    // A leaderboard page (one dataset and metric, by value) reads the top of this index in order.
    index('benchmark_result_dataset_metric_idx').on(t.datasetId, t.metricId, t.value, t.id),
    // A model's results page (by dataset, then as stored) reads this index in order and stops at the page size.
    // The metric and value after the (unique) id do not change the order: a page that shows what a model card
    // shows (value, metric, dataset) is read from the index alone, without a heap page per result (Q2 reads
    // 1,000 results of 200 models). drizzle has no INCLUDE, hence key columns.
    index('benchmark_result_model_idx').on(t.modelId, t.datasetId, t.id, t.metricId, t.value),
    index('benchmark_result_metric_idx').on(t.metricId),
    // An evaluator's EVALUATED edges (graph): one per model with a count, read from the index alone; without the
    // model in it, an organization that evaluated 30,000 models cost a heap read per result (4x graph: 550 ms).
    index('benchmark_result_evaluator_idx').on(t.evaluatorOrganizationId, t.modelId),
    index('benchmark_result_source_idx').on(t.sourceId),
    index('benchmark_result_value_idx').on(t.value, t.id),
    index('benchmark_result_reported_on_key_idx').on(sql`coalesce(${t.reportedOn}, '0001-01-01'::date)`, t.id),
  ],
);

/**
 * The preferred result of each model at each comparability key, over all results: what
 * `compute_preferred_results(NULL, NULL, ...)` (src/db/sql/30-comparison.sql) returns, stored so that rankings,
 * who-beats-whom and the graph's BEATS edges read it through an index instead of ranking every result of a key at
 * every request. Derived, never written by hand: triggers on `benchmark_result` note the keys a transaction
 * changes (`result_preference_pending`) and recompute those keys once, when it commits.
 */
export const resultPreference = pgTable(
  'result_preference',
  {
    resultId: integer('result_id')
      .primaryKey()
      .references(() => benchmarkResult.id, { onDelete: 'cascade' }),
    comparabilityKey: text('comparability_key').notNull(),
    modelId: integer('model_id').notNull(),
    datasetId: integer('dataset_id').notNull(),
    metricId: integer('metric_id').notNull(),
    sourceId: integer('source_id').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [
    // One row per key and model, as the rule gives; not a unique constraint, since a recomputation writes a
    // model's new preferred result before it deletes the old one, within one statement.
    // A model's preferred results (its BEATS edges start there); a key's ranking reads the next index in order.
    index('result_preference_model_idx').on(t.modelId, t.comparabilityKey),
    index('result_preference_key_value_idx').on(t.comparabilityKey, t.value),
    // A key's models in id order, with their values (a neighborhood's first opponents, graph_beats).
    index('result_preference_key_model_idx').on(t.comparabilityKey, t.modelId, t.value),
  ],
);

/**
 * What the current transaction changed among the results, until it commits: each changed result's comparability
 * key, model and source, old and new (then the preferred results they can affect are recomputed and the rows
 * removed). Never holds a row outside a writing transaction.
 */
export const resultPreferencePending = pgTable(
  'result_preference_pending',
  {
    comparabilityKey: text('comparability_key').notNull(),
    modelId: integer('model_id').notNull(),
    sourceId: integer('source_id').notNull(),
  },
  (t) => [uniqueIndex('result_preference_pending_change_idx').on(t.comparabilityKey, t.modelId, t.sourceId)],
);

/**
 * One row per writing transaction that has noted changes in `result_preference_pending`: its insertion queues the
 * deferred trigger that recomputes them at commit (a constraint trigger fires per row, so one row, not one per
 * change). Never holds a row outside a writing transaction.
 */
export const resultPreferenceRefresh = pgTable('result_preference_refresh', {
  transactionId: bigint('transaction_id', { mode: 'number' })
    .primaryKey()
    .default(sql`txid_current()`),
});

/**
 * Each comparable set of results (one comparability key: dataset, metric and setting) with its number of results,
 * so that naming a leaderboard's set (`resolveComparability`: a dataset, a metric and part of a setting) reads a
 * few rows by dataset instead of grouping every result of the dataset (8.6 ms per leaderboard on the 4x graph's
 * busiest set). Derived, never written by hand: kept by the same commit-time refresh as `result_preference`
 * (src/db/sql/30-comparison.sql) at the keys a transaction changed.
 */
export const comparabilitySet = pgTable(
  'comparability_set',
  {
    comparabilityKey: text('comparability_key').primaryKey(),
    datasetId: integer('dataset_id').notNull(),
    metricId: integer('metric_id').notNull(),
    shots: integer('shots'),
    chainOfThought: boolean('chain_of_thought'),
    passK: integer('pass_k'),
    split: text('split'),
    variant: text('variant'),
    scaffold: text('scaffold'),
    resultCount: integer('result_count').notNull(),
  },
  (t) => [index('comparability_set_dataset_idx').on(t.datasetId, t.metricId)],
);

/** PostgreSQL's `tsvector`: here a set of words, without positions (`search_document.lexemes`). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The search document of each searchable entity (`Query.search`, src/analytics/search.ts): its lexemes (the words
 * of its names and their compact forms) and normalized description, which the indexes of src/db/sql/20-search.sql
 * cover, and each of its names (name, aliases, slug, in that order) normalized and compacted, which rank the
 * candidates. Stored so that a search reads them instead of recomputing them (accents removed, regular
 * expressions) for every row the indexes return and every name it ranks. Derived, never written by hand:
 * triggers on the entity tables keep it (20-search.sql).
 */
export const searchDocument = pgTable(
  'search_document',
  {
    /** The entity's `SearchableType` (MODEL, ORGANIZATION...). */
    type: text('type').notNull(),
    entityId: integer('entity_id').notNull(),
    /** `search_lexemes(normalized, compact)`: the words of its names and each name compacted. */
    lexemes: tsvector('lexemes').notNull(),
    /** `search_normalize` and `search_compact` of the name, each alias and the slug, in that order. */
    normalized: text('normalized').array().notNull(),
    compact: text('compact').array().notNull(),
    /** `search_normalize(description)` (a source's notes). */
    description: text('description').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.type] })],
);

/**
 * Every distinct lexeme of the search documents, once as a word and once as a compact name (a string can be both),
 * under a trigram index each: a search finds the lexemes its words resemble here, then the documents holding them.
 * Kept by the same triggers, which also remove a lexeme once no document holds it (a rename, a delete).
 */
export const searchWord = pgTable(
  'search_word',
  {
    word: text('word').notNull(),
    /** True for the compact form of a name ("tinyswallow15b"), false for a word of one ("tinyswallow"). */
    compact: boolean('compact').notNull(),
  },
  (t) => [primaryKey({ columns: [t.word, t.compact] })],
);

/**
 * The natural key of a result (constraint `benchmark_result_natural_key`, nulls not distinct): upserts by the
 * seed, mutations and importers, and merges, all match results on these fields.
 */
export const benchmarkResultKey = [
  'modelId',
  'datasetId',
  'metricId',
  'shots',
  'chainOfThought',
  'passK',
  'split',
  'harness',
  'scaffold',
  'variant',
  'modelVariant',
  'sourceId',
] as const;

/** A statement made by a source, stored structured so that it can be checked against the graph. */
export const claim = pgTable(
  'claim',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => source.id, { onDelete: 'restrict' }),
    ordinal: integer('ordinal').notNull(),
    statement: text('statement').notNull(),
    quote: text('quote').notNull().default(''),
    predicate: claimPredicate('predicate').notNull(),
    subjectModelId: integer('subject_model_id').references(() => model.id, { onDelete: 'cascade' }),
    subjectOrganizationId: integer('subject_organization_id').references(() => organization.id, {
      onDelete: 'cascade',
    }),
    quantity: doublePrecision('quantity'),
    quantityUnit: text('quantity_unit'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>(),
    qualifier: text('qualifier'),
    notes: text('notes').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    unique('claim_source_ordinal').on(t.sourceId, t.ordinal),
    check('claim_slug_format', sql`${t.slug} ~ ${sql.raw(`'${SLUG_PATTERN}'`)}`),
    check('claim_one_subject', sql`num_nonnulls(${t.subjectModelId}, ${t.subjectOrganizationId}) = 1`),
    index('claim_subject_model_idx').on(t.subjectModelId),
    index('claim_subject_organization_idx').on(t.subjectOrganizationId),
  ],
);

/** The claim's objects, in order: models compared against, techniques named, benchmarks, organizations. */
export const claimObject = pgTable(
  'claim_object',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claim.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    modelId: integer('model_id').references(() => model.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id').references(() => organization.id, { onDelete: 'cascade' }),
    techniqueId: integer('technique_id').references(() => technique.id, { onDelete: 'cascade' }),
    datasetId: integer('dataset_id').references(() => dataset.id, { onDelete: 'cascade' }),
  },
  (t) => [
    unique('claim_object_position').on(t.claimId, t.position),
    check(
      'claim_object_one_target',
      sql`num_nonnulls(${t.modelId}, ${t.organizationId}, ${t.techniqueId}, ${t.datasetId}) = 1`,
    ),
    index('claim_object_model_idx').on(t.modelId),
    index('claim_object_organization_idx').on(t.organizationId),
    index('claim_object_technique_idx').on(t.techniqueId),
    index('claim_object_dataset_idx').on(t.datasetId),
  ],
);

/** One row per seed load, so a restart knows the seed is in and `db:seed` can report what it did. */
export const seedRun = pgTable('seed_run', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  contentHash: text('content_hash').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
});

// ---------------------------------------------------------------------------------------------------------
// Writers and their trail

export const apiRole = pgEnum('api_role', ['editor', 'admin']);

/**
 * API keys for writes. Only a SHA-256 hash of the key is stored: keys are 256 random bits, so a plain hash
 * is enough (a slow password hash guards low-entropy secrets, which these are not). `prefix` is the
 * non-secret head shown in listings, so that a key can be recognised and revoked.
 */
export const apiKey = pgTable(
  'api_key',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    role: apiRole('role').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [check('api_key_name_not_empty', sql`${t.name} <> ''`)],
);

/**
 * One row per import run that was not a dry run (a CLI run over many files, or one `importFile` call): who ran
 * it, when, and its report (`src/import/report.ts`) as JSON, cut to a size cap (`truncated` says so, and
 * `report_bytes` is the size before the cut). Not audited: it is the import's own record, not graph content.
 */
export const importRun = pgTable(
  'import_run',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    actor: text('actor').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }).notNull(),
    files: integer('files').notNull(),
    refusedFiles: integer('refused_files').notNull(),
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
    truncated: boolean('truncated').notNull(),
    reportBytes: integer('report_bytes').notNull(),
  },
  (t) => [
    check('import_run_counts', sql`${t.files} >= 0 and ${t.refusedFiles} between 0 and ${t.files}`),
    check('import_run_times', sql`${t.finishedAt} >= ${t.startedAt}`),
  ],
);

export const changeAction = pgEnum('change_action', ['insert', 'update', 'delete']);

/**
 * The audit trail: one row per inserted, updated or deleted row of the graph, written by triggers
 * (src/db/sql/60-audit.sql), so no write path can forget it. `actor` and `operation` come from the transaction's
 * `modelgraph.actor` / `modelgraph.operation` settings; `entity_type`/`entity_id` name the entity the row
 * belongs to (a lineage edge belongs to its model), which is what `history` reads.
 */
export const change = pgTable(
  'change',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    transactionId: bigint('transaction_id', { mode: 'number' }).notNull(),
    actor: text('actor').notNull(),
    operation: text('operation').notNull(),
    tableName: text('table_name').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id'),
    action: changeAction('action').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('change_entity_idx').on(t.entityType, t.entityId, t.id),
    index('change_actor_idx').on(t.actor, t.id),
    index('change_transaction_idx').on(t.transactionId),
  ],
);
