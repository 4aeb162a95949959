/**
 * Claim: a statement a source makes, stored structured (subject, predicate, objects, figures) so that it can be
 * checked against the rest of the graph.
 */
import { sql } from 'drizzle-orm';
import { claim, claimObject, model, organization, source } from '../../db/schema.ts';
import { builder } from '../builder.ts';
import { NotFoundError } from '../../errors.ts';
import { allOf, inList, referencesSlug, slugIn, whereRaw } from '../filters.ts';
import { connectionDescription } from '../pagination.ts';
import { ClaimPredicateEnum } from './enums.ts';
import { ModelRef } from './model.ts';
import { OrganizationRef } from './organization.ts';
import { defineOrder } from '../ordering.ts';
import { historyField } from './change.ts';
import { entities } from '../../db/entities.ts';

const ClaimObjectKind = builder.enumType('ClaimObjectKind', {
  description: 'Which kind of entity a claim object is.',
  values: {
    MODEL: { value: 'model', description: 'A model (compared against, derived from...).' },
    ORGANIZATION: { value: 'organization', description: 'An organization.' },
    TECHNIQUE: { value: 'technique', description: 'A technique (trained with...).' },
    DATASET: { value: 'dataset', description: 'A dataset or benchmark (outperforms on...).' },
  } as const,
});

builder.drizzleObject('claimObject', {
  name: 'ClaimObject',
  description:
    'One object of a claim: exactly one of `model`, `organization`, `technique` and `dataset` is set, as `kind` says.',
  select: {},
  fields: (t) => ({
    position: t.exposeInt('position', { description: 'Order of the object in the claim (0 first).' }),
    kind: t.field({
      type: ClaimObjectKind,
      description: 'Which of the entity fields is set.',
      select: { columns: { modelId: true, organizationId: true, techniqueId: true, datasetId: true } },
      resolve: (o) =>
        o.modelId !== null
          ? 'model'
          : o.organizationId !== null
            ? 'organization'
            : o.techniqueId !== null
              ? 'technique'
              : 'dataset',
    }),
    model: t.relation('model', { nullable: true, description: 'The model, when the object is a model.' }),
    organization: t.relation('organization', {
      nullable: true,
      description: 'The organization, when the object is one.',
    }),
    technique: t.relation('technique', { nullable: true, description: 'The technique, when the object is one.' }),
    dataset: t.relation('dataset', {
      nullable: true,
      description: 'The dataset, when the object is a benchmark or dataset.',
    }),
  }),
});

const ClaimSubject = builder.unionType('ClaimSubject', {
  description: 'The subject of a claim.',
  types: [ModelRef, OrganizationRef],
  // Only models have `openWeights`; both come from drizzle rows.
  resolveType: (subject) => ('openWeights' in subject ? ModelRef : OrganizationRef),
});

builder.drizzleNode('claim', {
  name: entities.claim.typeName,
  description:
    'A statement made by a source, stored structured: `subject` `predicate` `objects`, with a quantity, attributes or qualifier where the statement has them.',
  id: { column: (c) => c.id },
  select: {},
  fields: (t) => ({
    history: historyField(t, 'claim'),
    slug: t.exposeString('slug', { description: 'Stable handle of the claim; use it in `Query.claim`.' }),
    ordinal: t.exposeInt('ordinal', { description: 'Position of the claim among its source’s claims (1 first).' }),
    statement: t.exposeString('statement', { description: 'The claim in short.' }),
    quote: t.exposeString('quote', { description: 'The words of the source that make the claim, verbatim.' }),
    predicate: t.expose('predicate', { type: ClaimPredicateEnum, description: 'What the claim asserts.' }),
    subject: t.field({
      type: ClaimSubject,
      description: 'What the claim is about: a model or an organization.',
      select: { with: { subjectModel: true, subjectOrganization: true } },
      resolve: (c) => (c.subjectModel ?? c.subjectOrganization) as NonNullable<typeof c.subjectModel>,
    }),
    subjectModel: t.relation('subjectModel', { nullable: true, description: 'The subject, when it is a model.' }),
    subjectOrganization: t.relation('subjectOrganization', {
      nullable: true,
      description: 'The subject, when it is an organization.',
    }),
    objects: t.relation('objects', {
      description: 'The objects of the claim in order: models compared against, techniques, benchmarks...',
      query: { orderBy: { position: 'asc' } },
    }),
    quantity: t.exposeFloat('quantity', {
      nullable: true,
      description: 'The figure the claim states (405e9, 256, 40...).',
    }),
    quantityUnit: t.exposeString('quantityUnit', {
      nullable: true,
      description: 'Unit of `quantity` (parameters, GPUs, percent...).',
    }),
    attributes: t.expose('attributes', {
      type: 'JSONObject',
      nullable: true,
      description: 'Attribute values the claim asserts (e.g. {"kind": "nonprofit", "headquarters": "Seattle"}).',
    }),
    qualifier: t.exposeString('qualifier', {
      nullable: true,
      description: 'Hedge or scope in the claim ("certain benchmarks").',
    }),
    notes: t.exposeString('notes', { description: 'How the claim was read from the source, and caveats.' }),
    source: t.relation('source', { description: 'The source that makes the claim.' }),
  }),
});

const ClaimFilter = builder.inputType('ClaimFilter', {
  description: 'Conditions on claims; all given conditions must hold.',
  fields: (t) => ({
    source: t.stringList({ description: 'Only claims made by these sources (slugs).' }),
    predicate: t.field({ type: [ClaimPredicateEnum], description: 'Only claims with these predicates.' }),
    subjectModel: t.stringList({ description: 'Only claims about these models (slugs).' }),
    subjectOrganization: t.stringList({ description: 'Only claims about these organizations (slugs).' }),
    mentionsModel: t.stringList({ description: 'Only claims with one of these models as subject or object (slugs).' }),
  }),
});

export const claimOrder = defineOrder(
  'Claim',
  'claims',
  {
    SOURCE_ORDER: { key: ['sourceId', 'ordinal'], description: 'By source, then in the order the source makes them.' },
    SLUG: { key: 'slug', description: 'By slug.' },
  },
  ['sourceId', 'ordinal'],
);

export function claimCondition(c: typeof claim, filter: typeof ClaimFilter.$inferInput | null | undefined) {
  if (!filter) return undefined;
  const mentioned = slugIn(model, filter.mentionsModel, 'filter.mentionsModel');
  return allOf(
    referencesSlug(c.sourceId, source, filter.source, 'filter.source'),
    inList(c.predicate, filter.predicate, 'filter.predicate'),
    referencesSlug(c.subjectModelId, model, filter.subjectModel, 'filter.subjectModel'),
    referencesSlug(c.subjectOrganizationId, organization, filter.subjectOrganization, 'filter.subjectOrganization'),
    mentioned &&
      sql`(${c.subjectModelId} in (select ${model.id} from ${model} where ${mentioned}) or exists (select 1 from ${claimObject} join ${model} on ${model.id} = ${claimObject.modelId} where ${claimObject.claimId} = ${c.id} and ${mentioned}))`,
  );
}

builder.queryFields((t) => ({
  claim: t.drizzleField({
    type: 'claim',
    nullable: true,
    description: 'One claim by slug. Errors with NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The claim’s slug, e.g. "article-claim-09".' }) },
    resolve: async (query, _root, { slug }, ctx) =>
      (await ctx.db.query.claim.findFirst(query({ where: { slug } }))) ??
      Promise.reject(new NotFoundError('Claim', 'slug', slug)),
  }),
  claims: t.drizzleConnection({
    type: 'claim',
    description: `Claims, filtered and sorted. ${connectionDescription}`,
    args: {
      filter: t.arg({ type: ClaimFilter, description: 'Only claims matching these conditions.' }),
      orderBy: t.arg({ type: claimOrder.input, description: 'Sort order; by source and ordinal when omitted.' }),
    },
    totalCount: (_root, args, ctx) => ctx.db.$count(claim, claimCondition(claim, args.filter)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.claim.findMany(
        query({
          where: whereRaw((c: typeof claim) => claimCondition(c, args.filter)),
          orderBy: claimOrder.orderBy(args.orderBy),
        }),
      ),
  }),
}));
