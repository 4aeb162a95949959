/**
 * Models and what a model record owns: source links, developer credits (lead first), external ids, lineage
 * edges and technique uses with their datasets. The record and each edge and use are checked with the input
 * rules of createModel, addLineageEdge and addTechniqueStage; lineage stays acyclic as addLineageEdge keeps it.
 */
import * as t from '../../db/schema.ts';
import { findTask, type Modality } from '../../import/identity/tasks.ts';
import { addLineageEdgeInput, checkAcyclic, lockLineage } from '../lineage.ts';
import { checkParameterCounts, createModelInput, modelColumns, updateModelInput } from '../model.ts';
import { addTechniqueStageInput } from '../technique-use.ts';
import { asStored, at, type GraphEntity, type GraphWriter, sourceLinkInputs, whole } from './writer.ts';

/** A model as a graph document lists it: training compute as flat fields, edges and uses inside. */
export type GraphModel = GraphEntity & {
  trainingGpuCount?: number | undefined;
  trainingGpuType?: string | undefined;
  trainingGpuHours?: number | undefined;
  trainingTokens?: number | undefined;
  trainingComputeNotes?: string | undefined;
  baseModels: readonly { model: string }[];
  techniques: readonly object[];
  languages: readonly { language: string; source: string; notes?: string | undefined; unverified: boolean }[];
  task?:
    | {
        task: string;
        inputModalities?: Modality[] | undefined;
        outputModalities?: Modality[] | undefined;
        source: string;
        notes?: string | undefined;
        unverified: boolean;
      }
    | undefined;
};

export async function writeModels(g: GraphWriter, records: readonly GraphModel[]) {
  const inputs = g.parse(
    createModelInput.extend(asStored),
    at('models', records, (record) => {
      const {
        unverified,
        sources,
        baseModels: _edges,
        techniques: _uses,
        languages: _languages,
        task: _task,
        ...fields
      } = record;
      const { trainingGpuCount, trainingGpuType, trainingGpuHours, trainingTokens, trainingComputeNotes, ...rest } =
        fields;
      return {
        ...rest,
        trainingCompute: {
          gpuCount: trainingGpuCount ?? null,
          gpuType: trainingGpuType ?? null,
          gpuHours: trainingGpuHours ?? null,
          tokens: trainingTokens ?? null,
          notes: trainingComputeNotes ?? null,
        },
        unverifiedFields: unverified,
        sources: sourceLinkInputs(sources),
      };
    }),
  );
  const rows = [];
  for (const [index, input] of inputs.entries()) {
    const path = ['models', String(index)];
    checkParameterCounts(input.parameterCount, input.activeParameterCount, path);
    rows.push(await modelColumns(whole(input, updateModelInput), g.resolve, path));
  }
  await g.upsert('models', t.model, rows as (typeof t.model.$inferInsert)[], [t.model.slug]);
  await g.readIds('Model');
  const modelIds = inputs.map((input) => g.id('Model', input.slug));
  await g.sourceLinks('model', inputs);

  const developers = inputs.flatMap((input, index) =>
    input.developers.map((d, position) => ({
      modelId: modelIds[index] as number,
      organizationId: g.id('Organization', d.organization),
      position,
      sourceId: g.id('Source', d.source),
    })),
  );
  const developerKey = [t.modelDeveloper.modelId, t.modelDeveloper.organizationId];
  const externalIds = inputs.flatMap((input, index) =>
    input.externalIds.map((e) => ({ modelId: modelIds[index] as number, namespace: e.namespace, value: e.value })),
  );
  const externalIdKey = [t.modelExternalId.namespace, t.modelExternalId.value];
  const edges = g
    .parseChildren(
      addLineageEdgeInput,
      'models',
      records,
      'baseModels',
      (r) => r.baseModels,
      ({ model: _, ...edge }) => edge,
    )
    .map(({ owner, child, input, path }) => ({
      path,
      row: {
        modelId: modelIds[owner] as number,
        baseModelId: g.id('Model', child.model),
        kind: input.kind,
        details: input.details,
        sourceId: g.id('Source', input.source),
        unverified: input.unverified,
      },
    }));
  const lineageKey = [t.modelLineage.modelId, t.modelLineage.baseModelId, t.modelLineage.kind];
  const uses = g
    .parseChildren(addTechniqueStageInput, 'models', records, 'techniques', (r) => r.techniques)
    .map(({ owner, input }) => ({
      ...input,
      modelId: modelIds[owner] as number,
      techniqueId: g.id('Technique', input.technique),
    }));
  const useKey = [t.modelTechnique.modelId, t.modelTechnique.techniqueId];

  await g.prune(
    t.modelDeveloper,
    t.modelDeveloper.modelId,
    modelIds,
    developerKey,
    developers.map((d) => [d.modelId, d.organizationId]),
  );
  await g.prune(
    t.modelExternalId,
    t.modelExternalId.modelId,
    modelIds,
    externalIdKey,
    externalIds.map((e) => [e.namespace, e.value]),
  );
  await g.prune(
    t.modelLineage,
    t.modelLineage.modelId,
    modelIds,
    lineageKey,
    edges.map(({ row }) => [row.modelId, row.baseModelId, row.kind]),
  );
  await g.prune(
    t.modelTechnique,
    t.modelTechnique.modelId,
    modelIds,
    useKey,
    uses.map((u) => [u.modelId, u.techniqueId]),
  );
  await g.upsert('modelDevelopers', t.modelDeveloper, developers, developerKey);
  await g.upsert('externalIds', t.modelExternalId, externalIds, externalIdKey);
  await g.upsert(
    'lineage',
    t.modelLineage,
    edges.map(({ row }) => row),
    lineageKey,
  );
  if (edges.length > 0) {
    await lockLineage(g.tx);
    for (const { path, row } of edges) await checkAcyclic(g.tx, row.modelId, row.baseModelId, [...path, 'model']);
  }
  await g.upsert(
    'techniqueUses',
    t.modelTechnique,
    uses.map((u) => ({
      modelId: u.modelId,
      techniqueId: u.techniqueId,
      stage: u.stage ?? null,
      details: u.details,
      hyperparameters: u.hyperparameters ?? null,
      sourceId: g.id('Source', u.source),
      unverified: u.unverified,
    })),
    useKey,
  );
  await writeUseDatasets(g, uses);
  await writeLanguagesAndTasks(g, records, modelIds);
}

/**
 * A model's languages (one row per language and source) and its primary task; the task's modalities default to
 * the registry's for the task (data/registry/tasks.yaml) unless the record gives them.
 */
async function writeLanguagesAndTasks(g: GraphWriter, records: readonly GraphModel[], modelIds: number[]) {
  if (records.some((record) => record.languages.length > 0)) await g.readIds('Language');
  const languages = records.flatMap((record, index) =>
    record.languages.map((link) => ({
      modelId: modelIds[index] as number,
      languageId: g.id('Language', link.language),
      sourceId: g.id('Source', link.source),
      notes: link.notes ?? '',
      unverified: link.unverified,
    })),
  );
  const languageKey = [t.modelLanguage.modelId, t.modelLanguage.languageId, t.modelLanguage.sourceId];
  await g.prune(
    t.modelLanguage,
    t.modelLanguage.modelId,
    modelIds,
    languageKey,
    languages.map((row) => [row.modelId, row.languageId, row.sourceId]),
  );
  await g.upsert('modelLanguages', t.modelLanguage, languages, languageKey);

  const tasks = records.flatMap((record, index) => {
    if (!record.task) return [];
    const known = findTask(record.task.task);
    // The document's checks (seed/read.ts, import/graph-json.ts) refuse an unknown task before this.
    if (!known) throw new Error(`graph writer: unknown task "${record.task.task}"`);
    return [
      {
        modelId: modelIds[index] as number,
        task: known.entry.task,
        inputModalities: record.task.inputModalities ?? known.entry.input,
        outputModalities: record.task.outputModalities ?? known.entry.output,
        sourceId: g.id('Source', record.task.source),
        notes: record.task.notes ?? '',
        unverified: record.task.unverified,
      },
    ];
  });
  const taskKey = [t.modelTask.modelId];
  await g.prune(
    t.modelTask,
    t.modelTask.modelId,
    modelIds,
    taskKey,
    tasks.map((row) => [row.modelId]),
  );
  await g.upsert('modelTasks', t.modelTask, tasks, taskKey);
}

/** The datasets each technique use trained on (the use's id is known once the uses are written). */
async function writeUseDatasets(g: GraphWriter, uses: { modelId: number; techniqueId: number; datasets: string[] }[]) {
  const useIds = new Map(
    (
      await g.tx
        .select({
          id: t.modelTechnique.id,
          modelId: t.modelTechnique.modelId,
          techniqueId: t.modelTechnique.techniqueId,
        })
        .from(t.modelTechnique)
    ).map((row) => [`${row.modelId}:${row.techniqueId}`, row.id]),
  );
  const useId = (u: { modelId: number; techniqueId: number }) => useIds.get(`${u.modelId}:${u.techniqueId}`) as number;
  const rows = uses.flatMap((u) =>
    u.datasets.map((d) => ({ modelTechniqueId: useId(u), datasetId: g.id('Dataset', d) })),
  );
  const key = [t.modelTechniqueDataset.modelTechniqueId, t.modelTechniqueDataset.datasetId];
  await g.prune(
    t.modelTechniqueDataset,
    t.modelTechniqueDataset.modelTechniqueId,
    uses.map(useId),
    key,
    rows.map((r) => [r.modelTechniqueId, r.datasetId]),
  );
  await g.upsert('techniqueUseDatasets', t.modelTechniqueDataset, rows, key);
}
