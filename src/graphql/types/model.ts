/**
 * Model: an AI model (or a released checkpoint of one), with its developers, size, license, training compute,
 * lineage, training techniques and benchmark results.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
  benchmarkResult,
  dataset,
  license,
  metric,
  model,
  modelDeveloper,
  modelExternalId,
  modelLineage,
  language,
  modelLanguage,
  modelTask,
  modelTechnique,
  organization,
  technique,
} from '../../db/schema.ts';
import { builder } from '../builder.ts';
import { NotFoundError } from '../../errors.ts';
import {
  allOf,
  equals,
  inList,
  inRange,
  overlapsAny,
  referencesSlug,
  slugIn,
  textMatches,
  whereRaw,
} from '../filters.ts';
import { defineOrder } from '../ordering.ts';
import { connectionDescription } from '../pagination.ts';
import {
  AccessChannelEnum,
  ArchitectureKindEnum,
  ExternalIdNamespaceEnum,
  LicenseCategoryEnum,
  ModalityEnum,
} from './enums.ts';
import { TaskEnum } from './task.ts';
import { OrganizationRef } from './organization.ts';
import { entityFields } from './shared.ts';
import { historyField } from './change.ts';
import { entities } from '../../db/entities.ts';

const TrainingCompute = builder
  .objectRef<{
    gpuCount: number | null;
    gpuType: string | null;
    gpuHours: number | null;
    tokens: number | null;
    notes: string | null;
  }>('TrainingCompute')
  .implement({
    description: 'What training a model took, as far as the sources say.',
    fields: (t) => ({
      gpuCount: t.exposeInt('gpuCount', { nullable: true, description: 'Number of GPUs used for training.' }),
      gpuType: t.exposeString('gpuType', {
        nullable: true,
        description: 'GPU model used for training, e.g. "H100-80GB".',
      }),
      gpuHours: t.expose('gpuHours', { type: 'SafeInt', nullable: true, description: 'Total GPU hours of training.' }),
      tokens: t.expose('tokens', { type: 'SafeInt', nullable: true, description: 'Number of training tokens.' }),
      notes: t.exposeString('notes', { nullable: true, description: 'Further detail on the training setup.' }),
    }),
  });

builder.drizzleObject('modelDeveloper', {
  name: 'DeveloperCredit',
  description: 'The attribution of a model to one of its developer organizations, with its source.',
  select: {},
  fields: (t) => ({
    organization: t.relation('organization', { description: 'The developer organization.' }),
    model: t.relation('model', { description: 'The model developed.' }),
    position: t.exposeInt('position', { description: 'Order of the credit: 0 is the lead developer.' }),
    source: t.relation('source', { description: 'Source that attributes the model to the organization.' }),
  }),
});

builder.drizzleObject('modelExternalId', {
  name: 'ExternalId',
  description: 'An identifier of a model in another system, such as its Hugging Face repository.',
  select: {},
  fields: (t) => ({
    namespace: t.expose('namespace', {
      type: ExternalIdNamespaceEnum,
      description: 'The system that issued the identifier.',
    }),
    value: t.exposeString('value', { description: 'The identifier, e.g. "allenai/Llama-3.1-Tulu-3-405B".' }),
  }),
});

const ModelResultsFilter = builder.inputType('ModelResultsFilter', {
  description: 'Conditions on a model’s benchmark results.',
  fields: (t) => ({
    dataset: t.stringList({ description: 'Only results on these datasets (slugs).' }),
    metric: t.stringList({ description: 'Only results in these metrics (slugs).' }),
  }),
});

/** Conditions of `Model.results`' filter (shared with the compiled query path, src/graphql/compiled/). */
export function modelResultsCondition(
  r: typeof benchmarkResult,
  filter: { dataset?: readonly string[] | null; metric?: readonly string[] | null } | null | undefined,
) {
  return allOf(
    referencesSlug(r.datasetId, dataset, filter?.dataset, 'filter.dataset'),
    referencesSlug(r.metricId, metric, filter?.metric, 'filter.metric'),
  );
}

/** Orders of the model's list relations (shared with the compiled query path, src/graphql/compiled/). */
export const MODEL_LIST_ORDERS = {
  developers: { position: 'asc', organizationId: 'asc' },
  externalIds: { namespace: 'asc', value: 'asc' },
  lineage: { id: 'asc' },
  techniques: { stage: 'asc', id: 'asc' },
  languages: { languageId: 'asc', sourceId: 'asc' },
} as const;

/** Order of `Model.results`: by benchmark, then as stored. */
export const MODEL_RESULTS_ORDER = { datasetId: 'asc', id: 'asc' } as const;

export const ModelRef = builder.drizzleNode('model', {
  name: entities.model.typeName,
  description: 'An AI model or a released checkpoint of one.',
  id: { column: (m) => m.id },
  select: {},
  fields: (t) => ({
    history: historyField(t, 'model'),
    ...entityFields(t, 'model'),
    organization: t.field({
      type: OrganizationRef,
      nullable: true,
      description: 'The lead developer organization (the first of `developers`).',
      select: (_args, _ctx, nestedSelection) => ({
        with: {
          // Same arguments as the `developers` field, so both share one loaded relation.
          developers: {
            orderBy: MODEL_LIST_ORDERS.developers,
            with: { organization: nestedSelection({}) },
          },
        },
      }),
      resolve: (m) => m.developers[0]?.organization ?? null,
    }),
    organizations: t.relation('organizations', {
      description: 'All developer organizations.',
      query: { orderBy: { slug: 'asc' } },
    }),
    developers: t.relation('developers', {
      description: 'Developer credits, lead first, each with the source that gives it.',
      query: { orderBy: MODEL_LIST_ORDERS.developers },
    }),
    architecture: t.expose('architecture', {
      type: ArchitectureKindEnum,
      nullable: true,
      description: 'Dense or mixture of experts; null when undisclosed.',
    }),
    architectureDetails: t.exposeString('architectureDetails', {
      nullable: true,
      description: 'Architecture in more detail.',
    }),
    parameterCount: t.expose('parameterCount', {
      type: 'SafeInt',
      nullable: true,
      description: 'Total number of parameters (405B is 405000000000); null when undisclosed.',
    }),
    activeParameterCount: t.expose('activeParameterCount', {
      type: 'SafeInt',
      nullable: true,
      description: 'Parameters active per token (mixture-of-experts models); null when not applicable or undisclosed.',
    }),
    contextLength: t.exposeInt('contextLength', { nullable: true, description: 'Context window in tokens.' }),
    releaseDate: t.expose('releaseDate', { type: 'Date', nullable: true, description: 'Public release date.' }),
    license: t.relation('license', { nullable: true, description: 'License of the weights (or the terms of access).' }),
    licenseNotes: t.exposeString('licenseNotes', { nullable: true, description: 'Remarks on the license terms.' }),
    openWeights: t.exposeBoolean('openWeights', { description: 'Whether the weights can be downloaded.' }),
    access: t.field({
      type: [AccessChannelEnum],
      description: 'How the model can be used: API, chat app, downloadable weights.',
      select: { columns: { access: true } },
      resolve: (m) => m.access,
    }),
    trainingCompute: t.field({
      type: TrainingCompute,
      nullable: true,
      description: 'Training compute facts; null when the sources give none.',
      select: {
        columns: {
          trainingGpuCount: true,
          trainingGpuType: true,
          trainingGpuHours: true,
          trainingTokens: true,
          trainingComputeNotes: true,
        },
      },
      resolve: (m) => {
        const compute = {
          gpuCount: m.trainingGpuCount,
          gpuType: m.trainingGpuType,
          gpuHours: m.trainingGpuHours,
          tokens: m.trainingTokens,
          notes: m.trainingComputeNotes,
        };
        return Object.values(compute).every((value) => value === null) ? null : compute;
      },
    }),
    externalIds: t.relation('externalIds', {
      description: 'Identifiers of the model in other systems.',
      query: { orderBy: MODEL_LIST_ORDERS.externalIds },
    }),
    huggingfaceId: t.string({
      nullable: true,
      description: 'The Hugging Face repository id, when the model has one.',
      // A subquery, not the `externalIds` relation: selecting that relation twice with different arguments
      // would cost a second statement when both fields are asked for.
      select: {
        extras: {
          huggingfaceId: (m) =>
            sql<
              string | null
            >`(select ${modelExternalId.value} from ${modelExternalId} where ${modelExternalId.modelId} = ${m.id} and ${modelExternalId.namespace} = 'huggingface' order by ${modelExternalId.id} limit 1)`,
        },
      },
      resolve: (m) => m.huggingfaceId,
    }),
    baseModels: t.relation('baseModelEdges', {
      description: 'Lineage edges to the models this one was derived from (its parents), with the kind of derivation.',
      query: { orderBy: MODEL_LIST_ORDERS.lineage },
    }),
    derivatives: t.relation('derivativeEdges', {
      description: 'Lineage edges to the models derived from this one (its children).',
      query: { orderBy: MODEL_LIST_ORDERS.lineage },
    }),
    techniques: t.relation('techniqueUses', {
      description:
        'Techniques used to build the model, in training-stage order (SFT -> DPO -> RLVR); techniques that are not a stage (architecture) come last.',
      query: { orderBy: MODEL_LIST_ORDERS.techniques },
    }),
    languages: t.relation('languageLinks', {
      description:
        'Languages the model is trained for or supports, each with the source that says so (a language named by two sources is listed twice).',
      query: { orderBy: MODEL_LIST_ORDERS.languages },
    }),
    task: t.relation('task', {
      nullable: true,
      description:
        'The model’s primary task and its input and output modalities, with their source; null when unknown.',
    }),
    results: t.relatedConnection('results', {
      description: `Benchmark results of this model, all sources and settings. ${connectionDescription}`,
      args: { filter: t.arg({ type: ModelResultsFilter, description: 'Only results matching these conditions.' }) },
      totalCount: true,
      query: (args) => ({
        where: whereRaw((r: typeof benchmarkResult) => modelResultsCondition(r, args.filter)),
        orderBy: MODEL_RESULTS_ORDER,
      }),
    }),
    claimsAbout: t.relation('claims', {
      description: 'Claims whose subject is this model.',
      query: { orderBy: { id: 'asc' } },
    }),
    sources: t.relation('sources', {
      description: 'Sources that back this model’s attributes.',
      query: { orderBy: { slug: 'asc' } },
    }),
  }),
});

export const ModelFilter = builder.inputType('ModelFilter', {
  description: 'Conditions on models; all given conditions must hold.',
  fields: (t) => ({
    organization: t.stringList({ description: 'Only models developed by one of these organizations (slugs).' }),
    technique: t.stringList({ description: 'Only models built with at least one of these techniques (slugs).' }),
    architecture: t.field({
      type: [ArchitectureKindEnum],
      description: 'Only models with one of these architectures.',
    }),
    openWeights: t.boolean({ description: 'Only models with (true) or without (false) downloadable weights.' }),
    license: t.stringList({ description: 'Only models under one of these licenses (slugs).' }),
    licenseCategory: t.field({
      type: [LicenseCategoryEnum],
      description: 'Only models whose license is in one of these categories.',
    }),
    minParameters: t.field({ type: 'SafeInt', description: 'Only models with at least this many parameters (total).' }),
    maxParameters: t.field({ type: 'SafeInt', description: 'Only models with at most this many parameters (total).' }),
    releasedFrom: t.field({ type: 'Date', description: 'Only models released on or after this date.' }),
    releasedTo: t.field({ type: 'Date', description: 'Only models released on or before this date.' }),
    derivedFrom: t.stringList({ description: 'Only models directly derived from one of these models (slugs).' }),
    language: t.stringList({
      description: 'Only models that one of their sources says support one of these languages (slugs, e.g. "ja").',
    }),
    task: t.field({ type: [TaskEnum], description: 'Only models whose primary task is one of these.' }),
    modality: t.field({
      type: [ModalityEnum],
      description: 'Only models that take in or give out one of these modalities.',
    }),
    inputModality: t.field({
      type: [ModalityEnum],
      description: 'Only models that take in one of these modalities (IMAGE: vision-language models among others).',
    }),
    outputModality: t.field({
      type: [ModalityEnum],
      description: 'Only models that give out one of these modalities (EMBEDDING: embedding models).',
    }),
    text: t.string({ description: 'Case-insensitive substring of the name, slug or an alias.' }),
  }),
});

export const modelOrder = defineOrder(
  'Model',
  'models',
  {
    SLUG: { key: 'slug', description: 'By slug.' },
    NAME: { key: 'name', description: 'By name.' },
    RELEASE_DATE: { key: 'releaseDateKey', description: 'By release date; undated models sort first.' },
    PARAMETER_COUNT: { key: 'parameterCountKey', description: 'By total parameters; undisclosed sizes sort first.' },
  },
  'slug',
);

export function modelCondition(m: typeof model, filter: typeof ModelFilter.$inferInput | null | undefined) {
  if (!filter) return undefined;
  const organizationSlugs = slugIn(organization, filter.organization, 'filter.organization');
  const techniqueSlugs = slugIn(technique, filter.technique, 'filter.technique');
  const derivedFrom = referencesSlug(modelLineage.baseModelId, model, filter.derivedFrom, 'filter.derivedFrom');
  const languageSlugs = slugIn(language, filter.language, 'filter.language');
  const hasTask = (condition: SQL | undefined) =>
    condition && sql`exists (select 1 from ${modelTask} where ${modelTask.modelId} = ${m.id} and ${condition})`;
  const overlaps = (column: PgColumn, values: readonly string[] | null | undefined, argument: string) =>
    overlapsAny(column, values, argument, 'modality');
  return allOf(
    languageSlugs &&
      sql`exists (select 1 from ${modelLanguage} join ${language} on ${language.id} = ${modelLanguage.languageId} where ${modelLanguage.modelId} = ${m.id} and ${languageSlugs})`,
    hasTask(inList(modelTask.task, filter.task, 'filter.task')),
    hasTask(
      filter.modality
        ? sql`(${overlaps(modelTask.inputModalities, filter.modality, 'filter.modality')} or ${overlaps(modelTask.outputModalities, filter.modality, 'filter.modality')})`
        : undefined,
    ),
    hasTask(overlaps(modelTask.inputModalities, filter.inputModality, 'filter.inputModality')),
    hasTask(overlaps(modelTask.outputModalities, filter.outputModality, 'filter.outputModality')),
    organizationSlugs &&
      sql`exists (select 1 from ${modelDeveloper} join ${organization} on ${organization.id} = ${modelDeveloper.organizationId} where ${modelDeveloper.modelId} = ${m.id} and ${organizationSlugs})`,
    techniqueSlugs &&
      sql`exists (select 1 from ${modelTechnique} join ${technique} on ${technique.id} = ${modelTechnique.techniqueId} where ${modelTechnique.modelId} = ${m.id} and ${techniqueSlugs})`,
    derivedFrom &&
      sql`exists (select 1 from ${modelLineage} where ${modelLineage.modelId} = ${m.id} and ${derivedFrom})`,
    inList(m.architecture, filter.architecture, 'filter.architecture'),
    equals(m.openWeights, filter.openWeights),
    referencesSlug(m.licenseId, license, filter.license, 'filter.license'),
    filter.licenseCategory
      ? sql`${m.licenseId} in (select ${license.id} from ${license} where ${inList(license.category, filter.licenseCategory, 'filter.licenseCategory')})`
      : undefined,
    inRange(m.parameterCount, filter.minParameters, filter.maxParameters, 'filter.minParameters'),
    inRange(m.releaseDate, filter.releasedFrom, filter.releasedTo, 'filter.releasedFrom'),
    textMatches(m, filter.text),
  );
}

/** Sort keys for nullable columns: a null would stop keyset paging, so it sorts as the smallest value. */
export const modelSortKeys = {
  releaseDateKey: (m: typeof model) => sql<string>`coalesce(${m.releaseDate}, '0001-01-01'::date)`,
  parameterCountKey: (m: typeof model) => sql<number>`coalesce(${m.parameterCount}, 0)`,
};

builder.queryFields((t) => ({
  model: t.drizzleField({
    type: 'model',
    nullable: true,
    description: 'One model by slug. Errors with NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The model’s slug, e.g. "tulu-3-405b".' }) },
    resolve: async (query, _root, { slug }, ctx) =>
      (await ctx.db.query.model.findFirst(query({ where: { slug } }))) ??
      Promise.reject(new NotFoundError('Model', 'slug', slug)),
  }),
  models: t.drizzleConnection({
    type: 'model',
    description: `Models, filtered and sorted. ${connectionDescription}`,
    args: {
      filter: t.arg({ type: ModelFilter, description: 'Only models matching these conditions.' }),
      orderBy: t.arg({ type: modelOrder.input, description: 'Sort order; by slug ascending when omitted.' }),
    },
    totalCount: (_root, args, ctx) => ctx.db.$count(model, modelCondition(model, args.filter)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.model.findMany(
        query({
          where: whereRaw((m: typeof model) => modelCondition(m, args.filter)),
          extras: modelSortKeys,
          orderBy: modelOrder.orderBy(args.orderBy),
        }),
      ),
  }),
}));
