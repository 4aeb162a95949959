/**
 * Results as Every Eval Ever records (`src/formats/every-eval-ever.ts` says how they are mapped), one file per
 * model and source: results are read in model order, so one model's results are in memory at a time.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppDb } from '../db/client.ts';
import { type EveryEvalEverFile, everyEvalEverRecords } from '../formats/every-eval-ever.ts';
import type { GraphResultRecord } from '../formats/graph-json.ts';
import {
  checkFilter,
  type ExportFilter,
  forEachResultPage,
  readEntities,
  readSnapshot,
  resultCondition,
} from './graph-read.ts';

export type EveryEvalEverOptions = {
  filter?: ExportFilter;
  /** `retrieved_timestamp` of every record. @default now */
  retrievedAt?: Date;
  pageSize?: number;
};

export type EveryEvalEverSummary = { files: number; results: number };

/** Calls `onFile` with each record, model by model. */
export async function exportEveryEvalEver(
  db: AppDb,
  onFile: (file: EveryEvalEverFile) => Promise<void>,
  { filter = {}, retrievedAt = new Date(), pageSize }: EveryEvalEverOptions = {},
): Promise<EveryEvalEverSummary> {
  const summary: EveryEvalEverSummary = { files: 0, results: 0 };
  await readSnapshot(db, async (tx) => {
    const index = await readEntities(tx);
    checkFilter(index, filter);
    const build = everyEvalEverRecords(index.records, retrievedAt);
    let model: string | undefined;
    let buffered: GraphResultRecord[] = [];
    const flush = async () => {
      for (const file of build(buffered)) {
        await onFile(file);
        summary.files++;
      }
      summary.results += buffered.length;
      buffered = [];
    };
    await forEachResultPage(
      tx,
      resultCondition(index, filter),
      async (page) => {
        for (const result of page) {
          if (result.model !== model) {
            await flush();
            model = result.model;
          }
          buffered.push(result);
        }
      },
      pageSize,
    );
    await flush();
  });
  return summary;
}

/** Writes the records under `dir` as `<model>/<source>.json`. */
export async function writeEveryEvalEver(
  db: AppDb,
  dir: string,
  options: EveryEvalEverOptions = {},
): Promise<EveryEvalEverSummary> {
  return exportEveryEvalEver(
    db,
    async (file) => {
      const target = path.join(dir, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, `${JSON.stringify(file.record, null, 2)}\n`);
    },
    options,
  );
}
