/**
 * Source: the document a fact was read from. Provenance is data: every result, lineage edge, technique use,
 * developer credit and claim points at one, and a source lists everything it backs.
 */
import { sql } from 'drizzle-orm';
import { source } from '../../db/schema.ts';
import { builder } from '../builder.ts';
import { NotFoundError } from '../../errors.ts';
import { InputError } from '../errors.ts';
import { allOf, containsPattern, equals, inList, inRange, whereRaw } from '../filters.ts';
import { defineOrder } from '../ordering.ts';
import { connectionDescription } from '../pagination.ts';
import { SourceKindEnum } from './enums.ts';
import { historyField } from './change.ts';
import { entities } from '../../db/entities.ts';

export const SourceRef = builder.drizzleNode('source', {
  name: entities.source.typeName,
  description:
    'A document that facts in the graph were read from: a paper, model card, blog post, leaderboard or article.',
  id: { column: (s) => s.id },
  select: {},
  fields: (t) => ({
    history: historyField(t, 'source'),
    slug: t.exposeString('slug', { description: 'Stable handle of the source; use it in `Query.source`.' }),
    url: t.field({
      type: 'URL',
      nullable: true,
      description: 'Where the source can be read; null when it was not published online with a known address.',
      select: { columns: { url: true } },
      resolve: (s) => s.url,
    }),
    title: t.exposeString('title', { description: 'Title of the document.' }),
    publisher: t.exposeString('publisher', { nullable: true, description: 'Who published the document.' }),
    kind: t.expose('kind', { type: SourceKindEnum, description: 'What kind of document this is.' }),
    primary: t.exposeBoolean('primary', {
      description:
        'True for a primary source (the maker’s own paper, card, blog or repository), false for press and aggregators.',
    }),
    publishedOn: t.expose('publishedOn', {
      type: 'Date',
      nullable: true,
      description: 'Publication date, when known.',
    }),
    notes: t.exposeString('notes', { description: 'Remarks on the source (what was readable, caveats).' }),
    results: t.relatedConnection('results', {
      description: `Benchmark results this source reports. ${connectionDescription}`,
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
    }),
    claims: t.relatedConnection('claims', {
      description: `Claims this source makes, in the order it makes them. ${connectionDescription}`,
      totalCount: true,
      query: { orderBy: { ordinal: 'asc' } },
    }),
    lineage: t.relation('lineageEdges', {
      description: 'Lineage edges (model derived from base model) this source backs.',
      query: { orderBy: { id: 'asc' } },
    }),
    techniqueUses: t.relation('techniqueUses', {
      description: 'Uses of techniques by models that this source backs.',
      query: { orderBy: { id: 'asc' } },
    }),
    developerCredits: t.relation('developerAttributions', {
      description: 'Attributions of models to their developer organizations that this source backs.',
      query: { orderBy: { modelId: 'asc', position: 'asc', organizationId: 'asc' } },
    }),
    licenses: t.relation('licenses', {
      description: 'Licenses whose terms this source gives.',
      query: { orderBy: { slug: 'asc' } },
    }),
    organizations: t.relatedConnection('organizations', {
      description: `Organizations whose attributes this source backs. ${connectionDescription}`,
      totalCount: true,
      query: { orderBy: { slug: 'asc' } },
    }),
    models: t.relatedConnection('models', {
      description: `Models whose attributes this source backs. ${connectionDescription}`,
      totalCount: true,
      query: { orderBy: { slug: 'asc' } },
    }),
    datasets: t.relatedConnection('datasets', {
      description: `Datasets whose attributes this source backs. ${connectionDescription}`,
      totalCount: true,
      query: { orderBy: { slug: 'asc' } },
    }),
    techniques: t.relatedConnection('techniques', {
      description: `Techniques whose attributes this source backs. ${connectionDescription}`,
      totalCount: true,
      query: { orderBy: { slug: 'asc' } },
    }),
    introducedTechniques: t.relation('introducedTechniques', {
      description: 'Techniques this source (a paper) introduced.',
      query: { orderBy: { slug: 'asc' } },
    }),
    datasetPapers: t.relation('datasetPapers', {
      description: 'Datasets this source (a paper) introduced.',
      query: { orderBy: { slug: 'asc' } },
    }),
  }),
});

const SourceFilter = builder.inputType('SourceFilter', {
  description: 'Conditions on sources; all given conditions must hold.',
  fields: (t) => ({
    kind: t.field({ type: [SourceKindEnum], description: 'Only sources of these kinds.' }),
    primary: t.boolean({ description: 'Only primary (true) or only secondary (false) sources.' }),
    text: t.string({ description: 'Case-insensitive substring of the title, publisher, URL or slug.' }),
    publishedFrom: t.field({ type: 'Date', description: 'Only sources published on or after this date.' }),
    publishedTo: t.field({ type: 'Date', description: 'Only sources published on or before this date.' }),
  }),
});

const sourceOrder = defineOrder(
  'Source',
  'sources',
  {
    SLUG: { key: 'slug', description: 'By slug.' },
    TITLE: { key: 'title', description: 'By title.' },
    PUBLISHED_ON: { key: 'publishedOnKey', description: 'By publication date; undated sources sort first.' },
  },
  'slug',
);

type SourceFilterInput = typeof SourceFilter.$inferInput;

function sourceCondition(s: typeof source, filter: SourceFilterInput | null | undefined) {
  if (!filter) return undefined;
  let text;
  if (filter.text != null) {
    if (filter.text.trim() === '') throw new InputError('"text" must not be empty.', 'filter.text');
    const pattern = containsPattern(filter.text.trim());
    text = sql`(${s.title} ilike ${pattern} or ${s.publisher} ilike ${pattern} or ${s.url} ilike ${pattern} or ${s.slug} ilike ${pattern})`;
  }
  return allOf(
    inList(s.kind, filter.kind, 'filter.kind'),
    equals(s.primary, filter.primary),
    inRange(s.publishedOn, filter.publishedFrom, filter.publishedTo, 'filter.publishedFrom'),
    text,
  );
}

/** Undated sources sort as the oldest: a null would stop keyset paging. */
const sourceSortKeys = {
  publishedOnKey: (s: typeof source) => sql<string>`coalesce(${s.publishedOn}, '0001-01-01'::date)`,
};

builder.queryFields((t) => ({
  source: t.drizzleField({
    type: 'source',
    nullable: true,
    description: 'One source, by slug or by URL (give exactly one). Errors with NOT_FOUND when none matches.',
    args: {
      slug: t.arg.string({ description: 'The source’s slug.' }),
      url: t.arg({ type: 'URL', description: 'The source’s URL, exactly as stored.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      if ((args.slug == null) === (args.url == null)) {
        throw new InputError('Give exactly one of "slug" and "url".', args.slug == null ? 'slug' : 'url');
      }
      const where = args.slug != null ? { slug: args.slug } : { url: String(args.url) };
      const found = await ctx.db.query.source.findFirst(query({ where }));
      if (!found) throw new NotFoundError('Source', args.slug != null ? 'slug' : 'url', String(args.slug ?? args.url));
      return found;
    },
  }),
  sources: t.drizzleConnection({
    type: 'source',
    description: `Sources, filtered and sorted. ${connectionDescription}`,
    args: {
      filter: t.arg({ type: SourceFilter, description: 'Only sources matching these conditions.' }),
      orderBy: t.arg({ type: sourceOrder.input, description: 'Sort order; by slug ascending when omitted.' }),
    },
    totalCount: (_root, args, ctx) => ctx.db.$count(source, sourceCondition(source, args.filter)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.source.findMany(
        query({
          where: whereRaw((s: typeof source) => sourceCondition(s, args.filter)),
          extras: sourceSortKeys,
          orderBy: sourceOrder.orderBy(args.orderBy),
        }),
      ),
  }),
}));
