/**
 * Fields every described entity (organization, model, technique, dataset) shares, defined once.
 */
import type { FieldRef } from '@pothos/core';
import { toDateTime } from '../../lib/datetime.ts';
import { builder, type SchemaTypes } from '../builder.ts';
import { SourceRef } from './source.ts';

type SourceRow = typeof SourceRef extends { $inferType: infer R } ? R : never;

type EntityRow = {
  slug: string;
  name: string;
  aliases: string[];
  description: string;
  unverifiedFields: string[];
  createdAt: string;
  updatedAt: string;
  sourceLinks: { notes: string; source: SourceRow }[];
};

/** A source backing an entity, with what it backs. */
const Attribution = builder.objectRef<{ notes: string | null; source: SourceRow }>('Attribution').implement({
  description: 'A source that backs an entity’s attributes, and which ones.',
  fields: (t) => ({
    source: t.field({ type: SourceRef, description: 'The source.', resolve: (a) => a.source }),
    notes: t.exposeString('notes', {
      nullable: true,
      description: 'What this source backs (e.g. "256 GPUs (32 nodes)"); null when it backs the entity as a whole.',
    }),
  }),
});

/**
 * The subset of a Pothos drizzle field builder these fields need. Every entity builder has it; the fields are
 * checked against the entity row type above.
 */
type EntityFieldBuilder = {
  exposeString(name: 'slug' | 'name' | 'description', options: { description: string }): FieldRef<SchemaTypes, string>;
  exposeStringList(
    name: 'aliases' | 'unverifiedFields',
    options: { description: string },
  ): FieldRef<SchemaTypes, string[]>;
  relation(name: 'claimsMentioning', options: { description: string; query: object }): FieldRef<SchemaTypes, unknown>;
  field<T>(options: {
    type: T;
    description: string;
    select: object | ((args: object, ctx: object, nested: (query: object, path: string[]) => object) => object);
    resolve: (row: EntityRow) => unknown;
  }): FieldRef<SchemaTypes, unknown>;
};

export function entityFields(fieldBuilder: unknown, noun: string) {
  const t = fieldBuilder as EntityFieldBuilder;
  return {
    slug: t.exposeString('slug', {
      description: `Stable, URL-safe handle of the ${noun} (lower case, digits, "-" and "."); use it in lookups.`,
    }),
    name: t.exposeString('name', { description: `Display name of the ${noun}.` }),
    aliases: t.exposeStringList('aliases', {
      description: `Other names and spellings under which the ${noun} is known.`,
    }),
    description: t.exposeString('description', { description: `A short description of the ${noun}.` }),
    unverifiedFields: t.exposeStringList('unverifiedFields', {
      description: `Fields of this ${noun} whose values the sources do not confirm (marked "unverified" in the seed).`,
    }),
    attributions: t.field({
      type: [Attribution],
      description: `The sources backing this ${noun}’s attributes, each with what it backs.`,
      select: (_args, _ctx, nested) => ({
        with: { sourceLinks: { orderBy: { sourceId: 'asc' }, with: { source: nested({}, ['source']) } } },
      }),
      resolve: (row) => row.sourceLinks.map((link) => ({ notes: link.notes || null, source: link.source })),
    }),
    claimsMentioning: t.relation('claimsMentioning', {
      description: `Claims that name this ${noun} among their objects (compared against, trained with, benchmarked on...).`,
      query: { orderBy: { id: 'asc' } },
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the record was first stored.',
      select: { columns: { createdAt: true } },
      resolve: (row) => toDateTime(row.createdAt),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When the record last changed.',
      select: { columns: { updatedAt: true } },
      resolve: (row) => toDateTime(row.updatedAt),
    }),
  };
}
