/**
 * The import_run record: one row per import that was not a dry run, with its report for `Query.importRun`.
 * The report is stored capped (`capReport`): a whole-folder run lists thousands of files, and the row should
 * stay small enough to read back in one request; the markdown and JSON written by the CLI are never cut.
 */
import type { AppDb } from '../db/client.ts';
import { importRun } from '../db/schema.ts';
import { capReport, type RunReport } from './report.ts';

/** Largest stored report, in bytes of JSON. */
export const MAX_STORED_REPORT_BYTES = 1 << 20;

/** Stores the run's report; returns the row's id. */
export async function recordImportRun(db: AppDb, run: RunReport, maxBytes = MAX_STORED_REPORT_BYTES): Promise<number> {
  const { report, truncated } = capReport(run, maxBytes);
  const [row] = await db
    .insert(importRun)
    .values({
      actor: run.actor,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      files: run.totals.files,
      refusedFiles: run.totals.refused + run.totals.failed,
      report: report as unknown as Record<string, unknown>,
      truncated,
      reportBytes: Buffer.byteLength(JSON.stringify(run)),
    })
    .returning({ id: importRun.id });
  if (!row) throw new Error('import_run: the insert returned no row');
  return row.id;
}
