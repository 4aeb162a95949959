/**
 * createSource, updateSource, deleteSource.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createSource, deleteSource, updateSource } from '../../write/source.ts';
import { builder } from '../builder.ts';
import { SourceKindEnum } from '../types/enums.ts';
import { writeErrors } from '../types/errors.ts';
import { DeletePayload, EntityWhereInput, idOf, stub, write } from './shared.ts';

const sourceFields = (
  t: PothosSchemaTypes.InputFieldBuilder<
    typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never,
    'InputObject'
  >,
  required: boolean,
) => ({
  slug: t.string({ required, description: 'Stable handle: lower-case letters and digits separated by "-" or ".".' }),
  url: t.string({
    description: 'Where the source can be read (http or https URL); no two sources share one.',
  }),
  title: t.string({ required, description: 'Title of the document.' }),
  publisher: t.string({ description: 'Who published the document.' }),
  kind: t.field({ type: SourceKindEnum, required, description: 'What kind of document it is.' }),
  primary: t.boolean({
    required,
    description: 'True for a primary source (the maker’s own paper, card, blog or repository).',
  }),
  publishedOn: t.string({ description: 'Publication date, as YYYY-MM-DD.' }),
  notes: t.string({ description: 'Remarks on the source (what was readable, caveats).' }),
});

const CreateSourceInput = builder.inputType('CreateSourceInput', {
  description: 'A new source. A source has no sources itself.',
  fields: (t) => sourceFields(t, true),
});

const UpdateSourceInput = builder.inputType('UpdateSourceInput', {
  description: 'Changes to a source: omitted fields stay as they are, null clears an optional field.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The source to change.' }),
    ...sourceFields(t, false),
  }),
});

const DeleteSourceInput = builder.inputType('DeleteSourceInput', {
  description: 'The source to delete.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The source to delete.' }),
  }),
});

const SourcePayload = builder.objectRef<{ id: number }>('SourcePayload').implement({
  description: 'The source as written.',
  fields: (t) => ({
    source: t.drizzleField({
      type: 'source',
      description: 'The source.',
      resolve: (_q, p) => stub(p.id),
    }),
  }),
});

const where = (input: { where: { id?: string | null; slug?: string | null } }) => ({
  id: idOf(input.where.id, 'Source', ['input', 'where', 'id']),
  slug: input.where.slug,
});

builder.mutationFields((t) => ({
  createSource: t.field({
    type: SourcePayload,
    description: 'Adds a source. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('createSource'),
    args: { input: t.arg({ type: CreateSourceInput, required: true, description: 'The source.' }) },
    resolve: (_root, { input }, ctx) => write(ctx, 'createSource', (tx) => createSource(tx, input)),
  }),
  updateSource: t.field({
    type: SourcePayload,
    description: 'Changes a source. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('updateSource'),
    args: { input: t.arg({ type: UpdateSourceInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'updateSource', async (tx) => {
        const { where: _where, ...changes } = input;
        return updateSource(tx, where(input), changes);
      }),
  }),
  deleteSource: t.field({
    type: DeletePayload,
    description:
      'Deletes a source that nothing refers to (no fact, entity, license or paper link). Needs the admin role.',
    authScopes: { admin: true },
    errors: writeErrors('deleteSource'),
    args: { input: t.arg({ type: DeleteSourceInput, required: true, description: 'The source.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'deleteSource', async (tx) => {
        const { id } = await deleteSource(tx, where(input));
        return { deletedId: encodeGlobalID('Source', id) };
      }),
  }),
}));
