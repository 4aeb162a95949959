/**
 * Exports the graph, or the part a filter selects (`selectGraph` in `graph-read.ts` says exactly what), as one
 * graph JSON document (`document.ts`): `{ format, version, sources, licenses, organizations, techniques,
 * metrics, datasets, models, results, claims }`, each list in slug or natural-key order, so two exports of
 * the same graph are byte-identical. `importGraphJson` reads it back.
 *
 * The text is `JSON.stringify(document, null, 2)` plus a final newline; `writeGraphJson` produces the same
 * bytes while streaming the results page by page.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { AppDb } from '../db/client.ts';
import { GRAPH_FORMAT, GRAPH_VERSION, type GraphDocument, type GraphResultRecord } from './document.ts';
import {
  type ExportFilter,
  forEachResultPage,
  type GraphEntities,
  readEntities,
  readSnapshot,
  resultCondition,
  selectGraph,
} from './graph-read.ts';

export type GraphExportOptions = { filter?: ExportFilter; pageSize?: number };

/** Reads the selection in one snapshot and hands it over: entities first, then the results page by page. */
async function exportGraph(
  db: AppDb,
  { filter = {}, pageSize }: GraphExportOptions,
  onEntities: (entities: GraphEntities) => Promise<void>,
  onResults: (page: GraphResultRecord[]) => Promise<void>,
): Promise<void> {
  await readSnapshot(db, async (tx) => {
    const index = await readEntities(tx);
    const entities = await selectGraph(tx, index, filter);
    await onEntities(entities);
    await forEachResultPage(tx, resultCondition(index, filter), onResults, pageSize);
  });
}

/** The document in memory: for tests, the API and small graphs. Use `writeGraphJson` for big ones. */
export async function exportGraphJson(db: AppDb, options: GraphExportOptions = {}): Promise<GraphDocument> {
  let entities: GraphEntities | undefined;
  const results: GraphResultRecord[] = [];
  await exportGraph(
    db,
    options,
    async (e) => {
      entities = e;
    },
    async (page) => {
      results.push(...page);
    },
  );
  if (!entities) throw new Error('export: no entities were read');
  return documentOf(entities, results);
}

const documentOf = (e: GraphEntities, results: GraphResultRecord[]): GraphDocument => ({
  format: GRAPH_FORMAT,
  version: GRAPH_VERSION,
  sources: e.sources,
  licenses: e.licenses,
  organizations: e.organizations,
  techniques: e.techniques,
  metrics: e.metrics,
  datasets: e.datasets,
  models: e.models,
  results,
  claims: e.claims,
});

/** The canonical text of a document. */
export function serializeGraphDocument(document: GraphDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Writes `chunk`, waiting for the stream to drain when its buffer is full. */
export async function writeChunk(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * Streams the document to `out` (not ended here) with the exact bytes of `serializeGraphDocument`; only one
 * page of results is in memory at a time. Returns how many records of each kind it wrote.
 */
export async function writeGraphJson(
  db: AppDb,
  out: Writable,
  options: GraphExportOptions = {},
): Promise<Record<keyof GraphEntities | 'results', number>> {
  // An element of a top-level list sits 4 spaces deep; JSON.stringify never puts a raw newline in a string.
  const element = (value: unknown) => `    ${JSON.stringify(value, null, 2).replaceAll('\n', '\n    ')}`;
  const list = async (key: string, items: unknown[], last = false) => {
    const body = items.length === 0 ? '[]' : `[\n${items.map(element).join(',\n')}\n  ]`;
    await writeChunk(out, `  ${JSON.stringify(key)}: ${body}${last ? '\n' : ',\n'}`);
  };
  let entities: GraphEntities | undefined;
  let results = 0;
  await exportGraph(
    db,
    options,
    async (e) => {
      entities = e;
      await writeChunk(
        out,
        `{\n  "format": ${JSON.stringify(GRAPH_FORMAT)},\n  "version": ${JSON.stringify(GRAPH_VERSION)},\n`,
      );
      for (const key of [
        'sources',
        'licenses',
        'organizations',
        'techniques',
        'metrics',
        'datasets',
        'models',
      ] as const) {
        await list(key, e[key]);
      }
      await writeChunk(out, '  "results": [');
    },
    async (page) => {
      await writeChunk(out, `${results === 0 ? '\n' : ',\n'}${page.map(element).join(',\n')}`);
      results += page.length;
    },
  );
  if (!entities) throw new Error('export: no entities were read');
  await writeChunk(out, results === 0 ? '],\n' : '\n  ],\n');
  await list('claims', entities.claims, true);
  await writeChunk(out, '}\n');
  return {
    sources: entities.sources.length,
    licenses: entities.licenses.length,
    organizations: entities.organizations.length,
    techniques: entities.techniques.length,
    metrics: entities.metrics.length,
    datasets: entities.datasets.length,
    models: entities.models.length,
    results,
    claims: entities.claims.length,
  };
}
