/** Organizations and their source links. */
import * as t from '../../db/schema.ts';
import { createOrganizationInput, organizationColumns, updateOrganizationInput } from '../organization.ts';
import { asStored, entityInputs, type GraphEntity, type GraphWriter, whole } from './writer.ts';

export async function writeOrganizations(g: GraphWriter, records: readonly GraphEntity[]) {
  const inputs = entityInputs(g, createOrganizationInput.extend(asStored), 'organizations', records);
  const rows = inputs.map((input, index) => ({
    ...organizationColumns(whole(input, updateOrganizationInput)),
    unverifiedFields: records[index]?.unverified,
  }));
  await g.upsert('organizations', t.organization, rows as (typeof t.organization.$inferInsert)[], [
    t.organization.slug,
  ]);
  await g.readIds('Organization');
  await g.sourceLinks('organization', inputs);
}
