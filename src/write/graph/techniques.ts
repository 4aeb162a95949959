/** Techniques, their parents and their source links. */
import * as t from '../../db/schema.ts';
import { createTechniqueInput, techniqueColumns, updateTechniqueInput } from '../technique.ts';
import { asStored, entityInputs, type GraphEntity, type GraphWriter, writeParented } from './writer.ts';

export async function writeTechniques(g: GraphWriter, records: readonly GraphEntity[]) {
  const inputs = entityInputs(g, createTechniqueInput.extend(asStored), 'techniques', records);
  await writeParented(
    g,
    {
      kind: 'techniques',
      type: 'Technique',
      table: t.technique,
      parentColumn: t.technique.parentTechniqueId,
      noun: 'technique',
      fields: updateTechniqueInput,
      columns: techniqueColumns,
    },
    inputs,
    records,
    (index) => ['techniques', String(index)],
  );
  await g.sourceLinks('technique', inputs);
}
