/**
 * Results as the results CSV (`src/formats/results-csv.ts`, whose `resultsCsvRow` says what each column
 * holds), one row per result, in the graph export's natural-key order, streamed through csv-stringify from a
 * cursor (one page of rows in memory). Results whose source has no URL are skipped, since the importer
 * requires an http(s) source URL: the summary counts them and names their sources.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { AppDb } from '../db/client.ts';
import { compare } from '../formats/graph-json.ts';
import { CSV_COLUMNS, resultContext, resultsCsvRow } from '../formats/results-csv.ts';
import {
  checkFilter,
  type ExportFilter,
  forEachResultPage,
  readEntities,
  readSnapshot,
  resultCondition,
} from './graph-read.ts';

export type ResultsCsvOptions = { filter?: ExportFilter; pageSize?: number };
export type ResultsCsvSummary = {
  rows: number;
  /** Results left out because their source has no URL, and those sources' slugs. */
  skipped: number;
  skippedSources: string[];
};

/** Writes the CSV (header included, even with no rows) to `out`, which is left open. */
export async function writeResultsCsv(
  db: AppDb,
  out: Writable,
  { filter = {}, pageSize }: ResultsCsvOptions = {},
): Promise<ResultsCsvSummary> {
  const summary: ResultsCsvSummary = { rows: 0, skipped: 0, skippedSources: [] };
  const skippedSources = new Set<string>();
  const stringifier = stringify({ header: true, columns: [...CSV_COLUMNS] });
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
