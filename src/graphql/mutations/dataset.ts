/**
 * createDataset, updateDataset, deleteDataset.
 */
import { createDataset, deleteDataset, updateDataset } from '../../write/dataset.ts';
import { defineEntityMutations, type InputFieldBuilder } from './entity-mutations.ts';
import { DatasetDomainEnum } from '../types/enums.ts';
import { SourceLinkInput } from './shared.ts';

const datasetFields = (t: InputFieldBuilder, required: boolean) => ({
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

defineEntityMutations({
  kind: 'dataset',
  noun: 'a dataset',
  fields: datasetFields,
  create: createDataset,
  update: updateDataset,
  remove: deleteDataset,
  descriptions: {
    createInput: 'A new dataset or benchmark.',
    create: 'Adds a dataset or benchmark. Needs the editor role.',
    delete: 'Deletes a dataset with no results, training uses, subsets or claims naming it. Needs the admin role.',
  },
});
