/**
 * createDataset, updateDataset, deleteDataset.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createDataset, deleteDataset, updateDataset } from '../../write/dataset.ts';
import { builder } from '../builder.ts';
import { DatasetDomainEnum } from '../types/enums.ts';
import { writeErrors } from '../types/errors.ts';
import { DeletePayload, EntityWhereInput, idOf, SourceLinkInput, stub, write } from './shared.ts';

const datasetFields = (
  t: PothosSchemaTypes.InputFieldBuilder<
    typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never,
    'InputObject'
  >,
  required: boolean,
) => ({
  slug: t.string({ required, description: 'Stable handle: lower-case letters and digits separated by "-" or ".".' }),
  name: t.string({ required, description: 'Display name.' }),
  aliases: t.stringList({ description: 'Other names and spellings (replaces the list when given).' }),
  description: t.string({ description: 'What the dataset is, in a few sentences.' }),
  benchmark: t.boolean({
    required,
    description: 'Whether the dataset is used to evaluate models (benchmark, trainingData or both).',
  }),
  trainingData: t.boolean({
    required,
    description: 'Whether the dataset is used to train models (benchmark, trainingData or both).',
  }),
  domains: t.field({
    type: [DatasetDomainEnum],
    required,
    description: 'Subject areas the dataset covers (at least one, each once; replaces the list when given).',
  }),
  size: t.string({ description: 'Size as the sources state it (splits, counts).' }),
  exampleCount: t.int({ description: 'Number of examples, where a single total is known (positive).' }),
  defaultMetric: t.string({ description: 'Slug of the metric the dataset is usually scored in.' }),
  defaultSetting: t.string({ description: 'The evaluation setting usually used (shots, chain of thought...).' }),
  license: t.string({ description: 'Slug of the license of the data.' }),
  licenseNotes: t.string({ description: 'Remarks on licensing (code vs data...).' }),
  creators: t.string({ description: 'Authors or teams that created the dataset, as free text.' }),
  creatorOrganizations: t.stringList({
    description: 'Slugs of the organizations credited with the dataset (each once; replaces the set when given).',
  }),
  introducedYear: t.int({ description: 'Year the dataset was introduced (1900–2100).' }),
  paper: t.string({ description: 'Slug of the source (a paper) that introduced the dataset.' }),
  parent: t.string({
    description: 'Slug of the dataset this one is a subset or revision of; parents never form a cycle.',
  }),
  huggingfaceId: t.string({ description: 'Hugging Face dataset repository id ("owner/name"); unique.' }),
  homepage: t.string({ description: 'Home page or repository of the dataset (http or https URL).' }),
  sources: t.field({
    type: [SourceLinkInput],
    required,
    description: 'Sources that back the dataset (at least one, each once; replaces the set when given).',
  }),
});

const CreateDatasetInput = builder.inputType('CreateDatasetInput', {
  description: 'A new dataset or benchmark.',
  fields: (t) => datasetFields(t, true),
});

const UpdateDatasetInput = builder.inputType('UpdateDatasetInput', {
  description: 'Changes to a dataset: omitted fields stay as they are, null clears an optional field.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The dataset to change.' }),
    ...datasetFields(t, false),
  }),
});

const DeleteDatasetInput = builder.inputType('DeleteDatasetInput', {
  description: 'The dataset to delete.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The dataset to delete.' }),
  }),
});

const DatasetPayload = builder.objectRef<{ id: number }>('DatasetPayload').implement({
  description: 'The dataset as written.',
  fields: (t) => ({
    dataset: t.drizzleField({
      type: 'dataset',
      description: 'The dataset.',
      resolve: (_q, p) => stub(p.id),
    }),
  }),
});

const where = (input: { where: { id?: string | null; slug?: string | null } }) => ({
  id: idOf(input.where.id, 'Dataset', ['input', 'where', 'id']),
  slug: input.where.slug,
});

builder.mutationFields((t) => ({
  createDataset: t.field({
    type: DatasetPayload,
    description: 'Adds a dataset or benchmark. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('createDataset'),
    args: { input: t.arg({ type: CreateDatasetInput, required: true, description: 'The dataset.' }) },
    resolve: (_root, { input }, ctx) => write(ctx, 'createDataset', (tx) => createDataset(tx, input)),
  }),
  updateDataset: t.field({
    type: DatasetPayload,
    description: 'Changes a dataset. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('updateDataset'),
    args: { input: t.arg({ type: UpdateDatasetInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'updateDataset', async (tx) => {
        const { where: _where, ...changes } = input;
        return updateDataset(tx, where(input), changes);
      }),
  }),
  deleteDataset: t.field({
    type: DeletePayload,
    description: 'Deletes a dataset with no results, training uses, subsets or claims naming it. Needs the admin role.',
    authScopes: { admin: true },
    errors: writeErrors('deleteDataset'),
    args: { input: t.arg({ type: DeleteDatasetInput, required: true, description: 'The dataset.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'deleteDataset', async (tx) => {
        const { id } = await deleteDataset(tx, where(input));
        return { deletedId: encodeGlobalID('Dataset', id) };
      }),
  }),
}));
