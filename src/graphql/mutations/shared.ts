/**
 * What every mutation shares (Relay conventions: one `input` argument, a payload with the changed node):
 * the Mutation type, the write wrapper that runs a resolver's work in one named, audited transaction,
 * `locator` (an EntityWhereInput as a write locator) and the inputs and payloads several entities use.
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../context.ts';
import { ValidationError } from '../../errors.ts';
import type { EntityLocator } from '../../write/references.ts';
import { type Tx, writeTransaction } from '../../write/transaction.ts';
import { builder } from '../builder.ts';

builder.mutationType({
  description:
    'Writes to the graph. Each mutation is one transaction: on any error nothing is written. Writes need an API key or a JWT with the editor role; deletes and merges need admin.',
});

/** Runs `work` in one transaction named `operation` in the audit trail, as the request's viewer. */
export function write<T>(ctx: Context, operation: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return writeTransaction(ctx.db, { actor: ctx.actor, operation }, work);
}

/** A node the payload returns, loaded (batched) by plugin-drizzle from its id. */
export const stub = (id: number) => ({ id }) as never;

/** The row id inside a global ID of `type`, or a ValidationError at `path`. */
export function idOf(globalId: string | null | undefined, type: string, path: string[]): number | undefined {
  if (globalId === undefined || globalId === null) return undefined;
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw ValidationError.of(path, `"${globalId}" is not a valid ID of this API`);
  }
  if (decoded.typename !== type || !/^\d+$/.test(decoded.id)) {
    throw ValidationError.of(path, `"${globalId}" is not the ID of a ${type}`);
  }
  return Number(decoded.id);
}

/** An EntityWhereInput of `type` as a write locator (the global ID decoded, or a ValidationError at `path`). */
export function locator(
  where: { id?: string | null | undefined; slug?: string | null | undefined },
  type: string,
  path: string[],
): EntityLocator {
  return { id: idOf(where.id, type, [...path, 'id']), slug: where.slug };
}

/** Rows of one table, as deletes and merges report them. */
export const TableCount = builder.objectRef<{ table: string; count: number }>('TableCount').implement({
  description: 'A number of rows of one table (what a delete or merge moved, dropped or deleted).',
  fields: (t) => ({
    table: t.exposeString('table', { description: 'The table, e.g. "benchmark_result".' }),
    count: t.exposeInt('count', { description: 'How many of its rows.' }),
  }),
});

export const SourceLinkInput = builder.inputType('SourceLinkInput', {
  description: 'A source that backs an entity, and optionally what it backs.',
  fields: (t) => ({
    source: t.string({ required: true, description: 'Slug of the source.' }),
    notes: t.string({ description: 'What this source backs (e.g. "parameter count"); empty when it backs it all.' }),
  }),
});

export const EntityWhereInput = builder.inputType('EntityWhereInput', {
  description: 'Names an existing entity by exactly one of its global ID and its slug.',
  fields: (t) => ({
    id: t.id({ description: 'Global ID of the entity.' }),
    slug: t.string({ description: 'Slug of the entity.' }),
  }),
});

export const DeletePayload = builder.objectRef<{ deletedId: string }>('DeletePayload').implement({
  description: 'What a delete removed.',
  fields: (t) => ({
    deletedId: t.exposeID('deletedId', { description: 'Global ID of the deleted node; refetching it gives null.' }),
  }),
});
