/**
 * Exports the graph, or the part a filter selects (`selectGraph` in `graph-read.ts` says exactly what), as one
 * graph JSON document (`src/formats/graph-json.ts`): `{ format, version, sources, licenses, organizations,
 * techniques, metrics, datasets, models, results, claims }`, each list in slug or natural-key order, so two
 * exports of the same graph are byte-identical. `importGraphJson` (`src/import/graph-json.ts`) reads it back.
 *
 * The text is `serializeGraphDocument`'s; `writeGraphJson` produces the same bytes while streaming the results
 * page by page.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { AppDb } from '../db/client.ts';
import {
  type GraphDocument,
  graphDocumentOf,
  type GraphEntities,
  graphJsonText,
  type GraphKind,
  graphKinds,
  type GraphResultRecord,
} from '../formats/graph-json.ts';
import {
  type ExportFilter,
  forEachResultPage,
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
  return graphDocumentOf(entities, results);
}

/** Writes `chunk`, waiting for the stream to drain when its buffer is full. */
async function writeChunk(out: Writable, chunk: string): Promise<void> {
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
): Promise<Record<GraphKind, number>> {
  let entities: GraphEntities | undefined;
  let results = 0;
  await exportGraph(
    db,
    options,
    async (e) => {
      entities = e;
      await writeChunk(out, graphJsonText.head(e));
    },
    async (page) => {
      await writeChunk(out, graphJsonText.results(page, results));
      results += page.length;
    },
  );
  if (!entities) throw new Error('export: no entities were read');
  await writeChunk(out, graphJsonText.tail(entities, results));
  const written = entities;
  return Object.fromEntries(
    graphKinds.map((kind) => [kind, kind === 'results' ? results : written[kind].length]),
  ) as Record<GraphKind, number>;
}
