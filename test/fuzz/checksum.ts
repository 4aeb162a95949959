/**
 * A fingerprint of a whole database: every public table's row count and the md5 of its rows in a fixed order.
 * Equal before and after a fuzz run means the run wrote nothing. No vitest import: `npm run fuzz` uses it.
 */
import { sql } from 'drizzle-orm';
import type { AppDb } from '../../src/db/client.ts';

type Rows<T> = { rows: T[] };

export async function databaseChecksum(db: AppDb): Promise<Record<string, string>> {
  const { rows: tables } = (await db.execute(
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  )) as unknown as Rows<{ table_name: string }>;
  const sums: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const { rows } = (await db.execute(
      sql`select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as sum
          from ${sql.identifier(table)} t`,
    )) as unknown as Rows<{ n: number; sum: string }>;
    sums[table] = `${rows[0]!.n} rows, md5 ${rows[0]!.sum}`;
  }
  return sums;
}

/** Rows of the audit trail: every write through the API adds some. */
export async function changeCount(db: AppDb): Promise<number> {
  const { rows } = (await db.execute(sql`select count(*)::int as n from change`)) as unknown as Rows<{ n: number }>;
  return rows[0]!.n;
}
