/**
 * Idempotent bulk upsert: insert new rows, update rows whose content differs, leave identical rows untouched
 * (their ids and `updated_at` stay as they were), and report which happened to how many rows.
 */
import { type SQL, sql } from 'drizzle-orm';
import { getColumns, type InferInsertModel } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { AppDb } from '../db/client.ts';

export type UpsertCounts = { inserted: number; updated: number; unchanged: number; deleted?: number };

/** Rows per statement: far below PostgreSQL's 65,535 bind parameters for our widest table. */
const BATCH_SIZE = 500;

type Executor = Pick<AppDb, 'insert'>;

export async function upsertRows<T extends PgTable>(
  db: Executor,
  table: T,
  rows: InferInsertModel<T>[],
  conflictTarget: PgColumn[],
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return counts;

  const columns = getColumns(table) as Record<string, PgColumn>;
  const targetNames = new Set(conflictTarget.map((column) => column.name));
  // Every key the caller provides is content the writer owns; `id`, timestamps and the conflict key are not.
  const contentKeys = Object.keys(rows[0] as object).filter((key) => {
    const column = columns[key];
    return column && !targetNames.has(column.name);
  });
  const excluded = (key: string) => sql.raw(`excluded."${(columns[key] as PgColumn).name}"`);
  const set: Record<string, SQL> = Object.fromEntries(contentKeys.map((key) => [key, excluded(key)]));
  if (columns.updatedAt) set.updatedAt = sql`now()`;

  const changed =
    contentKeys.length === 0
      ? sql`false`
      : sql`(${sql.join(
          contentKeys.map((key) => columns[key] as PgColumn),
          sql`, `,
        )}) is distinct from (${sql.join(contentKeys.map(excluded), sql`, `)})`;

  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    const batch = rows.slice(start, start + BATCH_SIZE);
    const query =
      contentKeys.length === 0
        ? db
            .insert(table)
            .values(batch as never)
            .onConflictDoNothing({ target: conflictTarget })
        : db
            .insert(table)
            .values(batch as never)
            .onConflictDoUpdate({ target: conflictTarget, set: set as never, setWhere: changed });
    // xmax is 0 on a freshly inserted row version and non-zero on an updated one.
    const written = (await query.returning({ inserted: sql<boolean>`(xmax = 0)` })) as { inserted: boolean }[];
    const inserted = written.filter((row) => row.inserted).length;
    counts.inserted += inserted;
    counts.updated += written.length - inserted;
    counts.unchanged += batch.length - written.length;
  }
  return counts;
}

type Deleter = Pick<AppDb, 'delete'>;

/**
 * Deletes the children of `parentIds` (rows of `table` whose `parentColumn` is one of them) that are not in
 * `keep`, given as values of `keyColumns`. A seed or graph document owns the child collections of the records it
 * lists, so a lineage edge or claim object removed from a file is removed from the database too.
 */
export async function pruneChildren<T extends PgTable>(
  db: Deleter,
  table: T,
  parentColumn: PgColumn,
  parentIds: readonly number[],
  keyColumns: PgColumn[],
  keep: readonly unknown[][],
): Promise<number> {
  if (parentIds.length === 0) return 0;
  const ofParents = sql`${parentColumn} in (${sql.join(
    parentIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
  const kept =
    keep.length === 0
      ? sql`true`
      : sql`(${sql.join(keyColumns, sql`, `)}) not in (${sql.join(
          keep.map(
            (values) =>
              sql`(${sql.join(
                values.map((v) => sql`${v}`),
                sql`, `,
              )})`,
          ),
          sql`, `,
        )})`;
  const deleted = await db
    .delete(table)
    .where(sql`${ofParents} and ${kept}`)
    .returning({ one: sql`1` });
  return deleted.length;
}
