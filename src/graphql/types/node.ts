/**
 * `Query.node` and `Query.nodes`: refetch any object by its global ID (Relay object identification). An ID
 * that cannot be ours is BAD_USER_INPUT; a well-formed ID whose row does not exist resolves to null.
 */
import { resolveNodes } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import { checkGlobalId, nullIfMissing } from '../node-lookup.ts';

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description: 'Fetches any object by its global ID; null if no such object exists.',
    args: { id: t.arg.globalID({ required: true, description: 'A global ID returned by this API.' }) },
    resolve: async (_root, { id }, ctx, info) => {
      checkGlobalId(id, info);
      return (await nullIfMissing(resolveNodes(builder, ctx, info, [id])))?.[0] ?? null;
    },
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description: 'Fetches several objects by global ID, in the order given; null for IDs that match nothing.',
    args: { ids: t.arg.globalIDList({ required: true, description: 'Global IDs returned by this API.' }) },
    resolve: (_root, { ids }, ctx, info) => {
      for (const id of ids) checkGlobalId(id, info);
      // One load per ID, so that a missing row nulls only its own entry; plugin-drizzle's loader still
      // batches the loads of one tick into one statement per type.
      return ids.map(async (id) => (await nullIfMissing(resolveNodes(builder, ctx, info, [id])))?.[0] ?? null);
    },
  }),
}));
