/**
 * The entity registry: every kind of entity of the graph once, with its table, its GraphQL type name and what
 * it takes part in. The maps the rest of the code needs (type of a table, searchable types, graph nodes,
 * mergeable kinds, tables with sources...) are derived from it, or typed `satisfies Record<EntityKind, …>`, so
 * an entity added here but forgotten elsewhere fails to compile. README "Adding an entity" walks through it.
 *
 * A kind's key is its table's SQL name: the audit trail (`change.entity_type`) and the SQL functions name
 * entities by table.
 */
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import * as t from './schema.ts';

type EntityDefinition = {
  /** The drizzle table; its SQL name is the kind's key. */
  table: PgTable & { id: PgColumn };
  /** The GraphQL object type (and the name in errors: "No Model with slug …"). */
  typeName: string;
  /** The list of the graph JSON document that holds it, or null when it is written inside another record. */
  documentList: string | null;
  /** Has a unique `slug` that inputs, filters and imports name it by. */
  slugged: boolean;
  /** Its rows' changes are written to the audit trail (`change`) and it has a `history` field. */
  audited: boolean;
  /** `Query.search` can find it; the value is its `SearchableType`. */
  searchable: string | null;
  /** The table linking it to the sources that back it as a whole (`model_source`...), if it has one. */
  sources: (PgTable & { entityId: PgColumn; sourceId: PgColumn; notes: PgColumn }) | null;
  /** Duplicates of it can be merged (`merge<Type>s`). */
  mergeable: boolean;
  /** It is a node of `Query.graph` (neighborhood and paths); the value is its `GraphNodeType`. */
  graphNode: string | null;
  /** A claim can name it as its subject ('subject') or only among its objects ('object'). */
  inClaims: 'subject' | 'object' | null;
};

export const entities = {
  source: {
    table: t.source,
    typeName: 'Source',
    documentList: 'sources',
    slugged: true,
    audited: true,
    searchable: 'SOURCE',
    sources: null,
    mergeable: false,
    graphNode: null,
    inClaims: null,
  },
  license: {
    table: t.license,
    typeName: 'License',
    documentList: 'licenses',
    slugged: true,
    audited: true,
    searchable: null,
    sources: null,
    mergeable: false,
    graphNode: null,
    inClaims: null,
  },
  organization: {
    table: t.organization,
    typeName: 'Organization',
    documentList: 'organizations',
    slugged: true,
    audited: true,
    searchable: 'ORGANIZATION',
    sources: t.organizationSource,
    mergeable: true,
    graphNode: 'ORGANIZATION',
    inClaims: 'subject',
  },
  model: {
    table: t.model,
    typeName: 'Model',
    documentList: 'models',
    slugged: true,
    audited: true,
    searchable: 'MODEL',
    sources: t.modelSource,
    mergeable: true,
    graphNode: 'MODEL',
    inClaims: 'subject',
  },
  technique: {
    table: t.technique,
    typeName: 'Technique',
    documentList: 'techniques',
    slugged: true,
    audited: true,
    searchable: 'TECHNIQUE',
    sources: t.techniqueSource,
    mergeable: true,
    graphNode: 'TECHNIQUE',
    inClaims: 'object',
  },
  metric: {
    table: t.metric,
    typeName: 'Metric',
    documentList: 'metrics',
    slugged: true,
    audited: true,
    searchable: null,
    sources: null,
    mergeable: false,
    graphNode: null,
    inClaims: null,
  },
  language: {
    table: t.language,
    typeName: 'Language',
    documentList: 'languages',
    slugged: true,
    audited: true,
    searchable: null,
    sources: null,
    mergeable: false,
    graphNode: null,
    inClaims: null,
  },
  dataset: {
    table: t.dataset,
    typeName: 'Dataset',
    documentList: 'datasets',
    slugged: true,
    audited: true,
    searchable: 'DATASET',
    sources: t.datasetSource,
    mergeable: true,
    graphNode: 'DATASET',
    inClaims: 'object',
  },
  benchmark_result: {
    table: t.benchmarkResult,
    typeName: 'BenchmarkResult',
    documentList: 'results',
    slugged: false,
    audited: true,
    searchable: null,
    sources: null,
    mergeable: false,
    graphNode: null,
    inClaims: null,
  },
  claim: {
    table: t.claim,
    typeName: 'Claim',
    documentList: 'claims',
    slugged: true,
    audited: true,
    searchable: null,
    sources: null,
    mergeable: false,
    graphNode: null,
    inClaims: null,
  },
} as const satisfies Record<string, EntityDefinition>;

export type Entities = typeof entities;
export type EntityKind = keyof Entities;
export type Entity<K extends EntityKind = EntityKind> = Entities[K];

/** The kinds whose definition has `property` set (not false or null), as a type. */
type KindsWith<P extends keyof EntityDefinition> = {
  [K in EntityKind]: Entities[K][P] extends false | null ? never : K;
}[EntityKind];

export type SluggedKind = KindsWith<'slugged'>;
export type AuditedKind = KindsWith<'audited'>;
export type SourcedKind = KindsWith<'sources'>;
export type MergeableKind = KindsWith<'mergeable'>;
export type SearchableKind = KindsWith<'searchable'>;
export type GraphNodeKind = KindsWith<'graphNode'>;
export type ClaimSubjectKind = { [K in EntityKind]: Entities[K]['inClaims'] extends 'subject' ? K : never }[EntityKind];
export type ClaimObjectKind = KindsWith<'inClaims'>;
export type TypeName<K extends EntityKind = EntityKind> = Entities[K]['typeName'];
export type SearchableType = Entities[SearchableKind]['searchable'];
export type GraphNodeType = Entities[GraphNodeKind]['graphNode'];

export const ENTITY_KINDS = Object.keys(entities) as EntityKind[];

/**
 * The kinds of a set in an order of one's choosing (for messages and inputs): `inOrder<ClaimObjectKind>({ model:
 * true, … })` does not compile when a kind of the set is missing or one outside it is listed.
 */
export const inOrder = <K extends EntityKind>(kinds: Record<K, true>): K[] => Object.keys(kinds) as K[];

const kindsWhere = <K extends EntityKind>(test: (entity: EntityDefinition) => boolean) =>
  ENTITY_KINDS.filter((kind) => test(entities[kind])) as K[];

export const SLUGGED_KINDS = kindsWhere<SluggedKind>((e) => e.slugged);
export const AUDITED_KINDS = kindsWhere<AuditedKind>((e) => e.audited);

/** The entity of a table, by its SQL name (as the audit trail and the SQL guards name it). */
export const ENTITY_OF_TABLE: ReadonlyMap<string, Entity> = new Map(
  ENTITY_KINDS.map((kind) => [kind as string, entities[kind] as Entity]),
);

/** The searchable kinds, by their `SearchableType`. */
export const KIND_OF_SEARCHABLE = Object.fromEntries(
  kindsWhere<SearchableKind>((e) => e.searchable !== null).map((kind) => [entities[kind].searchable, kind]),
) as Record<SearchableType, SearchableKind>;

/** The graph node kinds, by their `GraphNodeType`. */
export const KIND_OF_GRAPH_NODE = Object.fromEntries(
  kindsWhere<GraphNodeKind>((e) => e.graphNode !== null).map((kind) => [entities[kind].graphNode, kind]),
) as Record<GraphNodeType, GraphNodeKind>;
export const GRAPH_NODE_TYPES = Object.keys(KIND_OF_GRAPH_NODE) as GraphNodeType[];
