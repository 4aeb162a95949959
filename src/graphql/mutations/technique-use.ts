/**
 * addTechniqueStage, updateTechniqueStage, removeTechniqueStage: a model's uses of techniques (TechniqueUse).
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  addTechniqueStage,
  removeTechniqueStage,
  type TechniqueUseLocator,
  updateTechniqueStage,
} from '../../write/technique-use.ts';
import { builder, type SchemaTypes } from '../builder.ts';
import { writeErrors } from '../types/errors.ts';
import { DeletePayload, EntityWhereInput, idOf, locator, stub, write } from './shared.ts';

type InputFields = PothosSchemaTypes.InputFieldBuilder<SchemaTypes, 'InputObject'>;

const stageFields = (t: InputFields, required: boolean) => ({
  stage: t.int({
    description: 'Position of the training stage (1 = first; techniques of one stage share it); null when not a stage.',
  }),
  details: t.string({ description: 'How the technique was applied, in words.' }),
  hyperparameters: t.field({
    type: 'JSONObject',
    description: 'Hyperparameters as reported (learning rate, beta, epochs...).',
  }),
  datasets: t.stringList({
    description: 'Slugs of the datasets the stage trained on, each once (replaces the set when given).',
  }),
  source: t.string({ required, description: 'Slug of the source that reports this use.' }),
  unverified: t.boolean({ description: 'True when the sources do not confirm this use (default false).' }),
});

const AddTechniqueStageInput = builder.inputType('AddTechniqueStageInput', {
  description: 'A model’s use of a technique. A model uses each technique once.',
  fields: (t) => ({
    model: t.field({ type: EntityWhereInput, required: true, description: 'The model.' }),
    technique: t.string({ required: true, description: 'Slug of the technique.' }),
    ...stageFields(t, true),
  }),
});

const TechniqueUseWhereInput = builder.inputType('TechniqueUseWhereInput', {
  description: 'Names a technique use: by its global ID, or by model and technique.',
  fields: (t) => ({
    id: t.id({ description: 'Global ID of the TechniqueUse.' }),
    model: t.field({ type: EntityWhereInput, description: 'The model.' }),
    technique: t.string({ description: 'Slug of the technique.' }),
  }),
});

const UpdateTechniqueStageInput = builder.inputType('UpdateTechniqueStageInput', {
  description: 'Changes to a technique use: omitted fields stay as they are, null clears an optional field.',
  fields: (t) => ({
    where: t.field({ type: TechniqueUseWhereInput, required: true, description: 'The technique use to change.' }),
    ...stageFields(t, false),
  }),
});

const RemoveTechniqueStageInput = builder.inputType('RemoveTechniqueStageInput', {
  description: 'The technique use to remove.',
  fields: (t) => ({
    where: t.field({ type: TechniqueUseWhereInput, required: true, description: 'The technique use.' }),
  }),
});

const TechniqueUsePayload = builder.objectRef<{ id: number }>('TechniqueUsePayload').implement({
  description: 'The technique use as written.',
  fields: (t) => ({
    techniqueUse: t.drizzleField({
      type: 'modelTechnique',
      description: 'The technique use.',
      resolve: (_q, p) => stub(p.id),
    }),
  }),
});

function useLocator(where: typeof TechniqueUseWhereInput.$inferInput): TechniqueUseLocator {
  const path = ['input', 'where'];
  return {
    id: idOf(where.id, 'TechniqueUse', [...path, 'id']),
    model: where.model && locator(where.model, 'Model', [...path, 'model']),
    technique: where.technique,
  };
}

builder.mutationFields((t) => ({
  addTechniqueStage: t.field({
    type: TechniqueUsePayload,
    description:
      'Records that a model used a technique (as a training stage, or not). A second use of the same technique by the model is a ConflictError. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('addTechniqueStage'),
    args: { input: t.arg({ type: AddTechniqueStageInput, required: true, description: 'The technique use.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'addTechniqueStage', (tx) => {
        const { model, ...fields } = input;
        return addTechniqueStage(tx, locator(model, 'Model', ['input', 'model']), fields);
      }),
  }),
  updateTechniqueStage: t.field({
    type: TechniqueUsePayload,
    description: 'Changes a technique use. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('updateTechniqueStage'),
    args: { input: t.arg({ type: UpdateTechniqueStageInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'updateTechniqueStage', (tx) => {
        const { where, ...changes } = input;
        return updateTechniqueStage(tx, useLocator(where), changes);
      }),
  }),
  removeTechniqueStage: t.field({
    type: DeletePayload,
    description: 'Removes a technique use. Needs the editor role (it edits the model’s recipe).',
    authScopes: { editor: true },
    errors: writeErrors('removeTechniqueStage'),
    args: { input: t.arg({ type: RemoveTechniqueStageInput, required: true, description: 'The technique use.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'removeTechniqueStage', async (tx) => {
        const { id } = await removeTechniqueStage(tx, useLocator(input.where));
        return { deletedId: encodeGlobalID('TechniqueUse', id) };
      }),
  }),
}));
