/**
 * Results as the results CSV (`src/formats/results-csv.ts`, whose `resultsCsvRow` says what each column
 * holds), one row per result, every result, in the graph export's natural-key order, streamed through
 * csv-stringify from a cursor (one page of rows in memory). Importing it into an empty database gives the same
 * results (test/round-trip.test.ts).
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { AppDb } from '../db/client.ts';
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
export type ResultsCsvSummary = { rows: number };

/** Writes the CSV (header included, even with no rows) to `out`, which is left open. */
export async function writeResultsCsv(
  db: AppDb,
  out: Writable,
  { filter = {}, pageSize }: ResultsCsvOptions = {},
): Promise<ResultsCsvSummary> {
  const summary: ResultsCsvSummary = { rows: 0 };
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
  return summary;
}
