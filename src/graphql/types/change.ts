/**
 * Change: one entry of the audit trail (who changed which row, how, when), written by database triggers for
 * every write. `Query.changes` lists them all; each entity's `history` lists its own.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { sql } from 'drizzle-orm';
import { toDateTime } from '../../lib/datetime.ts';
import { ENTITY_OF_TABLE } from '../../db/entities.ts';
import { change } from '../../db/schema.ts';
import { roleOf } from '../../auth/viewer.ts';
import { builder } from '../builder.ts';
import { allOf, equals, inList, whereRaw } from '../filters.ts';
import { connectionDescription } from '../pagination.ts';

const ChangeActionEnum = builder.enumType('ChangeAction', {
  description: 'What a change did to its row.',
  values: {
    INSERT: { value: 'insert' as const, description: 'The row was added.' },
    UPDATE: { value: 'update' as const, description: 'The row was changed.' },
    DELETE: { value: 'delete' as const, description: 'The row was removed.' },
  },
});

/**
 * The trail is public, but who wrote is not: an API key's name or a JWT's subject is a person. Readers without a
 * writer's role see the part before the colon (`api-key:3 (alice)` -> `api-key`); `seed`, `import-cli` and
 * `system` have none.
 */
export const writerKind = (actor: string): string => actor.split(':', 1)[0]!;

/** Bookkeeping columns that change with every write and say nothing about content. */
const bookkeeping = new Set(['updated_at']);

function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before || !after) return Object.keys(after ?? before ?? {}).filter((key) => !bookkeeping.has(key));
  return Object.keys(after).filter(
    (key) => !bookkeeping.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

builder.drizzleNode('change', {
  name: 'Change',
  description: 'One row written by one transaction: the audit trail of the graph.',
  id: { column: (c) => c.id },
  select: {},
  fields: (t) => ({
    at: t.field({
      type: 'DateTime',
      description: 'When the transaction that made the change began.',
      select: { columns: { at: true } },
      resolve: (c) => toDateTime(c.at),
    }),
    actor: t.string({
      description:
        'Who made it: `api-key:<id> (<name>)`, `jwt:<subject>`, `seed`, `import-cli`, or `system` (plain SQL). ' +
        'A writer is named to editors and admins; other readers see only the kind of writer (`api-key`, `jwt`).',
      select: { columns: { actor: true } },
      resolve: (c, _args, ctx) => (roleOf(ctx.viewer) ? c.actor : writerKind(c.actor)),
    }),
    operation: t.exposeString('operation', {
      description: 'The mutation, import or script that made it (e.g. `createModel`, `import results.csv`).',
    }),
    transaction: t.string({
      description: 'Identifier of the transaction: changes made together share it.',
      select: { columns: { transactionId: true } },
      resolve: (c) => String(c.transactionId),
    }),
    action: t.expose('action', { type: ChangeActionEnum, description: 'Insert, update or delete.' }),
    table: t.exposeString('tableName', { description: 'The database table of the row (e.g. `model_lineage`).' }),
    entityType: t.exposeString('entityType', {
      description: 'The kind of entity the row belongs to (a lineage edge belongs to its model).',
    }),
    entityId: t.id({
      nullable: true,
      description: 'Global ID of the entity the row belongs to; null for rows that are not part of a node.',
      select: { columns: { entityType: true, entityId: true } },
      resolve: (c) => {
        const type = ENTITY_OF_TABLE.get(c.entityType)?.typeName;
        return type && c.entityId !== null ? encodeGlobalID(type, c.entityId) : null;
      },
    }),
    before: t.field({
      type: 'JSONObject',
      nullable: true,
      description: 'The row before the change (column names as in the database); null for an insert.',
      select: { columns: { before: true } },
      resolve: (c) => c.before,
    }),
    after: t.field({
      type: 'JSONObject',
      nullable: true,
      description: 'The row after the change; null for a delete.',
      select: { columns: { after: true } },
      resolve: (c) => c.after,
    }),
    changedFields: t.stringList({
      description: 'Columns whose value the change set or altered (all of them for an insert or delete).',
      select: { columns: { before: true, after: true } },
      resolve: (c) => changedFields(c.before, c.after),
    }),
  }),
});

/** `history`: the entity's changes, newest first. For the entity types' field lists. */
export function historyField(fieldBuilder: unknown, noun: string) {
  const t = fieldBuilder as {
    relatedConnection(name: 'changes', options: object): unknown;
  };
  return t.relatedConnection('changes', {
    description: `The audit trail of this ${noun}: changes to it and to the facts that belong to it, newest first. ${connectionDescription}`,
    totalCount: true,
    query: { orderBy: { id: 'desc' } },
  }) as never;
}

const ChangeFilter = builder.inputType('ChangeFilter', {
  description: 'Conditions on changes; all given conditions must hold.',
  fields: (t) => ({
    actor: t.string({
      description:
        'Only changes by this actor (exact, e.g. "seed"). Without an editor\'s or admin\'s credentials, by the kind ' +
        'of writer only (e.g. "api-key"), as `Change.actor` shows it.',
    }),
    operation: t.string({ description: 'Only changes made by this operation (exact, e.g. "createModel").' }),
    entityType: t.stringList({ description: 'Only changes to entities of these kinds (e.g. "model").' }),
    action: t.field({ type: [ChangeActionEnum], description: 'Only these actions.' }),
    since: t.field({ type: 'DateTime', description: 'Only changes at or after this time.' }),
    until: t.field({ type: 'DateTime', description: 'Only changes before this time.' }),
  }),
});

function changeCondition(
  c: typeof change,
  filter: typeof ChangeFilter.$inferInput | null | undefined,
  seesWriters: boolean,
) {
  if (!filter) return undefined;
  return allOf(
    seesWriters || filter.actor == null
      ? equals(c.actor, filter.actor)
      : sql`split_part(${c.actor}, ':', 1) = ${filter.actor}`,
    equals(c.operation, filter.operation),
    inList(c.entityType, filter.entityType, 'filter.entityType'),
    inList(c.action, filter.action, 'filter.action'),
    filter.since ? sql`${c.at} >= ${filter.since.toISOString()}` : undefined,
    filter.until ? sql`${c.at} < ${filter.until.toISOString()}` : undefined,
  );
}

builder.queryFields((t) => ({
  changes: t.drizzleConnection({
    type: 'change',
    description: `The audit trail of the whole graph, newest first. ${connectionDescription}`,
    args: { filter: t.arg({ type: ChangeFilter, description: 'Only changes matching these conditions.' }) },
    totalCount: (_root, args, ctx) =>
      ctx.db.$count(change, changeCondition(change, args.filter, roleOf(ctx.viewer) !== null)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.change.findMany(
        query({
          where: whereRaw((c: typeof change) => changeCondition(c, args.filter, roleOf(ctx.viewer) !== null)),
          orderBy: { id: 'desc' },
        }),
      ),
  }),
}));
