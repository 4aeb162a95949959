/** Sources: the documents every other record cites, written first. */
import * as t from '../../db/schema.ts';
import { createSourceInput, sourceColumns, updateSourceInput } from '../source.ts';
import { at, type GraphWriter, whole } from './writer.ts';

export async function writeSources(g: GraphWriter, records: readonly object[]) {
  const inputs = g.parse(
    createSourceInput,
    at('sources', records, (r) => r),
  );
  const rows = inputs.map((input) => sourceColumns(whole(input, updateSourceInput)));
  await g.upsert('sources', t.source, rows as (typeof t.source.$inferInsert)[], [t.source.slug]);
  await g.readIds('Source');
}
