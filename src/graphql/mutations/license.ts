/**
 * createLicense, updateLicense, deleteLicense.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createLicense, deleteLicense, updateLicense } from '../../write/license.ts';
import { builder } from '../builder.ts';
import { LicenseCategoryEnum } from '../types/enums.ts';
import { writeErrors } from '../types/errors.ts';
import { DeletePayload, EntityWhereInput, idOf, stub, write } from './shared.ts';

const licenseFields = (
  t: PothosSchemaTypes.InputFieldBuilder<
    typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never,
    'InputObject'
  >,
  required: boolean,
) => ({
  slug: t.string({ required, description: 'Stable handle: lower-case letters and digits separated by "-" or ".".' }),
  spdxId: t.string({ description: 'SPDX identifier (e.g. "Apache-2.0"), where the license has one; unique.' }),
  name: t.string({ required, description: 'Full name of the license.' }),
  category: t.field({
    type: LicenseCategoryEnum,
    required,
    description: 'How freely the license lets others use the work.',
  }),
  osiApproved: t.boolean({
    required,
    description: 'Whether the Open Source Initiative approves it; only a permissive or copyleft license can be.',
  }),
  url: t.string({ description: 'Text of the license (http or https URL).' }),
  description: t.string({ description: 'What the license allows and forbids, in short.' }),
  source: t.string({ description: 'Slug of the source for the license text or terms.' }),
});

const CreateLicenseInput = builder.inputType('CreateLicenseInput', {
  description: 'A new license.',
  fields: (t) => licenseFields(t, true),
});

const UpdateLicenseInput = builder.inputType('UpdateLicenseInput', {
  description: 'Changes to a license: omitted fields stay as they are, null clears an optional field.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The license to change.' }),
    ...licenseFields(t, false),
  }),
});

const DeleteLicenseInput = builder.inputType('DeleteLicenseInput', {
  description: 'The license to delete.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The license to delete.' }),
  }),
});

const LicensePayload = builder.objectRef<{ id: number }>('LicensePayload').implement({
  description: 'The license as written.',
  fields: (t) => ({
    license: t.drizzleField({
      type: 'license',
      description: 'The license.',
      resolve: (_q, p) => stub(p.id),
    }),
  }),
});

const where = (input: { where: { id?: string | null; slug?: string | null } }) => ({
  id: idOf(input.where.id, 'License', ['input', 'where', 'id']),
  slug: input.where.slug,
});

builder.mutationFields((t) => ({
  createLicense: t.field({
    type: LicensePayload,
    description: 'Adds a license. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('createLicense'),
    args: { input: t.arg({ type: CreateLicenseInput, required: true, description: 'The license.' }) },
    resolve: (_root, { input }, ctx) => write(ctx, 'createLicense', (tx) => createLicense(tx, input)),
  }),
  updateLicense: t.field({
    type: LicensePayload,
    description: 'Changes a license. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('updateLicense'),
    args: { input: t.arg({ type: UpdateLicenseInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'updateLicense', async (tx) => {
        const { where: _where, ...changes } = input;
        return updateLicense(tx, where(input), changes);
      }),
  }),
  deleteLicense: t.field({
    type: DeletePayload,
    description: 'Deletes a license no model or dataset is released under. Needs the admin role.',
    authScopes: { admin: true },
    errors: writeErrors('deleteLicense'),
    args: { input: t.arg({ type: DeleteLicenseInput, required: true, description: 'The license.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'deleteLicense', async (tx) => {
        const { id } = await deleteLicense(tx, where(input));
        return { deletedId: encodeGlobalID('License', id) };
      }),
  }),
}));
