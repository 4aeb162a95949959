/**
 * Resolving what an input names (a slug, a global ID's key) into row ids, inside the write's transaction,
 * with a NotFoundError that names the input field when nothing matches.
 */
import { inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { entities, SLUGGED_KINDS, type SluggedKind, type TypeName } from '../db/entities.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Tx } from './transaction.ts';

/** The GraphQL type name of an entity with a slug, as inputs and errors name it. */
export type SluggedType = TypeName<SluggedKind>;

/** Tables that have a `slug` (the registry's slugged kinds), by their GraphQL type name. */
export const sluggedTables = Object.fromEntries(
  SLUGGED_KINDS.map((kind) => [entities[kind].typeName, entities[kind].table]),
) as { [K in SluggedKind as TypeName<K>]: (typeof entities)[K]['table'] };

/** The id of the row with this slug, or a NotFoundError at `path`. */
export async function idBySlug(tx: Tx, type: SluggedType, slug: string, path: string[]): Promise<number> {
  const table = sluggedTables[type] as PgTable & { id: PgColumn; slug: PgColumn };
  const [row] = await tx
    .select({ id: table.id })
    .from(table)
    .where(sql`${table.slug} = ${slug}`)
    .limit(1);
  if (!row) throw new NotFoundError(type, 'slug', slug, path);
  return row.id as number;
}

/** Ids of many slugs in one statement, in input order; every miss is reported at its own path. */
export async function idsBySlugs(
  tx: Tx,
  type: SluggedType,
  slugs: readonly string[],
  path: string[],
): Promise<number[]> {
  if (slugs.length === 0) return [];
  const table = sluggedTables[type] as PgTable & { id: PgColumn; slug: PgColumn };
  const rows = await tx
    .select({ id: table.id, slug: table.slug })
    .from(table)
    .where(inArray(table.slug, [...slugs]));
  const ids = new Map(rows.map((row) => [row.slug as string, row.id as number]));
  return slugs.map((slug, index) => {
    const id = ids.get(slug);
    if (id === undefined) throw new NotFoundError(type, 'slug', slug, [...path, String(index)]);
    return id;
  });
}

/** Checks that the row exists (for an id taken from a global ID) and returns it as is. */
export async function requireId(tx: Tx, type: SluggedType, id: number, path: string[]): Promise<number> {
  const table = sluggedTables[type] as PgTable & { id: PgColumn };
  const [row] = await tx
    .select({ id: table.id })
    .from(table)
    .where(sql`${table.id} = ${id}`)
    .limit(1);
  if (!row) throw new NotFoundError(type, 'id', String(id), path);
  return id;
}

/** An input that names an existing entity by exactly one of its global ID (decoded) or its slug. */
export type EntityLocator = { id?: number | null | undefined; slug?: string | null | undefined };

export async function locate(tx: Tx, type: SluggedType, where: EntityLocator, path: string[]): Promise<number> {
  const hasId = where.id !== undefined && where.id !== null;
  const hasSlug = where.slug !== undefined && where.slug !== null;
  if (hasId === hasSlug) throw ValidationError.of(path, `give exactly one of "id" and "slug" of the ${type}`);
  return hasId
    ? requireId(tx, type, where.id as number, [...path, 'id'])
    : idBySlug(tx, type, where.slug as string, [...path, 'slug']);
}
