/**
 * The one step for every kind whose record is a single row (`flatGraphRecords` of the graph JSON format:
 * licenses, metrics...): each record is parsed with the entity's create input, checked with its cross-field
 * rule, mapped to columns as its mutations map them, and all rows are upserted on their slug.
 */
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { entities, type SluggedKind } from '../../db/entities.ts';
import type { Resolve } from '../references.ts';
import { at, type GraphWriter, whole } from './writer.ts';

/** An entity's write rules, as its write module exports them. */
export type FlatRules<I extends object = object> = {
  kind: SluggedKind;
  /** The create input: what a record must give. */
  create: z.ZodType<I>;
  /** The update input: the fields a record clears by leaving them out. */
  fields: z.ZodObject;
  /** The cross-field rule of its mutations, on the record as a whole (a ValidationError at `at`). */
  check?: (input: I, at: string[]) => void;
  /** The column mapping of its mutations, slugs resolved. */
  columns: (input: I, resolve: Resolve, at: string[]) => object | Promise<object>;
};

/** Typed rules of one kind (the input type is inferred from `create`). */
export const flatRules = <I extends object>(rules: FlatRules<I>): FlatRules => rules as unknown as FlatRules;

export async function writeFlat(g: GraphWriter, list: string, rules: FlatRules, records: readonly object[]) {
  const { table, typeName } = entities[rules.kind];
  const inputs = g.parse(
    rules.create,
    at(list, records, (r) => r),
  );
  const rows = [];
  for (const [index, input] of inputs.entries()) {
    const path = [list, String(index)];
    rules.check?.(input, path);
    rows.push(await rules.columns(whole(input, rules.fields), g.resolve, path));
  }
  const slugged = table as PgTable & { slug: PgColumn };
  await g.upsert(list, slugged, rows as never[], [slugged.slug]);
  await g.readIds(typeName);
}
