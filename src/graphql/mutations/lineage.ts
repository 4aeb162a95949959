/**
 * addLineageEdge, removeLineageEdge: the "derived from" edges between models (the Derivation type).
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { addLineageEdge, removeLineageEdge } from '../../write/lineage.ts';
import { builder } from '../builder.ts';
import { LineageKindEnum } from '../types/enums.ts';
import { writeErrors } from '../types/errors.ts';
import { DeletePayload, EntityWhereInput, idOf, locator, stub, write } from './shared.ts';

const AddLineageEdgeInput = builder.inputType('AddLineageEdgeInput', {
  description: 'A new lineage edge: `model` was derived from `baseModel` by `kind`.',
  fields: (t) => ({
    model: t.field({ type: EntityWhereInput, required: true, description: 'The derived model (the child).' }),
    baseModel: t.field({
      type: EntityWhereInput,
      required: true,
      description:
        'The model it was derived from (the parent). It must not descend from `model`: lineage has no cycles.',
    }),
    kind: t.field({ type: LineageKindEnum, required: true, description: 'How the model was derived.' }),
    details: t.string({ description: 'How the derivation was done, in words.' }),
    source: t.string({ required: true, description: 'Slug of the source that states this lineage.' }),
    unverified: t.boolean({ description: 'True when the sources do not confirm the edge (default false).' }),
  }),
});

const LineageEdgeWhereInput = builder.inputType('LineageEdgeWhereInput', {
  description: 'Names a lineage edge: by its global ID, or by all of model, base model and kind.',
  fields: (t) => ({
    id: t.id({ description: 'Global ID of the Derivation.' }),
    model: t.field({ type: EntityWhereInput, description: 'The derived model.' }),
    baseModel: t.field({ type: EntityWhereInput, description: 'The base model.' }),
    kind: t.field({ type: LineageKindEnum, description: 'The kind of derivation.' }),
  }),
});

const RemoveLineageEdgeInput = builder.inputType('RemoveLineageEdgeInput', {
  description: 'The lineage edge to remove.',
  fields: (t) => ({
    where: t.field({ type: LineageEdgeWhereInput, required: true, description: 'The edge.' }),
  }),
});

const AddLineageEdgePayload = builder.objectRef<{ id: number }>('AddLineageEdgePayload').implement({
  description: 'The lineage edge as written.',
  fields: (t) => ({
    derivation: t.drizzleField({
      type: 'modelLineage',
      description: 'The new edge.',
      resolve: (_q, p) => stub(p.id),
    }),
  }),
});

builder.mutationFields((t) => ({
  addLineageEdge: t.field({
    type: AddLineageEdgePayload,
    description:
      'Records that a model was derived from another. Self-edges and cycles are a ValidationError naming the cycle; an edge already recorded (same models and kind) is a ConflictError. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('addLineageEdge'),
    args: { input: t.arg({ type: AddLineageEdgeInput, required: true, description: 'The edge.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'addLineageEdge', (tx) => {
        const { model, baseModel, ...fields } = input;
        return addLineageEdge(
          tx,
          {
            model: locator(model, 'Model', ['input', 'model']),
            baseModel: locator(baseModel, 'Model', ['input', 'baseModel']),
          },
          fields,
        );
      }),
  }),
  removeLineageEdge: t.field({
    type: DeletePayload,
    description: 'Removes a lineage edge. Needs the editor role (it edits the model’s lineage).',
    authScopes: { editor: true },
    errors: writeErrors('removeLineageEdge'),
    args: { input: t.arg({ type: RemoveLineageEdgeInput, required: true, description: 'The edge.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'removeLineageEdge', async (tx) => {
        const where = input.where;
        const path = ['input', 'where'];
        const { id } = await removeLineageEdge(tx, {
          id: idOf(where.id, 'Derivation', [...path, 'id']),
          model: where.model && locator(where.model, 'Model', [...path, 'model']),
          baseModel: where.baseModel && locator(where.baseModel, 'Model', [...path, 'baseModel']),
          kind: where.kind,
        });
        return { deletedId: encodeGlobalID('Derivation', id) };
      }),
  }),
}));
