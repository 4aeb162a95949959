/**
 * createOrganization, updateOrganization, deleteOrganization.
 */
import { createOrganization, deleteOrganization, updateOrganization } from '../../write/organization.ts';
import { defineEntityMutations, type InputFieldBuilder } from './entity-mutations.ts';
import { OrganizationKindEnum } from '../types/enums.ts';
import { SourceLinkInput } from './shared.ts';

const organizationFields = (t: InputFieldBuilder, required: boolean) => ({
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

defineEntityMutations({
  kind: 'organization',
  noun: 'an organization',
  fields: organizationFields,
  create: createOrganization,
  update: updateOrganization,
  remove: deleteOrganization,
});
