/**
 * lm-evaluation-harness `bleu` (and `chrf`, `ter`) on the scale of whatever computed it: sacreBLEU's 0–100 when the
 * harness aggregates it, a task's own scale when the task's code does. Both used to land on one `bleu` metric as
 * printed, so a 0–1 BLEU was stored 100× too low. Now a value in (0, 1] is placed from evidence (the task's
 * `metric_list`, the registry's sacreBLEU tasks: `lmEvalSacreBleu` in data/registry/metrics.yaml) or skipped and
 * reported with its file and task. Real files (test/fixtures/REAL-SOURCES.md, "probe 2"):
 * - AfroBench FLORES eng→swh of Gemma 2B (lm-eval 0.4.10): `bleu` 0.7116 and `chrf` 15.22, metric_list aggregation
 *   `bleu`/`chrf`: sacreBLEU's 0–100, kept as printed;
 * - NL2FOAM (lm-eval 0.4.9): `bleu` 0.577, metric_list aggregation `nanmean` of the task's own per-item BLEU: no
 *   evidence of its scale, so skipped; its other results are kept.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ImportReport, runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { type Row, rows } from './helpers/db.ts';

const fixtures = fileURLToPath(new URL('fixtures/', import.meta.url));
const FILES = {
  flores: 'lm-eval-harness/real/african_nlp_benchmarks/sw_translation_flores_2026-01-27T16-24-23.205954.json',
  nl2foam: 'lm-eval-harness/real/all-results-original/results_2025-12-17T20-24-58.608862.json',
} as const;

/** A written run: a custom translation task without configs (0–1 or 0–100? nothing says) beside a WMT16 one. */
const WRITTEN = {
  results: {
    my_summaries: { alias: 'my_summaries', 'bleu,none': 0.3125, 'bleu_stderr,none': 0.01 },
    'wmt16-de-en': { alias: 'wmt16-de-en', 'bleu,none': 0.3125 },
    my_long_summaries: { alias: 'my_long_summaries', 'bleu,none': 31.25 },
  },
  model_name: 'example-org/bleu-model',
  date: 1764892800,
};

describeEachBackend('lm-eval bleu on the scale of what computed it', (backend) => {
  const db = () => backend().database.db;
  const reports = new Map<string, ImportReport>();
  let dir: string;
  let written: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bleu-scale-'));
    written = path.join(dir, 'results_written.json');
    await writeFile(written, JSON.stringify(WRITTEN));
    for (const file of Object.values(FILES)) {
      reports.set(file, await runImport({ db: db(), fileName: file, path: path.join(fixtures, file), actor: 'bleu' }));
    }
    reports.set(
      'written',
      await runImport({ db: db(), fileName: 'results_written.json', path: written, actor: 'bleu' }),
    );
  }, 180_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const stored = (reported: string): Promise<Row[]> =>
    rows(
      db(),
      sql`select d.name as task, m.slug as metric, m.unit, m.min_value, m.max_value, m.higher_is_better, r.value
          from benchmark_result r join metric m on m.id = r.metric_id join dataset d on d.id = r.dataset_id
          where r.reported_value = ${reported} order by d.name`,
    );

  test('FLORES eng→swh (metric_list aggregation bleu/chrf): bleu 0.7116 and chrf 15.22 as printed, on 0–100', async () => {
    expect(await stored('0.7116309115482515')).toEqual([
      {
        task: 'flores_eng_Latn-swh_Latn_prompt_1',
        metric: 'bleu',
        unit: 'score',
        min_value: 0,
        max_value: 100,
        higher_is_better: true,
        value: 0.711630911548,
      },
    ]);
    expect(await stored('15.220319494165052')).toEqual([
      {
        task: 'flores_eng_Latn-swh_Latn_prompt_1',
        metric: 'chrf',
        unit: 'score',
        min_value: 0,
        max_value: 100,
        higher_is_better: true,
        value: 15.2203194942,
      },
    ]);
    expect(reports.get(FILES.flores)?.skipped).toEqual([]);
  });

  test('was: NL2FOAM bleu 0.577 (a nanmean of its own BLEU) stored as 0.577 on 0–100; now skipped, with its place', async () => {
    const report = reports.get(FILES.nl2foam) as ImportReport;
    expect({ file: report.file, written: report.written, problems: report.problems }).toEqual({
      file: FILES.nl2foam,
      written: true,
      problems: [],
    });
    expect(report.skipped).toEqual([
      {
        kind: 'skipped',
        location: 'results.nl2foam_gen_original',
        field: 'bleu,none',
        message:
          "cannot tell whether bleu 0.5770713868973584 is on sacreBLEU's 0–100 scale or on 0–1: task nl2foam_gen_original's metric_list aggregates it with \"nanmean\", not with the harness's sacreBLEU `bleu`, and a value in (0, 1] fits both; not stored",
      },
    ]);
    expect(await stored('0.5770713868973584')).toEqual([]);
    // The task's other results are kept.
    expect(await stored('0.801325460114618')).toEqual([
      expect.objectContaining({ task: 'nl2foam_gen_original', metric: 'bert-score', value: 0.801325460115 }),
    ]);
  });

  test('a written file: bleu 0.3125 of a task nothing places is skipped with file and task; WMT16 and 31.25 kept', async () => {
    const report = reports.get('written') as ImportReport;
    expect(report.file).toBe('results_written.json');
    expect(report.problems).toEqual([]);
    expect(report.skipped.map(({ location, field, message }) => ({ location, field, message }))).toEqual([
      {
        location: 'results.my_summaries',
        field: 'bleu,none',
        message:
          "cannot tell whether bleu 0.3125 is on sacreBLEU's 0–100 scale or on 0–1: the file gives no metric_list for task my_summaries and the metric registry's lm-eval sacreBLEU tasks (data/registry/metrics.yaml) do not list it, and a value in (0, 1] fits both; not stored",
      },
    ]);
    expect(await stored('0.3125')).toEqual([
      expect.objectContaining({ task: 'wmt16-de-en', metric: 'bleu', value: 0.3125 }),
    ]);
    expect(await stored('31.25')).toEqual([
      expect.objectContaining({ task: 'my_long_summaries', metric: 'bleu', value: 31.25 }),
    ]);
  });
});
