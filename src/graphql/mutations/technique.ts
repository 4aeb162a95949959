/**
 * createTechnique, updateTechnique, deleteTechnique.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTechnique, deleteTechnique, updateTechnique } from '../../write/technique.ts';
import { builder } from '../builder.ts';
import { TechniqueKindEnum } from '../types/enums.ts';
import { writeErrors } from '../types/errors.ts';
import { DeletePayload, EntityWhereInput, idOf, SourceLinkInput, stub, write } from './shared.ts';

const techniqueFields = (
  t: PothosSchemaTypes.InputFieldBuilder<
    typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never,
    'InputObject'
  >,
  required: boolean,
) => ({
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

const CreateTechniqueInput = builder.inputType('CreateTechniqueInput', {
  description: 'A new technique.',
  fields: (t) => techniqueFields(t, true),
});

const UpdateTechniqueInput = builder.inputType('UpdateTechniqueInput', {
  description: 'Changes to a technique: omitted fields stay as they are, null clears an optional field.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The technique to change.' }),
    ...techniqueFields(t, false),
  }),
});

const DeleteTechniqueInput = builder.inputType('DeleteTechniqueInput', {
  description: 'The technique to delete.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The technique to delete.' }),
  }),
});

const TechniquePayload = builder.objectRef<{ id: number }>('TechniquePayload').implement({
  description: 'The technique as written.',
  fields: (t) => ({
    technique: t.drizzleField({
      type: 'technique',
      description: 'The technique.',
      resolve: (_q, p) => stub(p.id),
    }),
  }),
});

const where = (input: { where: { id?: string | null; slug?: string | null } }) => ({
  id: idOf(input.where.id, 'Technique', ['input', 'where', 'id']),
  slug: input.where.slug,
});

builder.mutationFields((t) => ({
  createTechnique: t.field({
    type: TechniquePayload,
    description: 'Adds a technique. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('createTechnique'),
    args: { input: t.arg({ type: CreateTechniqueInput, required: true, description: 'The technique.' }) },
    resolve: (_root, { input }, ctx) => write(ctx, 'createTechnique', (tx) => createTechnique(tx, input)),
  }),
  updateTechnique: t.field({
    type: TechniquePayload,
    description: 'Changes a technique. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('updateTechnique'),
    args: { input: t.arg({ type: UpdateTechniqueInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'updateTechnique', async (tx) => {
        const { where: _where, ...changes } = input;
        return updateTechnique(tx, where(input), changes);
      }),
  }),
  deleteTechnique: t.field({
    type: DeletePayload,
    description:
      'Deletes a technique no model uses, no technique specializes and no claim names. Needs the admin role.',
    authScopes: { admin: true },
    errors: writeErrors('deleteTechnique'),
    args: { input: t.arg({ type: DeleteTechniqueInput, required: true, description: 'The technique.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'deleteTechnique', async (tx) => {
        const { id } = await deleteTechnique(tx, where(input));
        return { deletedId: encodeGlobalID('Technique', id) };
      }),
  }),
}));
