/**
 * Technique: a method used to build models (SFT, DPO, RLVR, MoE...), with the paper that introduced it.
 */
import { sql } from 'drizzle-orm';
import { technique } from '../../db/schema.ts';
import { builder } from '../builder.ts';
import { NotFoundError } from '../../errors.ts';
import { allOf, inList, textMatches, whereRaw } from '../filters.ts';
import { defineOrder } from '../ordering.ts';
import { connectionDescription } from '../pagination.ts';
import { TechniqueKindEnum } from './enums.ts';
import { entityFields } from './shared.ts';
import { historyField } from './change.ts';
import { entities } from '../../db/entities.ts';

builder.drizzleNode('technique', {
  name: entities.technique.typeName,
  description:
    'A method used to build models: a training stage (SFT, DPO, RLVR), an architecture (MoE, MLA), a data method...',
  id: { column: (x) => x.id },
  select: {},
  fields: (t) => ({
    history: historyField(t, 'technique'),
    ...entityFields(t, 'technique'),
    kind: t.expose('kind', {
      type: TechniqueKindEnum,
      description: 'Which part of model building the technique belongs to.',
    }),
    introducedYear: t.exposeInt('introducedYear', {
      nullable: true,
      description: 'Year the technique was introduced.',
    }),
    introducedBy: t.relation('introducedBy', {
      nullable: true,
      description: 'The paper that introduced the technique.',
    }),
    parent: t.relation('parent', {
      nullable: true,
      description: 'The more general technique this one specializes (GRPO specializes PPO).',
    }),
    specializations: t.relation('specializations', {
      description: 'Techniques that specialize this one.',
      query: { orderBy: { slug: 'asc' } },
    }),
    uses: t.relatedConnection('uses', {
      description: `Uses of this technique by models, with stage, details and source. ${connectionDescription}`,
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
    }),
    models: t.relatedConnection('models', {
      description: `Models built with this technique. ${connectionDescription}`,
      totalCount: true,
      query: { orderBy: { slug: 'asc' } },
    }),
    modelCount: t.relatedCount('models', { description: 'Number of models built with this technique.' }),
    sources: t.relation('sources', {
      description: 'Sources that back this technique’s attributes.',
      query: { orderBy: { slug: 'asc' } },
    }),
  }),
});

const TechniqueFilter = builder.inputType('TechniqueFilter', {
  description: 'Conditions on techniques; all given conditions must hold.',
  fields: (t) => ({
    kind: t.field({ type: [TechniqueKindEnum], description: 'Only techniques of these kinds.' }),
    text: t.string({ description: 'Case-insensitive substring of the name, slug or an alias.' }),
  }),
});

const techniqueOrder = defineOrder(
  'Technique',
  'techniques',
  {
    SLUG: { key: 'slug', description: 'By slug.' },
    NAME: { key: 'name', description: 'By name.' },
    INTRODUCED_YEAR: { key: 'introducedYearKey', description: 'By year of introduction; unknown years sort first.' },
  },
  'slug',
);

function techniqueCondition(x: typeof technique, filter: typeof TechniqueFilter.$inferInput | null | undefined) {
  if (!filter) return undefined;
  return allOf(inList(x.kind, filter.kind, 'filter.kind'), textMatches(x, filter.text));
}

/** Unknown years sort first: a null would stop keyset paging. */
const techniqueSortKeys = {
  introducedYearKey: (x: typeof technique) => sql<number>`coalesce(${x.introducedYear}, 0)`,
};

builder.queryFields((t) => ({
  technique: t.drizzleField({
    type: 'technique',
    nullable: true,
    description: 'One technique by slug. Errors with NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The technique’s slug, e.g. "rlvr".' }) },
    resolve: async (query, _root, { slug }, ctx) =>
      (await ctx.db.query.technique.findFirst(query({ where: { slug } }))) ??
      Promise.reject(new NotFoundError('Technique', 'slug', slug)),
  }),
  techniques: t.drizzleConnection({
    type: 'technique',
    description: `Techniques, filtered and sorted. ${connectionDescription}`,
    args: {
      filter: t.arg({ type: TechniqueFilter, description: 'Only techniques matching these conditions.' }),
      orderBy: t.arg({ type: techniqueOrder.input, description: 'Sort order; by slug ascending when omitted.' }),
    },
    totalCount: (_root, args, ctx) => ctx.db.$count(technique, techniqueCondition(technique, args.filter)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.technique.findMany(
        query({
          where: whereRaw((x: typeof technique) => techniqueCondition(x, args.filter)),
          extras: techniqueSortKeys,
          orderBy: techniqueOrder.orderBy(args.orderBy),
        }),
      ),
  }),
}));
