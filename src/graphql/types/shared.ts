/**
 * Fields every described entity (organization, model, technique, dataset) shares, defined once.
 */
import type { FieldRef } from '@pothos/core';
import { toDateTime } from '../../lib/datetime.ts';
import type { builder } from '../builder.ts';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

type EntityRow = {
  slug: string;
  name: string;
  aliases: string[];
  description: string;
  unverifiedFields: string[];
  createdAt: string;
  updatedAt: string;
};

/** The subset of a Pothos field builder these fields need; every drizzle entity builder has it. */
type EntityFieldBuilder = {
  exposeString(name: 'slug' | 'name' | 'description', options: { description: string }): FieldRef<Types, string>;
  exposeStringList(name: 'aliases' | 'unverifiedFields', options: { description: string }): FieldRef<Types, string[]>;
  field(options: {
    type: 'DateTime';
    description: string;
    select: { columns: Record<string, true> };
    resolve: (row: EntityRow) => Date;
  }): FieldRef<Types, Date>;
};

export function entityFields(builder: unknown, noun: string) {
  const t = builder as EntityFieldBuilder;
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
