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
  return resolveSlugs(
    tx,
    type,
    slugs.map((slug, index) => ({ slug, path: [...path, String(index)] })),
  );
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

/**
 * Ids of the slugs named at several input paths, in one statement; a miss is a NotFoundError at its own path
 * (`["input", "developers", "1", "organization"]`).
 */
export async function resolveSlugs(
  tx: Tx,
  type: SluggedType,
  refs: readonly { slug: string; path: string[] }[],
): Promise<number[]> {
  if (refs.length === 0) return [];
  const table = sluggedTables[type] as PgTable & { id: PgColumn; slug: PgColumn };
  const rows = await tx
    .select({ id: table.id, slug: table.slug })
    .from(table)
    .where(inArray(table.slug, [...new Set(refs.map((ref) => ref.slug))]));
  const ids = new Map(rows.map((row) => [row.slug as string, row.id as number]));
  return refs.map((ref) => {
    const id = ids.get(ref.slug);
    if (id === undefined) throw new NotFoundError(type, 'slug', ref.slug, ref.path);
    return id;
  });
}

/** The slug of a row (for messages). */
export async function slugOf(tx: Tx, type: SluggedType, id: number): Promise<string> {
  const table = sluggedTables[type] as PgTable & { id: PgColumn; slug: PgColumn };
  const [row] = await tx
    .select({ slug: table.slug })
    .from(table)
    .where(sql`${table.id} = ${id}`);
  return (row?.slug as string | undefined) ?? String(id);
}

/**
 * How an entity's write turns the slugs its input names into ids. Mutations look each one up in the database
 * (`resolveIn`); the graph writer in the ids of the rows it has just written, so both share one mapping.
 */
export type Resolve = (type: SluggedType, slug: string, path: string[]) => Promise<number>;

export const resolveIn =
  (tx: Tx): Resolve =>
  (type, slug, path) =>
    idBySlug(tx, type, slug, path);

/** The id of an optional reference: `null` (clear it) and `undefined` (leave it) pass through. */
export async function optionalRef(
  resolve: Resolve,
  type: SluggedType,
  slug: string | null | undefined,
  path: string[],
): Promise<number | null | undefined> {
  return slug === undefined || slug === null ? slug : resolve(type, slug, path);
}
