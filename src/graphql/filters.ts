/**
 * Building blocks for `filter` arguments. A filter becomes one SQL condition over the table (or its alias),
 * used both by the connection query (`where: { RAW }`) and by its `totalCount`, so the two always agree.
 */
import { type SQL, and, getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { InputError } from './errors.ts';

export type Condition = SQL | undefined;

/** AND of the conditions that are set; `undefined` when none is. */
export function allOf(...conditions: Condition[]): Condition {
  const set = conditions.filter((c): c is SQL => c !== undefined);
  return set.length === 0 ? undefined : set.length === 1 ? set[0] : and(...set);
}

/** The RQB `where` for a condition: every row when there is none. */
export function whereRaw<T>(build: (table: T) => Condition) {
  return { RAW: (table: T) => build(table) ?? sql`true` };
}

/** A LIKE pattern matching `term` anywhere, with LIKE's wildcards in the term taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Case-insensitive substring match on an entity's slug, name or any alias. Accent- and typo-tolerant
 * ranked search is a separate capability (`search`), this is the plain filter.
 */
export function textMatches(
  columns: { slug: PgColumn; name: PgColumn; aliases: PgColumn },
  term: string | null | undefined,
) {
  if (term == null) return undefined;
  const trimmed = term.trim();
  if (trimmed === '') throw new InputError('"text" must not be empty.', 'filter.text');
  const pattern = containsPattern(trimmed);
  return sql`(${columns.name} ilike ${pattern} or ${columns.slug} ilike ${pattern} or exists (select 1 from unnest(${columns.aliases}) as alias where alias ilike ${pattern}))`;
}

/** `column IN (values)`; an empty list is refused rather than silently matching nothing. */
export function inList<T>(column: PgColumn | SQL, values: readonly T[] | null | undefined, argument: string) {
  if (values == null) return undefined;
  if (values.length === 0) throw new InputError(`"${argument}" must list at least one value.`, argument);
  return sql`${column} in (${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )})`;
}

/** `column && array[values]` (an array column sharing a value with the list); an empty list is refused. */
export function overlapsAny(
  column: PgColumn,
  values: readonly string[] | null | undefined,
  argument: string,
  elementType: string,
) {
  if (values == null) return undefined;
  if (values.length === 0) throw new InputError(`"${argument}" must list at least one value.`, argument);
  return sql`${column} && array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::${sql.raw(elementType)}[]`;
}

/** Checks `min <= max` and returns the bounds as conditions on `column`. */
export function inRange<T extends number | string>(
  column: PgColumn,
  min: T | null | undefined,
  max: T | null | undefined,
  argument: string,
): Condition {
  if (min != null && max != null && min > max) {
    throw new InputError(`"${argument}": the lower bound ${min} is above the upper bound ${max}.`, argument);
  }
  return allOf(min != null ? sql`${column} >= ${min}` : undefined, max != null ? sql`${column} <= ${max}` : undefined);
}

/** `column = value` when a value is given. */
export function equals<T>(column: PgColumn, value: T | null | undefined): Condition {
  return value == null ? undefined : sql`${column} = ${value}`;
}

type SluggedTable = PgTable & { id: PgColumn; slug: PgColumn };

/**
 * `target.slug IN (slugs)`, guarded so that a slug naming no row fails the statement with NOT_FOUND
 * (`require_known_slugs`, src/db/sql/50-guards.sql) instead of matching nothing.
 */
export function slugIn(target: SluggedTable, slugs: readonly string[] | null | undefined, argument: string): Condition {
  const list = inList(target.slug, slugs, argument);
  if (!list || !slugs) return undefined;
  return sql`(${knownSlugsGuard(target, slugs, argument)} and ${list})`;
}

/** `require_known_slugs(...)`: true, or the statement fails with NOT_FOUND naming the first unknown slug. */
function knownSlugsGuard(target: SluggedTable, slugs: readonly string[], argument: string): SQL {
  return sql`(select require_known_slugs(${getTableName(target)}::regclass, array(select jsonb_array_elements_text(${JSON.stringify(slugs)}::jsonb)), ${argument}))`;
}

/** Rows whose `column` references an entity of `target` with one of `slugs` (unknown slugs: NOT_FOUND). */
export function referencesSlug(
  column: PgColumn | SQL,
  target: SluggedTable,
  slugs: readonly string[] | null | undefined,
  argument: string,
): Condition {
  const match = slugIn(target, slugs, argument);
  if (!match || !slugs) return undefined;
  // One slug is compared as a value (a subquery run once), so an index on `column` and the sort key can return
  // rows in order and stop at the page size; the guard runs only when the slug names no row (COALESCE evaluates
  // its second argument only then). A list is a semi-join, guarded.
  return slugs.length === 1
    ? sql`${column} = coalesce((select ${target.id} from ${target} where ${target.slug} = ${slugs[0]}), (select case when ${knownSlugsGuard(target, slugs, argument)} then null::integer end))`
    : sql`${column} in (select ${target.id} from ${target} where ${match})`;
}
