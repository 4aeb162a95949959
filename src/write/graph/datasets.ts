/** Datasets (with the mutations' rule that a dataset is a benchmark, training data or both), their parents,
 * source links and creator organizations. */
import * as t from '../../db/schema.ts';
import { checkRole, createDatasetInput, datasetColumns, datasetDomains, updateDatasetInput } from '../dataset.ts';
import { asStored, entityInputs, type GraphEntity, type GraphWriter, writeParented } from './writer.ts';

export async function writeDatasets(g: GraphWriter, records: readonly GraphEntity[]) {
  const inputs = entityInputs(
    g,
    createDatasetInput.extend({ ...asStored, domains: datasetDomains }),
    'datasets',
    records,
  );
  inputs.forEach((input, index) => checkRole(input, input, ['datasets', String(index)]));
  await writeParented(
    g,
    {
      kind: 'datasets',
      type: 'Dataset',
      table: t.dataset,
      parentColumn: t.dataset.parentDatasetId,
      noun: 'dataset',
      fields: updateDatasetInput,
      columns: datasetColumns,
    },
    inputs,
    records,
    (index) => ['datasets', String(index)],
  );
  await g.sourceLinks('dataset', inputs);

  const creators = inputs.flatMap((input) =>
    input.creatorOrganizations.map((organization) => ({
      datasetId: g.id('Dataset', input.slug),
      organizationId: g.id('Organization', organization),
    })),
  );
  const key = [t.datasetCreator.datasetId, t.datasetCreator.organizationId];
  await g.prune(
    t.datasetCreator,
    t.datasetCreator.datasetId,
    inputs.map((input) => g.id('Dataset', input.slug)),
    key,
    creators.map((c) => [c.datasetId, c.organizationId]),
  );
  await g.upsert('datasetCreators', t.datasetCreator, creators, key);
}
