/** Licenses, with the mutations' OSI rule (only a permissive or copyleft license is OSI-approved). */
import * as t from '../../db/schema.ts';
import { checkOsi, createLicenseInput, licenseColumns, updateLicenseInput } from '../license.ts';
import { at, type GraphWriter, whole } from './writer.ts';

export async function writeLicenses(g: GraphWriter, records: readonly object[]) {
  const inputs = g.parse(
    createLicenseInput,
    at('licenses', records, (r) => r),
  );
  const rows = [];
  for (const [index, input] of inputs.entries()) {
    const path = ['licenses', String(index)];
    checkOsi(input, input, path);
    rows.push(await licenseColumns(whole(input, updateLicenseInput), g.resolve, path));
  }
  await g.upsert('licenses', t.license, rows as (typeof t.license.$inferInsert)[], [t.license.slug]);
  await g.readIds('License');
}
