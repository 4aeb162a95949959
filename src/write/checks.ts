/**
 * Checks a write makes against what the database holds, shared by the entity writes: the refusal to delete a
 * row that something still refers to, and the refusal of a parent link that would close a cycle.
 */
import { eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { ConflictError, ValidationError } from '../errors.ts';
import { type SluggedType, sluggedTables } from './references.ts';
import type { Tx } from './transaction.ts';

/** Rows of one table that a delete or merge removed or moved, as its answer reports them. */
export type RowCount = { table: string; count: number };

/** One kind of row that refers to the row being deleted: how to count them, and how to name them. */
export type Referrer = { one: string; many: string; count: SQL };

/**
 * Locks the row (so that nothing starts to refer to it before the delete) and refuses the delete with a
 * ConflictError that says what still refers to it: "Dataset gsm8k has 24 benchmark results; delete or move
 * them first (or merge)". `count` is a `select count(*)` over the referring rows.
 */
export async function refuseWhileReferenced(
  tx: Tx,
  type: SluggedType,
  id: number,
  referrers: readonly Referrer[],
): Promise<void> {
  const table = sluggedTables[type] as PgTable & { id: PgColumn; slug: PgColumn };
  const counts = Object.fromEntries(referrers.map((r, index) => [`c${index}`, sql<number>`(${r.count})::int`]));
  const [row] = (await tx
    .select({ slug: table.slug, ...counts })
    .from(table)
    .where(eq(table.id, id))
    .for('update')) as Record<string, unknown>[];
  if (!row) return;
  const found = referrers.flatMap((r, index) => {
    const count = Number(row[`c${index}`]);
    return count > 0 ? [`${count} ${count === 1 ? r.one : r.many}`] : [];
  });
  if (!found.length) return;
  const list = found.length === 1 ? found[0] : `${found.slice(0, -1).join(', ')} and ${found.at(-1)}`;
  throw new ConflictError(`${type} ${String(row.slug)} has ${list}; delete or move them first (or merge)`, [
    'input',
    'where',
  ]);
}

/** `select count(*) from <column's table> where <column> = id`. */
export const countWhere = (table: PgTable, column: PgColumn, id: number): SQL =>
  sql`select count(*) from ${table} where ${column} = ${id}`;

/**
 * Refuses a parent that would make a cycle: `parentId` or one of its ancestors is the row itself. The
 * message walks the loop, e.g. "ppo → grpo → ppo".
 */
export async function checkNoParentCycle(
  tx: Tx,
  table: PgTable & { id: PgColumn; slug: PgColumn },
  parentColumn: PgColumn,
  noun: string,
  id: number,
  parentId: number,
  path: string[],
): Promise<void> {
  const rows = (await tx.execute(sql`
    with recursive chain(id, depth) as (
      select ${parentId}::int, 0
      union all
      select ${parentColumn}, chain.depth + 1
      from ${table} join chain on ${table.id} = chain.id
      where ${parentColumn} is not null and chain.id <> ${id} and chain.depth < 10000
    )
    select chain.id, ${table.slug} as slug from chain join ${table} on ${table.id} = chain.id order by chain.depth
  `)) as unknown as { rows: { id: number; slug: string }[] };
  const chain = rows.rows;
  const loop = chain.findIndex((row) => Number(row.id) === id);
  if (loop === -1) return;
  const slugs = chain.slice(0, loop + 1).map((row) => row.slug);
  const self = slugs[slugs.length - 1] as string;
  throw ValidationError.of(
    path,
    slugs.length === 1
      ? `a ${noun} cannot be its own parent`
      : `would make a cycle: ${[self, ...slugs].join(' → ')} (a ${noun} cannot be its own ancestor)`,
  );
}
