/**
 * Dataset: a benchmark, training data, or both.
 */
import { sql } from 'drizzle-orm';
import { benchmarkResult, dataset, datasetCreator, metric, model, organization } from '../../db/schema.ts';
import { builder } from '../builder.ts';
import { NotFoundError } from '../../errors.ts';
import { allOf, equals, inList, referencesSlug, slugIn, textMatches, whereRaw } from '../filters.ts';
import { defineOrder } from '../ordering.ts';
import { connectionDescription } from '../pagination.ts';
import { DatasetDomainEnum } from './enums.ts';
import { entityFields } from './shared.ts';
import { historyField } from './change.ts';
import { entities } from '../../db/entities.ts';

const DatasetResultsFilter = builder.inputType('DatasetResultsFilter', {
  description: 'Conditions on a dataset’s benchmark results.',
  fields: (t) => ({
    model: t.stringList({ description: 'Only results of these models (slugs).' }),
    metric: t.stringList({ description: 'Only results in these metrics (slugs).' }),
  }),
});

export const DatasetRef = builder.drizzleNode('dataset', {
  name: entities.dataset.typeName,
  description: 'A benchmark, a training dataset, or both.',
  id: { column: (d) => d.id },
  select: {},
  fields: (t) => ({
    history: historyField(t, 'dataset'),
    ...entityFields(t, 'dataset'),
    benchmark: t.exposeBoolean('benchmark', { description: 'Whether the dataset is used to evaluate models.' }),
    trainingData: t.exposeBoolean('trainingData', { description: 'Whether the dataset is used to train models.' }),
    domains: t.field({
      type: [DatasetDomainEnum],
      description: 'Subject areas the dataset covers.',
      select: { columns: { domains: true } },
      resolve: (d) => d.domains,
    }),
    size: t.exposeString('size', { nullable: true, description: 'Size as the sources state it (splits, counts).' }),
    exampleCount: t.exposeInt('exampleCount', {
      nullable: true,
      description: 'Number of examples, where a single total is known.',
    }),
    defaultMetric: t.relation('defaultMetric', {
      nullable: true,
      description: 'The metric the dataset is usually scored in.',
    }),
    defaultSetting: t.exposeString('defaultSetting', {
      nullable: true,
      description: 'The evaluation setting usually used (shots, chain of thought...).',
    }),
    license: t.relation('license', { nullable: true, description: 'License of the data.' }),
    licenseNotes: t.exposeString('licenseNotes', {
      nullable: true,
      description: 'Remarks on licensing (code vs data...).',
    }),
    creators: t.exposeString('creators', { nullable: true, description: 'Authors or teams that created the dataset.' }),
    creatorOrganizations: t.relation('creatorOrganizations', {
      description: 'Organizations credited with the dataset.',
      query: { orderBy: { slug: 'asc' } },
    }),
    introducedYear: t.exposeInt('introducedYear', { nullable: true, description: 'Year the dataset was introduced.' }),
    paper: t.relation('paper', { nullable: true, description: 'The paper that introduced the dataset.' }),
    parent: t.relation('parent', {
      nullable: true,
      description: 'The dataset this one is a subset or revision of (MATH-500 of MATH).',
    }),
    subsets: t.relation('subsets', {
      description: 'Datasets that are subsets or revisions of this one.',
      query: { orderBy: { slug: 'asc' } },
    }),
    huggingfaceId: t.exposeString('huggingfaceId', {
      nullable: true,
      description: 'Hugging Face dataset repository id.',
    }),
    homepage: t.field({
      type: 'URL',
      nullable: true,
      description: 'Home page or repository of the dataset.',
      select: { columns: { homepage: true } },
      resolve: (d) => d.homepage,
    }),
    results: t.relatedConnection('results', {
      description: `Benchmark results on this dataset, grouped by metric, best first (highest, or lowest where lower is better). Results are comparable only within the same metric and setting. ${connectionDescription}`,
      args: { filter: t.arg({ type: DatasetResultsFilter, description: 'Only results matching these conditions.' }) },
      totalCount: true,
      query: (args) => ({
        where: whereRaw((r: typeof benchmarkResult) =>
          allOf(
            referencesSlug(r.modelId, model, args.filter?.model, 'filter.model'),
            referencesSlug(r.metricId, metric, args.filter?.metric, 'filter.metric'),
          ),
        ),
        // Best first within each metric: a higher value for most metrics, a lower one for bits per byte.
        extras: {
          rankKey: (r) =>
            sql<number>`case when (select ${metric.higherIsBetter} from ${metric} where ${metric.id} = ${r.metricId}) then -${r.value} else ${r.value} end`,
        },
        orderBy: { metricId: 'asc', rankKey: 'asc' },
      }),
    }),
    trainingUses: t.relation('trainingUses', {
      description: 'Training stages of models that used this dataset.',
      query: { orderBy: { id: 'asc' } },
    }),
    sources: t.relation('sources', {
      description: 'Sources that back this dataset’s attributes.',
      query: { orderBy: { slug: 'asc' } },
    }),
  }),
});

const DatasetFilter = builder.inputType('DatasetFilter', {
  description: 'Conditions on datasets; all given conditions must hold.',
  fields: (t) => ({
    domain: t.field({
      type: [DatasetDomainEnum],
      description: 'Only datasets covering at least one of these domains.',
    }),
    benchmark: t.boolean({ description: 'Only benchmarks (true) or only non-benchmarks (false).' }),
    trainingData: t.boolean({ description: 'Only training datasets (true) or only the others (false).' }),
    creator: t.stringList({ description: 'Only datasets created by one of these organizations (slugs).' }),
    text: t.string({ description: 'Case-insensitive substring of the name, slug or an alias.' }),
  }),
});

const datasetOrder = defineOrder(
  'Dataset',
  'datasets',
  {
    SLUG: { key: 'slug', description: 'By slug.' },
    NAME: { key: 'name', description: 'By name.' },
    INTRODUCED_YEAR: { key: 'introducedYearKey', description: 'By year of introduction; unknown years sort first.' },
  },
  'slug',
);

function datasetCondition(d: typeof dataset, filter: typeof DatasetFilter.$inferInput | null | undefined) {
  if (!filter) return undefined;
  const creatorSlugs = slugIn(organization, filter.creator, 'filter.creator');
  const domains = inList(sql`domain`, filter.domain, 'filter.domain');
  return allOf(
    domains && sql`exists (select 1 from unnest(${d.domains}) as domain where ${domains})`,
    equals(d.benchmark, filter.benchmark),
    equals(d.trainingData, filter.trainingData),
    creatorSlugs &&
      sql`exists (select 1 from ${datasetCreator} join ${organization} on ${organization.id} = ${datasetCreator.organizationId} where ${datasetCreator.datasetId} = ${d.id} and ${creatorSlugs})`,
    textMatches(d, filter.text),
  );
}

/** Unknown years sort first: a null would stop keyset paging. */
const datasetSortKeys = {
  introducedYearKey: (d: typeof dataset) => sql<number>`coalesce(${d.introducedYear}, 0)`,
};

builder.queryFields((t) => ({
  dataset: t.drizzleField({
    type: 'dataset',
    nullable: true,
    description: 'One dataset or benchmark by slug. Errors with NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The dataset’s slug, e.g. "gsm8k".' }) },
    resolve: async (query, _root, { slug }, ctx) =>
      (await ctx.db.query.dataset.findFirst(query({ where: { slug } }))) ??
      Promise.reject(new NotFoundError('Dataset', 'slug', slug)),
  }),
  datasets: t.drizzleConnection({
    type: 'dataset',
    description: `Datasets and benchmarks, filtered and sorted. ${connectionDescription}`,
    args: {
      filter: t.arg({ type: DatasetFilter, description: 'Only datasets matching these conditions.' }),
      orderBy: t.arg({ type: datasetOrder.input, description: 'Sort order; by slug ascending when omitted.' }),
    },
    totalCount: (_root, args, ctx) => ctx.db.$count(dataset, datasetCondition(dataset, args.filter)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.dataset.findMany(
        query({
          where: whereRaw((d: typeof dataset) => datasetCondition(d, args.filter)),
          extras: datasetSortKeys,
          orderBy: datasetOrder.orderBy(args.orderBy),
        }),
      ),
  }),
}));
