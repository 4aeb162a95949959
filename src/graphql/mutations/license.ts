/**
 * createLicense, updateLicense, deleteLicense.
 */
import { createLicense, deleteLicense, updateLicense } from '../../write/license.ts';
import { defineEntityMutations, type InputFieldBuilder } from './entity-mutations.ts';
import { LicenseCategoryEnum } from '../types/enums.ts';

const licenseFields = (t: InputFieldBuilder, required: boolean) => ({
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

defineEntityMutations({
  kind: 'license',
  noun: 'a license',
  fields: licenseFields,
  create: createLicense,
  update: updateLicense,
  remove: deleteLicense,
  descriptions: {
    delete: 'Deletes a license no model or dataset is released under. Needs the admin role.',
  },
});
