/**
 * The sources backing a whole entity (organization_source, model_source...): a write that lists them
 * replaces the set, keeping the rows that did not change.
 */
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { entities, type SourcedKind } from '../db/entities.ts';
import { idsBySlugs } from './references.ts';
import type { Tx } from './transaction.ts';

export async function setEntitySources(
  tx: Tx,
  entity: SourcedKind,
  entityId: number,
  links: readonly { source: string; notes: string }[],
  path: string[],
): Promise<void> {
  const table = entities[entity].sources;
  const sourceIds = await idsBySlugs(
    tx,
    'Source',
    links.map((link) => link.source),
    path,
  );
  const rows = links.map((link, index) => ({ entityId, sourceId: sourceIds[index] as number, notes: link.notes }));
  await tx
    .delete(table)
    .where(and(eq(table.entityId, entityId), rows.length ? notInArray(table.sourceId, sourceIds) : sql`true`));
  if (rows.length) {
    await tx
      .insert(table)
      .values(rows)
      .onConflictDoUpdate({
        target: [table.entityId, table.sourceId],
        set: { notes: sql.raw('excluded.notes') },
        setWhere: sql`${table.notes} is distinct from excluded.notes`,
      });
  }
}
