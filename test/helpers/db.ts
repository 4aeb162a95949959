/**
 * Reading a test database directly: rows of a query, a row's id by slug, row counts, and the audit trail.
 * Every function takes the drizzle handle (`backend().database.db`).
 */
import { type SQL, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { AppDb } from '../../src/db/client.ts';

export type Row = Record<string, any>;

/** Every graph table and `change`: a refused write leaves all of them as they were. */
export const GRAPH_TABLES = [
  'organization',
  'organization_source',
  'model',
  'model_source',
  'model_developer',
  'model_external_id',
  'model_lineage',
  'model_technique',
  'model_technique_dataset',
  'model_language',
  'model_task',
  'language',
  'technique',
  'technique_source',
  'dataset',
  'dataset_source',
  'dataset_creator',
  'benchmark_result',
  'result_preference',
  'claim',
  'claim_object',
  'change',
];

export async function rows(db: AppDb, query: SQL): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

/** The id of the row of `table` with `slug` (NaN when there is none). */
/** Every base table of the public schema, by name. */
export async function publicTables(db: AppDb): Promise<string[]> {
  const found = await rows(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return found.map((row) => String(row.table_name));
}

export async function rowId(db: AppDb, table: string, slug: string): Promise<number> {
  const [row] = await rows(db, sql`select id from ${sql.identifier(table)} where slug = ${slug}`);
  return Number(row?.id);
}

export async function count(db: AppDb, table: string): Promise<number> {
  const [row] = await rows(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return Number(row?.n);
}

/** Rows in each of `tables`, by table name. */
export async function counts(db: AppDb, tables: readonly string[]): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of tables) result[table] = await count(db, table);
  return result;
}

/** The id of the newest audit row (0 when there is none): `since` for the readers of what came after. */
export async function lastChange(db: AppDb): Promise<number> {
  const [row] = await rows(db, sql`select coalesce(max(id), 0)::int as id from change`);
  return Number(row?.id);
}

/** The audit rows written after `since` as [actor, operation, table, action], in the order written or `sorted`
 * by table, action, then id (for cascades, whose order is the database's). */
export type AuditEntry = [actor: string, operation: string, table: string, action: string];

export async function changesSince(db: AppDb, since: number, { sorted = false } = {}): Promise<AuditEntry[]> {
  const order = sorted ? sql`table_name, action, id` : sql`id`;
  const found = await rows(
    db,
    sql`select actor, operation, table_name, action from change where id > ${since} order by ${order}`,
  );
  return found.map((row) => [row.actor, row.operation, row.table_name, row.action]);
}

/** Runs `work` and expects it to change no row of `tables` (by default every graph table and `change`). */
export async function unchanged<T>(db: AppDb, work: () => Promise<T>, tables = GRAPH_TABLES): Promise<T> {
  const before = await counts(db, tables);
  const result = await work();
  expect(await counts(db, tables)).toEqual(before);
  return result;
}

/** Tables that record the writes rather than the graph: they grow with every import, by design. */
export const BOOKKEEPING_TABLES = new Set(['change', 'import_run']);

/**
 * table -> its row count and the md5 of its rows (each row as text, sorted), for every table but the bookkeeping
 * ones: any insert, update or delete changes it.
 */
export async function digest(db: AppDb): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const name of await publicTables(db)) {
    if (BOOKKEEPING_TABLES.has(name)) continue;
    const [row] = await rows(
      db,
      sql`select md5(coalesce(string_agg(r::text, E'\n' order by r::text), '')) as digest, count(*)::int as n from ${sql.identifier(name)} r`,
    );
    digests[name] = `${String(row?.n)} ${String(row?.digest)}`;
  }
  expect(Object.keys(digests)).toEqual(expect.arrayContaining(['benchmark_result', 'model', 'dataset', 'source']));
  return digests;
}

/**
 * Every row of every table as JSON, without what differs between two runs of the same writes: times and
 * transaction ids (at the top and inside the audit trail's before and after), and the seed_run marks.
 */
export async function contents(db: AppDb): Promise<Record<string, string>> {
  const clock = sql`- 'created_at' - 'updated_at' - 'at' - 'transaction_id'`;
  const tables: Record<string, string> = {};
  for (const name of await publicTables(db)) {
    if (name === 'seed_run') continue;
    const [row] = await rows(
      db,
      sql`select count(*)::int as n, md5(coalesce(string_agg(x::text, E'\n' order by x::text), '')) as digest
          from (select (select jsonb_object_agg(k, case when jsonb_typeof(v) = 'object' then v ${clock} else v end)
                        from jsonb_each(to_jsonb(r) ${clock}) as e(k, v)) as x
                from ${sql.identifier(name)} r) rows`,
    );
    tables[name] = `${String(row?.n)} ${String(row?.digest)}`;
  }
  return tables;
}

/** The identity sequences' last values (the prepared load sets them where the importer left them). */
export async function sequences(db: AppDb): Promise<Record<string, unknown>> {
  const found = await rows(
    db,
    sql`select sequencename, last_value from pg_sequences where schemaname = current_schema() and sequencename <> 'seed_run_id_seq'`,
  );
  return Object.fromEntries(found.map((row) => [row.sequencename, row.last_value]));
}
