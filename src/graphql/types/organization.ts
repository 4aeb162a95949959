/**
 * Organization: a company, nonprofit, university... that develops models, creates datasets or runs evaluations.
 */
import { sql } from 'drizzle-orm';
import { modelDeveloper, modelTechnique, organization, technique } from '../../db/schema.ts';
import { builder } from '../builder.ts';
import { NotFoundError } from '../../errors.ts';
import { allOf, inList, slugIn, textMatches, whereRaw } from '../filters.ts';
import { defineOrder } from '../ordering.ts';
import { connectionDescription } from '../pagination.ts';
import { OrganizationKindEnum } from './enums.ts';
import { entityFields } from './shared.ts';
import { historyField } from './change.ts';
import { entities } from '../../db/entities.ts';

/** Order of `Organization.models`, newest first (shared with the compiled query path). */
export const ORGANIZATION_MODELS_ORDER = { releaseDateKey: 'desc' } as const;

export const OrganizationRef = builder.drizzleNode('organization', {
  name: entities.organization.typeName,
  description:
    'A company, nonprofit, university or other body that develops models, creates datasets or evaluates them.',
  id: { column: (o) => o.id },
  select: {},
  fields: (t) => ({
    history: historyField(t, 'organization'),
    ...entityFields(t, 'organization'),
    kind: t.expose('kind', { type: OrganizationKindEnum, description: 'What kind of body this is.' }),
    country: t.expose('country', {
      type: 'CountryCode',
      nullable: true,
      description: 'Country of the headquarters (ISO 3166-1 alpha-2).',
    }),
    headquarters: t.exposeString('headquarters', {
      nullable: true,
      description: 'City (and area) of the headquarters.',
    }),
    website: t.field({
      type: 'URL',
      nullable: true,
      description: 'Main website.',
      select: { columns: { website: true } },
      resolve: (o) => o.website,
    }),
    foundedYear: t.exposeInt('foundedYear', { nullable: true, description: 'Year the organization was founded.' }),
    models: t.relatedConnection('models', {
      description: `Models this organization developed (alone or with others), by release date, newest first. ${connectionDescription}`,
      totalCount: true,
      query: {
        extras: { releaseDateKey: (m) => sql<string>`coalesce(${m.releaseDate}, '0001-01-01'::date)` },
        orderBy: ORGANIZATION_MODELS_ORDER,
      },
    }),
    modelCount: t.relatedCount('models', { description: 'Number of models this organization developed.' }),
    evaluatedResults: t.relatedConnection('evaluatedResults', {
      description: `Benchmark results this organization measured (for its own models or others’). ${connectionDescription}`,
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
    }),
    datasets: t.relation('datasets', {
      description: 'Datasets and benchmarks this organization created.',
      query: { orderBy: { slug: 'asc' } },
    }),
    claimsAbout: t.relation('claims', {
      description: 'Claims whose subject is this organization.',
      query: { orderBy: { id: 'asc' } },
    }),
    sources: t.relation('sources', {
      description: 'Sources that back this organization’s attributes.',
      query: { orderBy: { slug: 'asc' } },
    }),
  }),
});

const OrganizationFilter = builder.inputType('OrganizationFilter', {
  description: 'Conditions on organizations; all given conditions must hold.',
  fields: (t) => ({
    kind: t.field({ type: [OrganizationKindEnum], description: 'Only organizations of these kinds.' }),
    country: t.field({ type: ['CountryCode'], description: 'Only organizations headquartered in these countries.' }),
    text: t.string({ description: 'Case-insensitive substring of the name, slug or an alias.' }),
    usesTechnique: t.stringList({
      description: 'Only organizations that developed a model trained or built with one of these techniques (slugs).',
    }),
  }),
});

export const organizationOrder = defineOrder(
  'Organization',
  'organizations',
  {
    SLUG: { key: 'slug', description: 'By slug.' },
    NAME: { key: 'name', description: 'By name.' },
    FOUNDED_YEAR: { key: 'foundedYearKey', description: 'By founding year; unknown years sort first.' },
  },
  'slug',
);

export function organizationCondition(
  o: typeof organization,
  filter: typeof OrganizationFilter.$inferInput | null | undefined,
) {
  if (!filter) return undefined;
  const techniqueSlugs = slugIn(technique, filter.usesTechnique, 'filter.usesTechnique');
  return allOf(
    inList(o.kind, filter.kind, 'filter.kind'),
    // CountryCode accepts "us"; the column holds "US".
    inList(
      o.country,
      filter.country?.map((code) => code.toUpperCase()),
      'filter.country',
    ),
    textMatches(o, filter.text),
    techniqueSlugs &&
      sql`exists (select 1 from ${modelDeveloper} join ${modelTechnique} on ${modelTechnique.modelId} = ${modelDeveloper.modelId} join ${technique} on ${technique.id} = ${modelTechnique.techniqueId} where ${modelDeveloper.organizationId} = ${o.id} and ${techniqueSlugs})`,
  );
}

/** Unknown founding years sort first: a null would stop keyset paging. */
export const organizationSortKeys = {
  foundedYearKey: (o: typeof organization) => sql<number>`coalesce(${o.foundedYear}, 0)`,
};

builder.queryFields((t) => ({
  organization: t.drizzleField({
    type: 'organization',
    nullable: true,
    description: 'One organization by slug. Errors with NOT_FOUND when there is none.',
    args: {
      slug: t.arg.string({ required: true, description: 'The organization’s slug, e.g. "allen-institute-for-ai".' }),
    },
    resolve: async (query, _root, { slug }, ctx) =>
      (await ctx.db.query.organization.findFirst(query({ where: { slug } }))) ??
      Promise.reject(new NotFoundError('Organization', 'slug', slug)),
  }),
  organizations: t.drizzleConnection({
    type: 'organization',
    description: `Organizations, filtered and sorted. ${connectionDescription}`,
    args: {
      filter: t.arg({ type: OrganizationFilter, description: 'Only organizations matching these conditions.' }),
      orderBy: t.arg({ type: organizationOrder.input, description: 'Sort order; by slug ascending when omitted.' }),
    },
    totalCount: (_root, args, ctx) => ctx.db.$count(organization, organizationCondition(organization, args.filter)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.organization.findMany(
        query({
          where: whereRaw((o: typeof organization) => organizationCondition(o, args.filter)),
          extras: organizationSortKeys,
          orderBy: organizationOrder.orderBy(args.orderBy),
        }),
      ),
  }),
}));
