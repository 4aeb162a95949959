/**
 * mergeModels, mergeOrganizations, mergeDatasets, mergeTechniques: fold a duplicate into the entity to keep.
 */
import {
  type MergeResult,
  mergeDatasets,
  mergeModels,
  mergeOrganizations,
  mergeTechniques,
} from '../../write/merge.ts';
import type { EntityLocator } from '../../write/references.ts';
import type { Tx } from '../../write/transaction.ts';
import { builder } from '../builder.ts';
import { writeErrors } from '../types/errors.ts';
import { EntityWhereInput, locator, stub, TableCount, write } from './shared.ts';

const merges = {
  Model: { mutation: 'mergeModels', field: 'model', table: 'model', noun: 'model', run: mergeModels },
  Organization: {
    mutation: 'mergeOrganizations',
    field: 'organization',
    table: 'organization',
    noun: 'organization',
    run: mergeOrganizations,
  },
  Dataset: { mutation: 'mergeDatasets', field: 'dataset', table: 'dataset', noun: 'dataset', run: mergeDatasets },
  Technique: {
    mutation: 'mergeTechniques',
    field: 'technique',
    table: 'technique',
    noun: 'technique',
    run: mergeTechniques,
  },
} as const satisfies Record<
  string,
  {
    mutation: string;
    field: string;
    table: string;
    noun: string;
    run: (tx: Tx, keep: EntityLocator, remove: EntityLocator) => Promise<MergeResult>;
  }
>;

type Kind = keyof typeof merges;

function mergeInput(type: Kind) {
  const { noun } = merges[type];
  return builder.inputType(`Merge${type}sInput`, {
    description: `Two ${noun}s that are the same: \`remove\` is folded into \`keep\`.`,
    fields: (t) => ({
      keep: t.field({ type: EntityWhereInput, required: true, description: `The ${noun} that stays.` }),
      remove: t.field({
        type: EntityWhereInput,
        required: true,
        description: `The duplicate ${noun}: its references move to \`keep\`, its slug, name and aliases become aliases of \`keep\`, and it is deleted.`,
      }),
    }),
  });
}

function mergePayload<K extends Kind>(type: K) {
  const { noun, table } = merges[type];
  return builder.objectRef<MergeResult>(`Merge${type}sPayload`).implement({
    description: `The result of merging two ${noun}s.`,
    fields: (t) => ({
      [merges[type].field]: t.drizzleField({
        type: table,
        description: `The kept ${noun}, with everything moved onto it.`,
        resolve: (_q, p) => stub(p.id),
      }),
      moved: t.field({
        type: [TableCount],
        description: `Rows moved from the removed ${noun} onto the kept one, by table (only tables with rows).`,
        resolve: (p) => p.moved,
      }),
      dropped: t.field({
        type: [TableCount],
        description: `Rows of the removed ${noun} dropped because the kept one already had the same row (or they would have joined it to itself), by table.`,
        resolve: (p) => p.dropped,
      }),
      remarks: t.stringList({
        description:
          'Drops worth reading, in words (a lineage edge or parent link between the two, which would have become a self-reference).',
        resolve: (p) => p.remarks,
      }),
    }),
  });
}

for (const type of Object.keys(merges) as Kind[]) {
  const { mutation, noun, run } = merges[type];
  const Input = mergeInput(type);
  const Payload = mergePayload(type);
  builder.mutationField(mutation, (t) =>
    t.field({
      type: Payload,
      description: `Merges a duplicate ${noun} into another in one transaction: every reference moves to \`keep\` (duplicates that would arise are dropped, \`keep\`’s row winning, and counted), \`remove\`’s slug, name and aliases become aliases of \`keep\`, and \`remove\` is deleted. Needs the admin role.`,
      authScopes: { admin: true },
      errors: writeErrors(mutation),
      args: { input: t.arg({ type: Input, required: true, description: `The two ${noun}s.` }) },
      resolve: (_root, { input }, ctx) =>
        write(ctx, mutation, (tx) =>
          run(tx, locator(input.keep, type, ['input', 'keep']), locator(input.remove, type, ['input', 'remove'])),
        ),
    }),
  );
}
