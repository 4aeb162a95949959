/**
 * Results as the CSV the importer reads (`src/import/formats/csv.ts`), one row per result, in the graph
 * export's natural-key order, streamed through csv-stringify from a cursor (one page of rows in memory).
 *
 * Columns: `model` = the model's Hugging Face id (the first, byte-wise, when it has several) or else its slug;
 * `organization` = the lead developer's slug (empty when none); `benchmark` = dataset slug; `metric` = metric
 * slug; `value` = the value in the metric's unit; `stderr`, `n_shot`, `split`, `harness` empty when not
 * stated; `cot` = true / false / empty; `evaluator_relationship`; `source_url` = the source's URL; `date` =
 * the result's reportedOn (empty when unknown).
 *
 * The CSV has no column for pass@k, variant, model variant, evaluator, printed value or notes: those are
 * lost (export graph JSON for a lossless copy), and results that differ only there give rows that look
 * alike. Results whose source has no URL are skipped, since the importer requires an http(s) source URL: the
 * summary counts them and names their sources.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { AppDb } from '../db/client.ts';
import type { GraphResultRecord } from './document.ts';
import {
  checkFilter,
  compare,
  type ExportFilter,
  forEachResultPage,
  type GraphEntities,
  readEntities,
  readSnapshot,
  resultCondition,
} from './graph-read.ts';
import { CSV_COLUMNS } from '../import/formats/csv.ts';

/** The importer's columns, in its documented order: the export is an import file. */
export const RESULTS_CSV_HEADER = CSV_COLUMNS;

export type ResultsCsvOptions = { filter?: ExportFilter; pageSize?: number };
export type ResultsCsvSummary = {
  rows: number;
  /** Results left out because their source has no URL, and those sources' slugs. */
  skipped: number;
  skippedSources: string[];
};

/** How a model and a source appear in result rows of the CSV and Every Eval Ever exports. */
export type ResultContext = {
  modelName: (slug: string) => string;
  huggingfaceId: (slug: string) => string | undefined;
  leadDeveloper: (slug: string) => string | undefined;
  sourceUrl: (slug: string) => string | undefined;
};

export function resultContext(entities: GraphEntities): ResultContext {
  const models = new Map(entities.models.map((m) => [m.slug, m]));
  const sources = new Map(entities.sources.map((s) => [s.slug, s]));
  return {
    modelName: (slug) => models.get(slug)?.name ?? slug,
    huggingfaceId: (slug) =>
      models
        .get(slug)
        ?.externalIds.filter((e) => e.namespace === 'huggingface')
        .map((e) => e.value)
        .sort(compare)[0],
    leadDeveloper: (slug) => models.get(slug)?.developers[0]?.organization,
    sourceUrl: (slug) => sources.get(slug)?.url,
  };
}

/** The CSV row of a result, or undefined when its source has no URL. */
export function resultsCsvRow(r: GraphResultRecord, context: ResultContext): string[] | undefined {
  const url = context.sourceUrl(r.source);
  if (url === undefined) return undefined;
  const optional = (value: string | number | boolean | undefined) => (value === undefined ? '' : String(value));
  return [
    context.huggingfaceId(r.model) ?? r.model,
    context.leadDeveloper(r.model) ?? '',
    r.dataset,
    r.metric,
    String(r.value),
    optional(r.stderr),
    optional(r.shots),
    optional(r.chainOfThought),
    optional(r.split),
    optional(r.harness),
    r.evaluatorRelationship,
    url,
    optional(r.reportedOn),
  ];
}

/** Writes the CSV (header included, even with no rows) to `out`, which is left open. */
export async function writeResultsCsv(
  db: AppDb,
  out: Writable,
  { filter = {}, pageSize }: ResultsCsvOptions = {},
): Promise<ResultsCsvSummary> {
  const summary: ResultsCsvSummary = { rows: 0, skipped: 0, skippedSources: [] };
  const skippedSources = new Set<string>();
  const stringifier = stringify({ header: true, columns: [...RESULTS_CSV_HEADER] });
  stringifier.pipe(out, { end: false });
  const done = finished(stringifier);
  try {
    await readSnapshot(db, async (tx) => {
      const index = await readEntities(tx);
      checkFilter(index, filter);
      const context = resultContext(index.records);
      await forEachResultPage(
        tx,
        resultCondition(index, filter),
        async (page) => {
          for (const result of page) {
            const row = resultsCsvRow(result, context);
            if (row === undefined) {
              summary.skipped++;
              skippedSources.add(result.source);
              continue;
            }
            summary.rows++;
            if (!stringifier.write(row)) await once(stringifier, 'drain');
          }
        },
        pageSize,
      );
    });
  } catch (error) {
    stringifier.destroy();
    await done.catch(() => {});
    throw error;
  }
  stringifier.end();
  await done;
  summary.skippedSources = [...skippedSources].sort(compare);
  return summary;
}
