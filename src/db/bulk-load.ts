/**
 * Bulk loads with the secondary indexes out of the way: the indexes of the given tables that enforce nothing
 * (not primary keys, not unique, not backing a constraint) are dropped inside the caller's transaction, the
 * work runs, and they are created again from their own definitions (`pg_get_indexdef`). Building an index
 * once over the loaded rows is much cheaper than updating it row by row, above all the GIN trigram indexes
 * of search (src/db/sql/20-search.sql), which are built without a pending list. DDL is transactional: if the
 * work fails, the rollback restores the indexes as they were.
 *
 * On PostgreSQL, DROP INDEX locks its table until the transaction ends, so readers of those tables wait for
 * the load: meant for a first start or a maintenance load, not for a busy server.
 */
import { sql } from 'drizzle-orm';
import type { AppDb } from './client.ts';

/** A transaction (or anything that runs SQL in one). */
type Tx = Pick<AppDb, 'execute'>;

type IndexDefinition = { name: string; definition: string };

async function secondaryIndexes(tx: Tx, tables: readonly string[]): Promise<IndexDefinition[]> {
  const result = (await tx.execute(sql`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    where t.relname = any(${sql.param([...tables])}::text[])
      and t.relnamespace = to_regnamespace(current_schema())
      and not x.indisunique and not x.indisprimary
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
    order by i.relname`)) as unknown as { rows: IndexDefinition[] };
  return result.rows;
}

export async function withoutSecondaryIndexes<T>(
  tx: Tx,
  tables: readonly string[],
  work: () => Promise<T>,
): Promise<{ value: T; rebuilt: string[] }> {
  const indexes = await secondaryIndexes(tx, tables);
  for (const { name } of indexes) await tx.execute(sql`drop index ${sql.identifier(name)}`);
  const value = await work();
  for (const { definition } of indexes) await tx.execute(sql.raw(definition));
  return { value, rebuilt: indexes.map((index) => index.name) };
}

type ConstraintDefinition = { table: string; name: string; definition: string };

/**
 * The same for the foreign keys of the given tables: checked per inserted row, they cost more than the insert
 * itself on a bulk load (a lookup in each referenced table per row); added back after the work, each one is
 * checked once over all rows by one join. A row the work left dangling fails the transaction there.
 */
export async function withoutForeignKeys<T>(tx: Tx, tables: readonly string[], work: () => Promise<T>): Promise<T> {
  const result = (await tx.execute(sql`
    select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c join pg_class t on t.oid = c.conrelid
    where c.contype = 'f' and t.relname = any(${sql.param([...tables])}::text[])
      and t.relnamespace = to_regnamespace(current_schema())
    order by c.conrelid::regclass::text, c.conname`)) as unknown as { rows: ConstraintDefinition[] };
  const keys = result.rows;
  for (const { table, name } of keys) {
    await tx.execute(sql`alter table ${sql.raw(table)} drop constraint ${sql.identifier(name)}`);
  }
  const value = await work();
  for (const { table, name, definition } of keys) {
    await tx.execute(sql`alter table ${sql.raw(table)} add constraint ${sql.identifier(name)} ${sql.raw(definition)}`);
  }
  return value;
}
