/**
 * Papers with Code task files from sota-extractor (../shared/data/real/papers-with-code/, fixtures in
 * test/fixtures/papers-with-code/real/, see REAL-SOURCES.md) that were refused whole over a few cells, though they
 * hold thousands of readable results. Each test names the file and the fact:
 *
 * - a cell that is no number (`"Kummerfeld"`, `"Yes"`, `"63.7*"`) is skipped and reported at its place, the row's
 *   other cells kept; a dash of any kind (`"–"`) is no result;
 * - a column of model sizes (`Parameters`, `Number of params`) is no result on the table's dataset: left out;
 * - a paper_url that is no http(s) URL is left out of the source, not the row;
 * - what read the files whole showed next: VCR's `Q->A`, `QA->R` and `Q->AR` were one metric by their loose
 *   name; a subdataset such as `Restricted` became a dataset of its own, shared by every table with a
 *   `Restricted` track; CCGBank, listed under two tasks, had two values for one result.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { type ImportReport, runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { type Row, rows } from './helpers/db.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

const FILES = {
  snli: 'papers-with-code/real/snli.json',
  squad: 'papers-with-code/real/squad-excerpt.json',
  nlpProgress: 'papers-with-code/real/nlp-progress-excerpt.json',
} as const;

describeEachBackend('Papers with Code: real task files with text in score cells', (backend) => {
  const db = () => backend().database.db;
  const reports = new Map<string, ImportReport>();

  beforeAll(async () => {
    for (const file of Object.values(FILES)) {
      reports.set(
        file,
        await runImport({ db: db(), fileName: file, path: path.join(root, 'test', 'fixtures', file), actor: 'pwc' }),
      );
    }
  }, 180_000);

  const report = (file: string) => reports.get(file) as ImportReport;

  /** A model's stored results, by the model's name, in a stable order. */
  const stored = (model: string): Promise<Row[]> =>
    rows(
      db(),
      sql`select d.slug as dataset, r.variant, m.slug as metric, r.value, r.reported_value, s.slug as source
          from benchmark_result r join model mo on mo.id = r.model_id join dataset d on d.id = r.dataset_id
          join metric m on m.id = r.metric_id join source s on s.id = r.source_id
          where mo.name = ${model} order by d.slug, r.variant, m.slug, r.value`,
    );

  test('every file is imported, none refused', () => {
    for (const file of Object.values(FILES)) {
      expect({ file, written: report(file).written, problems: report(file).problems }).toEqual({
        file,
        written: true,
        problems: [],
      });
    }
  });

  test('snli.json: "Parameters" is left out as model sizes, reported once; "–" is no result', async () => {
    expect(report(FILES.snli).skipped).toEqual([
      {
        kind: 'skipped',
        location: '[0].datasets[0].sota',
        message: 'column "Parameters" gives the models\' sizes, not results on SNLI: left out',
      },
    ]);
    expect(await stored('1200D REGMAPR (Base+Reg)')).toEqual([
      expect.objectContaining({ dataset: 'snli', metric: 'test-accuracy', value: 85.9 }),
    ]);
    expect(await rows(db(), sql`select slug from metric where name ilike '%param%'`)).toEqual([]);
  });

  test('squad-excerpt.json rows[48]: paper_url ") https://www.adityabirla.com/…" is left out, EM 88.637 kept under the leaderboard', async () => {
    expect(report(FILES.squad).skipped).toContainEqual({
      kind: 'skipped',
      location: '[0].datasets[0].sota.rows[48]',
      field: '[0].datasets[0].sota.rows[48].paper_url',
      message:
        'paper_url ") https://www.adityabirla.com/About/group-data-and-analytics" is not an http(s) URL: left out of the source, with the title repeating it; the table\'s leaderboard is the source',
    });
    expect(await stored('Tuned ALBERT (ensemble model)')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reported_value: '88.637',
          source: 'papers-with-code-question-answering-on-squad2.0',
        }),
      ]),
    );
  });

  test('nlp-progress-excerpt.json: text cells are skipped at their place, the row kept', async () => {
    const skipped = report(FILES.nlpProgress).skipped;
    expect(skipped).toContainEqual({
      kind: 'skipped',
      location: '[1].subtasks[4].datasets[1].sota.rows[0]',
      field: '[1].subtasks[4].datasets[1].sota.rows[0].metrics.Data',
      message: 'Data value "Kummerfeld" is not a number: the value is left out',
    });
    expect(skipped).toContainEqual(
      expect.objectContaining({ message: 'Bio specifc taggers? value "Yes" is not a number: the value is left out' }),
    );
    // Linear (2008) on Linux IRC: its three scores stand beside the skipped "Data" cell.
    expect((await stored('Linear (2008)')).map((r) => r.reported_value)).toEqual(
      expect.arrayContaining(['59.7', '80.8', '63.0']),
    );
  });

  test('nlp-progress-excerpt.json, Visual Common Sense: Q->A 91.0, Q->AR 85.0 and QA->R 93.0 are three metrics', async () => {
    const human = await stored('Human Performance University of Washington');
    expect(human.map((r) => [r.metric, r.value])).toEqual([
      ['q-a', 91],
      ['q-ar', 85],
      ['qa-r', 93],
    ]);
  });

  test('nlp-progress-excerpt.json: a "Restricted" track is a variant of its dataset, not a dataset "Restricted"', async () => {
    expect(await stored('SMT + BiGRU (2018)')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ dataset: 'conll-2014-10-annotations', variant: 'Restricted', value: 72.04 }),
        expect.objectContaining({ dataset: 'conll-2014-shared-task', variant: 'Restricted' }),
      ]),
    );
    expect(await rows(db(), sql`select slug from dataset where name in ('Restricted', 'Unrestricted')`)).toEqual([]);
  });

  test('nlp-progress-excerpt.json: CCGBank under Parsing (88.32) and Supertagging (94.24) keeps both, by task', async () => {
    expect(
      (await stored('Vaswani et al. (2016)')).filter((r) => r.dataset === 'ccgbank').map((r) => [r.variant, r.value]),
    ).toEqual([
      ['Parsing', 88.32],
      ['Supertagging', 94.24],
    ]);
  });
});
