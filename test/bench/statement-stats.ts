/**
 * SQL statements per request under load, from pg_stat_statements when the database has the extension (and the
 * server loads it): the calls of this database between two snapshots, top-level and nested (in functions)
 * apart. The snapshots' own queries, and any on pg_stat_* views, are left out.
 */
import type pg from 'pg';

export type StatementSnapshot = { toplevel: number; nested: number };

/** A snapshot function, or undefined when pg_stat_statements cannot be read here. */
export async function statementStats(client: pg.ClientBase): Promise<(() => Promise<StatementSnapshot>) | undefined> {
  const { rows } = await client.query<{ schema: string }>(
    `select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_stat_statements'`,
  );
  if (!rows[0]) return undefined;
  const view = `${client.escapeIdentifier(rows[0].schema)}.pg_stat_statements`;
  const snapshot = async () => {
    const { rows } = await client.query<{ toplevel: string; nested: string }>(
      `select coalesce(sum(calls) filter (where toplevel), 0) as toplevel,
              coalesce(sum(calls) filter (where not toplevel), 0) as nested
       from ${view}
       where dbid = (select oid from pg_database where datname = current_database())
         and query not ilike '%pg_stat%' and query not ilike '%pg_database%'`,
    );
    return { toplevel: Number(rows[0]!.toplevel), nested: Number(rows[0]!.nested) };
  };
  try {
    await snapshot();
    return snapshot;
  } catch {
    return undefined; // installed but not in shared_preload_libraries
  }
}
