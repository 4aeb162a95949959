/** createModel, updateModel, deleteModel. */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createModel, deleteModel, modelFieldNames, updateModel } from '../../write/model.ts';
import { builder, type SchemaTypes } from '../builder.ts';
import { AccessChannelEnum, ArchitectureKindEnum, ExternalIdNamespaceEnum } from '../types/enums.ts';
import { writeErrors } from '../types/errors.ts';
import { EntityWhereInput, locator, SourceLinkInput, stub, TableCount, write } from './shared.ts';

type InputFields = PothosSchemaTypes.InputFieldBuilder<SchemaTypes, 'InputObject'>;

const DeveloperInput = builder.inputType('DeveloperInput', {
  description: 'A developer credit: an organization that developed the model, and the source that says so.',
  fields: (t) => ({
    organization: t.string({ required: true, description: 'Slug of the developer organization.' }),
    source: t.string({ required: true, description: 'Slug of the source that attributes the model to it.' }),
  }),
});

const ExternalIdInput = builder.inputType('ExternalIdInput', {
  description: 'An identifier of the model in another system; each (namespace, value) names one model only.',
  fields: (t) => ({
    namespace: t.field({ type: ExternalIdNamespaceEnum, required: true, description: 'The system.' }),
    value: t.string({
      required: true,
      description: 'The identifier ("owner/name" for Hugging Face and GitHub), e.g. "allenai/Llama-3.1-Tulu-3-405B".',
    }),
  }),
});

const TrainingComputeInput = builder.inputType('TrainingComputeInput', {
  description:
    'Training compute facts. On update, omitted fields stay as they are and null clears one; `trainingCompute: null` clears them all.',
  fields: (t) => ({
    gpuCount: t.int({ description: 'Number of GPUs used for training (> 0).' }),
    gpuType: t.string({ description: 'GPU model, e.g. "H100-80GB".' }),
    gpuHours: t.float({ description: 'Total GPU hours (a whole number > 0; Float so that it may exceed 2^31).' }),
    tokens: t.float({ description: 'Training tokens (a whole number > 0; Float so that it may exceed 2^31).' }),
    notes: t.string({ description: 'Further detail on the training setup.' }),
  }),
});

const modelFields = (t: InputFields, required: boolean) => ({
  slug: t.string({ required, description: 'Stable handle: lower-case letters and digits separated by "-" or ".".' }),
  name: t.string({ required, description: 'Display name.' }),
  aliases: t.stringList({ description: 'Other names and spellings (replaces the list when given).' }),
  description: t.string({ description: 'What the model is, in a few sentences.' }),
  developers: t.field({
    type: [DeveloperInput],
    description: 'Developer credits, lead first, each organization once (replaces the set when given).',
  }),
  architecture: t.field({ type: ArchitectureKindEnum, description: 'Dense or mixture of experts.' }),
  architectureDetails: t.string({ description: 'Architecture in more detail.' }),
  parameterCount: t.float({
    description: 'Total parameters, a whole number > 0 (Float so that 405000000000 fits; at most 2^53 - 1).',
  }),
  activeParameterCount: t.float({
    description: 'Parameters active per token, a whole number > 0 and at most `parameterCount`.',
  }),
  contextLength: t.int({ description: 'Context window in tokens (> 0).' }),
  releaseDate: t.string({ description: 'Public release date, YYYY-MM-DD.' }),
  license: t.string({ description: 'Slug of the license of the weights (or the terms of access).' }),
  licenseNotes: t.string({ description: 'Remarks on the license terms.' }),
  openWeights: t.boolean({ required, description: 'Whether the weights can be downloaded.' }),
  access: t.field({
    type: [AccessChannelEnum],
    description: 'How the model can be used, each channel once (replaces the list when given).',
  }),
  trainingCompute: t.field({ type: TrainingComputeInput, description: 'Training compute facts.' }),
  externalIds: t.field({
    type: [ExternalIdInput],
    description: 'Identifiers in other systems (replaces the set when given).',
  }),
  unverifiedFields: t.stringList({
    description: `Fields whose values the sources do not confirm (replaces the list when given): ${modelFieldNames.join(', ')}.`,
  }),
  sources: t.field({
    type: [SourceLinkInput],
    required,
    description: 'Sources that back the model (at least one; replaces the set when given).',
  }),
});

const CreateModelInput = builder.inputType('CreateModelInput', {
  description: 'A new model.',
  fields: (t) => modelFields(t, true),
});

const UpdateModelInput = builder.inputType('UpdateModelInput', {
  description: 'Changes to a model: omitted fields stay as they are, null clears an optional field.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The model to change.' }),
    ...modelFields(t, false),
  }),
});

const DeleteModelInput = builder.inputType('DeleteModelInput', {
  description: 'The model to delete.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The model to delete.' }),
    cascade: t.boolean({
      description:
        'Also delete the benchmark results, lineage edges (both directions), technique stages and claims (as subject or object) that refer to the model. Without it, such references make the delete a ConflictError.',
    }),
  }),
});

const ModelPayload = builder.objectRef<{ id: number }>('ModelPayload').implement({
  description: 'The model as written.',
  fields: (t) => ({
    model: t.drizzleField({ type: 'model', description: 'The model.', resolve: (_q, p) => stub(p.id) }),
  }),
});

const DeleteModelPayload = builder
  .objectRef<{ deletedId: string; deleted: { table: string; count: number }[] }>('DeleteModelPayload')
  .implement({
    description: 'What deleteModel removed.',
    fields: (t) => ({
      deletedId: t.exposeID('deletedId', { description: 'Global ID of the deleted model; refetching it gives null.' }),
      cascaded: t.field({
        type: [TableCount],
        description: 'Rows that referred to the model and were deleted with it (only with `cascade: true`).',
        resolve: (p) => p.deleted,
      }),
    }),
  });

builder.mutationFields((t) => ({
  createModel: t.field({
    type: ModelPayload,
    description: 'Adds a model with its developers, external ids and sources. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('createModel'),
    args: { input: t.arg({ type: CreateModelInput, required: true, description: 'The model.' }) },
    resolve: (_root, { input }, ctx) => write(ctx, 'createModel', (tx) => createModel(tx, input)),
  }),
  updateModel: t.field({
    type: ModelPayload,
    description: 'Changes a model. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('updateModel'),
    args: { input: t.arg({ type: UpdateModelInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'updateModel', async (tx) => {
        const { where, ...changes } = input;
        return updateModel(tx, locator(where, 'Model', ['input', 'where']), changes);
      }),
  }),
  deleteModel: t.field({
    type: DeleteModelPayload,
    description:
      'Deletes a model with its developer credits, external ids and source links. Refused (ConflictError) while results, lineage edges, technique stages or claims refer to it, unless `cascade: true`. Needs the admin role.',
    authScopes: { admin: true },
    errors: writeErrors('deleteModel'),
    args: { input: t.arg({ type: DeleteModelInput, required: true, description: 'The model.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'deleteModel', async (tx) => {
        const { id, deleted } = await deleteModel(tx, locator(input.where, 'Model', ['input', 'where']), {
          cascade: input.cascade,
        });
        return { deletedId: encodeGlobalID('Model', id), deleted };
      }),
  }),
}));
