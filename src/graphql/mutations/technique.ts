/**
 * createTechnique, updateTechnique, deleteTechnique.
 */
import { createTechnique, deleteTechnique, updateTechnique } from '../../write/technique.ts';
import { defineEntityMutations, type InputFieldBuilder } from './entity-mutations.ts';
import { TechniqueKindEnum } from '../types/enums.ts';
import { SourceLinkInput } from './shared.ts';

const techniqueFields = (t: InputFieldBuilder, required: boolean) => ({
  slug: t.string({ required, description: 'Stable handle: lower-case letters and digits separated by "-" or ".".' }),
  name: t.string({ required, description: 'Display name.' }),
  aliases: t.stringList({ description: 'Other names and spellings (replaces the list when given).' }),
  description: t.string({ description: 'What the technique is, in a few sentences.' }),
  kind: t.field({
    type: TechniqueKindEnum,
    required,
    description: 'Which part of model building the technique belongs to.',
  }),
  introducedYear: t.int({ description: 'Year the technique was introduced (1900–2100).' }),
  introducedBy: t.string({ description: 'Slug of the source (a paper) that introduced the technique.' }),
  parent: t.string({
    description: 'Slug of the more general technique this one specializes; parents never form a cycle.',
  }),
  sources: t.field({
    type: [SourceLinkInput],
    required,
    description: 'Sources that back the technique (at least one, each once; replaces the set when given).',
  }),
});

defineEntityMutations({
  kind: 'technique',
  noun: 'a technique',
  fields: techniqueFields,
  create: createTechnique,
  update: updateTechnique,
  remove: deleteTechnique,
  descriptions: {
    delete: 'Deletes a technique no model uses, no technique specializes and no claim names. Needs the admin role.',
  },
});
