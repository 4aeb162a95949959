/**
 * createOrganization, updateOrganization, deleteOrganization.
 */
import { createOrganization, deleteOrganization, updateOrganization } from '../../write/organization.ts';
import { builder } from '../builder.ts';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { OrganizationKindEnum } from '../types/enums.ts';
import { writeErrors } from '../types/errors.ts';
import { DeletePayload, EntityWhereInput, idOf, SourceLinkInput, stub, write } from './shared.ts';

const organizationFields = (
  t: PothosSchemaTypes.InputFieldBuilder<
    typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never,
    'InputObject'
  >,
  required: boolean,
) => ({
  slug: t.string({ required, description: 'Stable handle: lower-case letters and digits separated by "-" or ".".' }),
  name: t.string({ required, description: 'Display name.' }),
  aliases: t.stringList({ description: 'Other names and spellings (replaces the list when given).' }),
  description: t.string({ description: 'What the organization is, in a few sentences.' }),
  kind: t.field({ type: OrganizationKindEnum, required, description: 'What kind of body it is.' }),
  country: t.string({ description: 'Country of the headquarters, ISO 3166-1 alpha-2 (e.g. "US").' }),
  headquarters: t.string({ description: 'City (and area) of the headquarters.' }),
  website: t.string({ description: 'Main website (http or https URL).' }),
  foundedYear: t.int({ description: 'Year founded (1800–2100).' }),
  sources: t.field({
    type: [SourceLinkInput],
    required,
    description: 'Sources that back the organization (at least one, each once; replaces the set when given).',
  }),
});

const CreateOrganizationInput = builder.inputType('CreateOrganizationInput', {
  description: 'A new organization.',
  fields: (t) => organizationFields(t, true),
});

const UpdateOrganizationInput = builder.inputType('UpdateOrganizationInput', {
  description: 'Changes to an organization: omitted fields stay as they are, null clears an optional field.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The organization to change.' }),
    ...organizationFields(t, false),
  }),
});

const DeleteOrganizationInput = builder.inputType('DeleteOrganizationInput', {
  description: 'The organization to delete.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The organization to delete.' }),
  }),
});

const OrganizationPayload = builder.objectRef<{ id: number }>('OrganizationPayload').implement({
  description: 'The organization as written.',
  fields: (t) => ({
    organization: t.drizzleField({
      type: 'organization',
      description: 'The organization.',
      resolve: (_q, p) => stub(p.id),
    }),
  }),
});

const where = (input: { where: { id?: string | null; slug?: string | null } }) => ({
  id: idOf(input.where.id, 'Organization', ['input', 'where', 'id']),
  slug: input.where.slug,
});

builder.mutationFields((t) => ({
  createOrganization: t.field({
    type: OrganizationPayload,
    description: 'Adds an organization. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('createOrganization'),
    args: { input: t.arg({ type: CreateOrganizationInput, required: true, description: 'The organization.' }) },
    resolve: (_root, { input }, ctx) => write(ctx, 'createOrganization', (tx) => createOrganization(tx, input)),
  }),
  updateOrganization: t.field({
    type: OrganizationPayload,
    description: 'Changes an organization. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('updateOrganization'),
    args: { input: t.arg({ type: UpdateOrganizationInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'updateOrganization', async (tx) => {
        const { where: _where, ...changes } = input;
        return updateOrganization(tx, where(input), changes);
      }),
  }),
  deleteOrganization: t.field({
    type: DeletePayload,
    description: 'Deletes an organization that nothing refers to. Needs the admin role.',
    authScopes: { admin: true },
    errors: writeErrors('deleteOrganization'),
    args: { input: t.arg({ type: DeleteOrganizationInput, required: true, description: 'The organization.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'deleteOrganization', async (tx) => {
        const { id } = await deleteOrganization(tx, where(input));
        return { deletedId: encodeGlobalID('Organization', id) };
      }),
  }),
}));
