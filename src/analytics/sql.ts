/**
 * Raw SQL results differ by driver (pg returns bigint as a string, PGlite as a number): analytics queries go
 * through this helper and cast what they count to `int`.
 */
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { AppDb } from '../db/client.ts';

export async function rows<T>(db: AppDb, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const dialect = new PgDialect();

/**
 * `rows` as a named prepared statement (on PostgreSQL; PGlite runs it as any other): parsed and planned once per
 * connection, then sent without its text. For a large statement whose text never changes, read on every request.
 */
export async function preparedRows<T>(db: AppDb, name: string, query: SQL): Promise<T[]> {
  const result = await db._.session.prepareQuery(dialect.sqlToQuery(query), 'raw', name).execute();
  return (result as unknown as { rows: T[] }).rows;
}

/** A JS list as a SQL `integer[]`, passed as one JSON parameter (drivers disagree on array parameters). */
export function intArray(values: readonly number[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::int)`;
}

/** A JS list as a SQL `text[]`, passed as one JSON parameter. */
export function textArray(values: readonly string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/**
 * A JS list as a PostgreSQL array literal (`{"a","b"}`), to pass as one parameter cast to `text[]`. Unlike
 * `textArray`, the value reaches the planner as a constant, so functions that filter on it can use an index.
 */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * A JS list of integers as a PostgreSQL array literal (`{1,2}`), to pass as one parameter cast to `int[]`: like
 * `textArrayLiteral`, a constant to the planner, so a SQL function given it can be inlined (a sub-select argument
 * prevents that) and use an index.
 */
export function intArrayLiteral(values: readonly number[]): string {
  for (const value of values) if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer id: ${value}`);
  return `{${values.join(',')}}`;
}
