/**
 * Real files from outside the shared folder (`../shared/data/real/`): importers built on that folder, checked on
 * files written by others that it does not hold (test/fixtures/REAL-SOURCES.md, rows marked "probe"). Each test
 * names the file and the fact that came in wrong, or was refused, before the importers were fixed:
 *
 * - lm-eval 0.3 files state the run's few-shot count once (`config.num_fewshot`); it was lost.
 * - Every Eval Ever records converted from Inspect carry integer `sample_ids` (the 0.2.0 schema allows them) and a
 *   string `generation_config.additional_details`; both refused the whole record.
 * - A Hub id that several benchmarks share through configs (`allenai/ai2_arc`) was given to the first of them the
 *   graph created (ARC-Easy), and a dataset another file had created under that id took lm-eval's `arc_easy`.
 * - Every Eval Ever: an evaluation name spelling the dataset's name differently ("Global MMLU Lite" on
 *   `global-mmlu-lite`) became a variant of it, so the overall score was not the dataset's.
 * - Model cards: the subset older Trainer and ASR cards name in `dataset.args` (`glue` + `qnli`, `common_voice` +
 *   `id`) was dropped, and WER was created as a metric where higher is better.
 * - Papers with Code: a column naming its split (`TEST-EM`) was created as a metric of its own, the split lost;
 *   CMRC 2018's "Unnamed System (single model)" rows became one model.
 * - A SetFit card's `dataset: { name: Unknown, type: unknown }` became a dataset "Unknown" that every such card's
 *   accuracy would share.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { type ImportReport, runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { type Row, rows } from './helpers/db.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** In import order: ARC-Easy created by lm-eval, then Inspect's `ai2_arc`, then lm-eval's `arc_easy` again. */
const FILES = {
  bloomCommonSense: 'lm-eval-harness/real/bloom-1b1_common_sense_reasoning_0-shot.json',
  bloomGsm8k: 'lm-eval-harness/real/bloom-1b1_gsm8k_8-shot.json',
  inspectArc: 'every-eval-ever/real/ai2_arc/ollama/qwen2.5-0.5b/75e7b3c4-5d2f-4526-aef0-9ccd88690f5a.json',
  bloom3b: 'lm-eval-harness/real/results_v03_no_comma_metric_keys.json',
  gaia: 'every-eval-ever/real/GAIA/openai/gpt-4.1-mini-2025-04-14/5917cc37-8805-4453-bf5f-13411ea66ccf.json',
  globalMmlu:
    'every-eval-ever/real/global-mmlu-lite/cohere/command-a-03-2025/c7df2916-bde4-4987-9139-fcfd18a14ac1.json',
  qnliCard: 'huggingface-model-card/real/anirudh21/bert-base-uncased-finetuned-qnli/README.md',
  werCard: 'huggingface-model-card/real/inergi/wav2vec2-from-scratch-finetune-dummy/README.md',
  cmrc: 'papers-with-code/real/cmrc.json',
  setfit: 'huggingface-model-card/real/excerpts/setfit-igcse-physics-README.md',
} as const;

const TIMEOUT = 180_000;

describeEachBackend('real files outside the shared folder', (backend) => {
  const db = () => backend().database.db;
  const reports = new Map<string, ImportReport>();

  beforeAll(async () => {
    for (const file of Object.values(FILES)) {
      reports.set(
        file,
        await runImport({ db: db(), fileName: file, path: path.join(root, 'test', 'fixtures', file), actor: 'probe' }),
      );
    }
  }, TIMEOUT);

  /** The stored results of a model (by Hugging Face id or name) whose printed value is `reported`. */
  const stored = (model: string, reported: string): Promise<Row[]> =>
    rows(
      db(),
      sql`select r.value, m.slug as metric, m.unit, m.higher_is_better, d.slug as dataset, d.huggingface_id,
            r.shots, r.split, r.variant
          from benchmark_result r join metric m on m.id = r.metric_id join dataset d on d.id = r.dataset_id
          join model mo on mo.id = r.model_id
          where (mo.name = ${model} or exists (select 1 from model_external_id x where x.model_id = mo.id
            and x.namespace = 'huggingface' and x.value = ${model})) and r.reported_value = ${reported}`,
    );

  test('every file is imported, none refused', () => {
    for (const file of Object.values(FILES)) {
      const report = reports.get(file) as ImportReport;
      expect({ file, written: report.written, problems: report.problems }).toEqual({
        file,
        written: true,
        problems: [],
      });
    }
  });

  test('lm-eval 0.3, bloom-1b1 gsm8k (config.num_fewshot 8): acc 0.00834 → accuracy 0.834 %, 8 shots', async () => {
    expect(await stored('bigscience/bloom-1b1', '0.008339651250947688')).toEqual([
      expect.objectContaining({ dataset: 'gsm8k', metric: 'accuracy', value: expect.closeTo(0.834, 3), shots: 8 }),
    ]);
  });

  test('lm-eval 0.3, bloom-1b1 common sense (config.num_fewshot 0): arc_challenge acc → ARC-Challenge, 0 shots', async () => {
    expect(await stored('bigscience/bloom-1b1', '0.2363481228668942')).toEqual([
      expect.objectContaining({ dataset: 'arc-challenge', metric: 'accuracy', shots: 0 }),
    ]);
  });

  test('ARC-Easy, created by lm-eval, does not take allenai/ai2_arc, the Hub id ARC-Easy and ARC-Challenge share', async () => {
    const [arcEasy] = await stored('bigscience/bloom-1b1', '0.5147306397306397');
    expect(arcEasy).toEqual(expect.objectContaining({ dataset: 'arc-easy', huggingface_id: null, shots: 0 }));
  });

  test('Inspect ai2_arc (integer sample_ids): accuracy 33.3 % on its own ai2_arc dataset, not on ARC-Easy', async () => {
    expect(await stored('ollama/qwen2.5:0.5b', '0.3333333333333333')).toEqual([
      expect.objectContaining({ dataset: 'ai2-arc', huggingface_id: 'allenai/ai2_arc', metric: 'accuracy' }),
    ]);
  });

  test('lm-eval 0.3, bloom-3b arc_easy after the ai2_arc record: ARC-Easy, not the ai2_arc dataset', async () => {
    expect(await stored('bigscience/bloom-3b', '0.5942760942760943')).toEqual([
      expect.objectContaining({ dataset: 'arc-easy', metric: 'accuracy', shots: 0 }),
    ]);
  });

  test('Inspect GAIA (additional_details "temperature=0.5", a string): accuracy 0 on GAIA', async () => {
    expect(await stored('openai/azure/gpt-4.1-mini-2025-04-14', '0.0')).toEqual([
      expect.objectContaining({ dataset: 'gaia', metric: 'accuracy', value: 0 }),
    ]);
  });

  test('Global MMLU Lite, Command A: "Global MMLU Lite" 0.8385 is the dataset’s overall score; "Arabic" a variant', async () => {
    expect(await stored('command-a-03-2025', '0.8385')).toEqual([
      expect.objectContaining({ dataset: 'global-mmlu-lite', value: 83.85, variant: null }),
    ]);
    expect(await stored('command-a-03-2025', '0.8425')).toEqual([
      expect.objectContaining({ dataset: 'global-mmlu-lite', value: 84.25, variant: 'Arabic' }),
    ]);
  });

  test('Trainer card, glue with args qnli: accuracy 0.7917 → 79.17 % on glue, variant qnli', async () => {
    expect(await stored('anirudh21/bert-base-uncased-finetuned-qnli', '0.791689547867472')).toEqual([
      expect.objectContaining({
        dataset: 'glue',
        metric: 'accuracy',
        value: expect.closeTo(79.169, 3),
        variant: 'qnli',
      }),
    ]);
  });

  test('XLSR card, common_voice with args id: WER 25.86 % (lower is better), variant id', async () => {
    // The card's text does not confirm the folders' repo id, so its model is its model-index name.
    expect(await stored('XLSR Wav2Vec2 Indonesian by cahya', '25.86')).toEqual([
      expect.objectContaining({
        metric: 'word-error-rate',
        unit: 'percent',
        higher_is_better: false,
        value: 25.86,
        variant: 'id',
      }),
    ]);
  });

  test('Papers with Code, CMRC 2018: Z-Reader "TEST-EM" 74.178 → exact match 74.178 % on the test split', async () => {
    expect(await stored('Z-Reader (single model)', '74.178')).toEqual([
      expect.objectContaining({ metric: 'exact-match', unit: 'percent', value: 74.178, split: 'test' }),
    ]);
  });

  test('SetFit card, dataset "Unknown" (type unknown): the result is skipped, no "Unknown" dataset is created', async () => {
    const report = reports.get(FILES.setfit) as ImportReport;
    expect(report.skipped.map((s) => s.message)).toEqual([
      'the result names no dataset ("Unknown" is a placeholder or a split): left out',
    ]);
    expect(await rows(db(), sql`select slug from dataset where lower(name) = 'unknown'`)).toEqual([]);
  });

  test('Papers with Code, CMRC 2018: the two "Unnamed System (single model)" rows are skipped, no such model', async () => {
    const report = reports.get(FILES.cmrc) as ImportReport;
    expect(report.skipped.map((s) => s.message)).toEqual([
      'the row names no model (model_name "Unnamed System (single model)"): left out',
      'the row names no model (model_name "Unnamed System (single model)"): left out',
    ]);
    expect(await rows(db(), sql`select slug from model where name ilike 'unnamed%'`)).toEqual([]);
  });
});
