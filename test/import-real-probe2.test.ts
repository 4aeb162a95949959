/**
 * A second probe with real files from outside the shared folder (test/fixtures/REAL-SOURCES.md, rows marked
 * "probe 2"): lm-evaluation-harness files of other layouts and tasks, an Every Eval Ever record of another source,
 * and result files of tools modelgraph does not read. Each test names the file and the fact; those marked
 * "was:" came in wrong, or were refused, before the importers were fixed:
 *
 * - A lighteval results file was taken for lm-evaluation-harness (it has `results` and `versions`) and refused
 *   over a missing `model_args`; MTEB and HELM run outputs were refused as "cannot tell the format".
 * - An lm-eval 0.3 file with 57 MMLU subjects first (Pythia's evals) was not detected: its `versions` and
 *   `config` come after 12 KB of results.
 * - lm-eval 0.3's `hendrycksTest-<subject>` tasks became 57 datasets of their own, unrelated to MMLU.
 * - An lm-eval 0.4.9 run of a checkpoint on the runner's disk (`model_name` empty, `pretrained=/scratch/<user>/…`)
 *   created a model named by that absolute path.
 * - Every Eval Ever records converted from Inspect name their one result after the Inspect scorer (`simpleqa_scorer`,
 *   `gaia_scorer`), which became the result's variant: SimpleQA Verified "variant simpleqa_scorer".
 * - Every Eval Ever schema 0.0.1 records (all of HELM Classic) were refused whole ("unsupported schema_version").
 * - Two lm-eval tasks on one config of a Hub dataset (AfroBench's Swahili AfriSenti, prompts 1 and 2): the first
 *   task took the dataset's Hub id, and the second file's results were filed under the first task's name.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { type ImportReport, ImportFormatError, runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { type Row, rows } from './helpers/db.ts';

const fixtures = fileURLToPath(new URL('fixtures/', import.meta.url));

const FILES = {
  pythia: 'lm-eval-harness/real/pythia/160m-5shot_step143000.json',
  afrisenti1:
    'lm-eval-harness/real/african_nlp_benchmarks/afrisenti_swa_prompt_1_0shot_2026-01-15T13-13-26.035414.json',
  afrisenti2:
    'lm-eval-harness/real/african_nlp_benchmarks/afrisenti_swa_prompt_2_0shot_2026-01-15T13-17-39.877915.json',
  mgsm: 'lm-eval-harness/real/african_nlp_benchmarks/sw_mgsm_direct_5shot_2026-01-26T14-58-04.440370.json',
  flores: 'lm-eval-harness/real/african_nlp_benchmarks/sw_translation_flores_2026-01-27T16-24-23.205954.json',
  nl2foam: 'lm-eval-harness/real/all-results-original/results_2025-12-17T20-24-58.608862.json',
  // HELM Lite's Falcon 40B (schema 0.2.0) first: the HELM Classic record's "Falcon (40B)" is that model.
  helmLiteFalcon: 'every-eval-ever/real/helm_lite/tiiuae_falcon-40b.json',
  helmClassic: 'every-eval-ever/real/helm_classic/Falcon-(40B)/d4781116-1e40-4166-824c-fcc49fb7a337.json',
  simpleQa:
    'every-eval-ever/real/SimpleQA-Verified/anthropic/claude-opus-4-6/0d03a117-82c9-4823-a256-439a728d0ead.json',
  gaia: 'every-eval-ever/real/GAIA/openai/gpt-4.1-mini-2025-04-14/5917cc37-8805-4453-bf5f-13411ea66ccf.json',
} as const;

const UNSUPPORTED = {
  'unsupported/real/lighteval/results_2026-08-10T17-22-11.385681.json': 'a lighteval results file',
  'unsupported/real/mteb/STS17.json': 'an MTEB task result',
  'unsupported/real/helm/run_spec.json': 'a HELM run output',
} as const;

const TIMEOUT = 180_000;

describeEachBackend('real files outside the shared folder, second probe', (backend) => {
  const db = () => backend().database.db;
  const reports = new Map<string, ImportReport | Error>();
  const importFile = (file: string) =>
    runImport({ db: db(), fileName: file, path: path.join(fixtures, file), actor: 'probe' });

  beforeAll(async () => {
    // No `format`: each file is detected as a new user's would be.
    for (const file of Object.values(FILES)) reports.set(file, await importFile(file).catch((error: Error) => error));
  }, TIMEOUT);

  /** The stored results of a model (by Hugging Face id) whose printed value is `reported`. */
  const stored = (model: string, reported: string): Promise<Row[]> =>
    rows(
      db(),
      sql`select r.value, m.slug as metric, m.unit, d.name as dataset, d.huggingface_id, p.name as parent,
            p.huggingface_id as parent_huggingface_id, r.shots, r.split, r.variant, r.model_variant
          from benchmark_result r join metric m on m.id = r.metric_id join dataset d on d.id = r.dataset_id
          left join dataset p on p.id = d.parent_dataset_id
          where exists (select 1 from model_external_id x where x.model_id = r.model_id
            and x.namespace = 'huggingface' and x.value = ${model}) and r.reported_value = ${reported}
          order by d.name, r.variant`,
    );

  test('every lm-eval file is detected and imported, none refused', () => {
    for (const file of [FILES.pythia, FILES.afrisenti1, FILES.afrisenti2, FILES.mgsm, FILES.flores, FILES.nl2foam]) {
      const report = reports.get(file) as ImportReport;
      expect({ file, format: report.format, written: report.written, problems: report.problems }).toEqual({
        file,
        format: 'lm-eval-harness',
        written: true,
        problems: [],
      });
    }
  });

  test('was: lighteval, MTEB and HELM run files taken for lm-eval or unnamed; now refused, naming the tool', async () => {
    for (const [file, what] of Object.entries(UNSUPPORTED)) {
      const refusal = await importFile(file).then(
        (report) => report.format,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(ImportFormatError);
      expect((refusal as Error).message).toContain(`is ${what}`);
    }
  });

  test('was: Pythia 160M 0.3 file (57 MMLU subjects first) not detected; sciq acc 0.779 → 77.9 %, 5 shots, step143000', async () => {
    expect(await stored('EleutherAI/pythia-v1.1-160m', '0.779')).toEqual([
      expect.objectContaining({
        dataset: 'sciq',
        metric: 'accuracy',
        unit: 'percent',
        value: 77.9,
        shots: 5,
        model_variant: 'step143000',
      }),
    ]);
  });

  test('was: Pythia hendrycksTest-anatomy a dataset of its own; acc 0.2444 → MMLU’s subject mmlu_anatomy', async () => {
    expect(await stored('EleutherAI/pythia-v1.1-160m', '0.24444444444444444')).toEqual([
      expect.objectContaining({ dataset: 'mmlu_anatomy', parent: 'MMLU', metric: 'accuracy', shots: 5 }),
    ]);
    expect(await rows(db(), sql`select name from dataset where name ilike 'hendrycksTest%'`)).toEqual([]);
  });

  test('was: AfriSenti prompt 2 filed under prompt 1; each prompt is its own task under masakhane/afrisenti', async () => {
    const part = (task: string) =>
      expect.objectContaining({
        dataset: task,
        huggingface_id: null,
        parent: 'afrisenti',
        parent_huggingface_id: 'masakhane/afrisenti',
        metric: 'accuracy',
        value: expect.closeTo(29.9465, 4),
        shots: 0,
        split: 'test',
        variant: 'swa',
      });
    expect(await stored('google/gemma-2b', '0.2994652406417112')).toEqual([
      part('afrisenti_swa_prompt_1'),
      part('afrisenti_swa_prompt_2'),
    ]);
  });

  test('AfriMGSM Swahili: exact_match 0.06 under two filters → 6 %, 5 shots, variants swa|<filter>', async () => {
    expect(await stored('google/gemma-2b', '0.06')).toEqual([
      expect.objectContaining({
        dataset: 'afrimgsm_swa_prompt_1',
        metric: 'exact-match',
        value: 6,
        shots: 5,
        variant: 'swa|flexible-extract',
      }),
      expect.objectContaining({
        dataset: 'afrimgsm_swa_prompt_1',
        metric: 'exact-match',
        value: 6,
        shots: 5,
        variant: 'swa|remove_whitespace',
      }),
    ]);
  });

  test('FLORES eng→swh: sacreBLEU 0.7116 and chrF 15.22 kept on their own 0–100 scale, split devtest', async () => {
    expect(await stored('google/gemma-2b', '0.7116309115482515')).toEqual([
      expect.objectContaining({
        metric: 'bleu',
        value: expect.closeTo(0.7116, 4),
        split: 'devtest',
        variant: 'eng_Latn-swh_Latn',
        parent_huggingface_id: 'facebook/flores',
      }),
    ]);
    expect(await stored('google/gemma-2b', '15.220319494165052')).toEqual([
      expect.objectContaining({ metric: 'chrf', value: expect.closeTo(15.2203, 4), split: 'devtest' }),
    ]);
  });

  test('was: Inspect SimpleQA Verified, Claude Opus 4.6: variant "simpleqa_scorer"; accuracy 0.431 → 43.1 %, no variant', async () => {
    const [result] = await rows(
      db(),
      sql`select r.value, r.variant, r.notes, d.huggingface_id from benchmark_result r
          join dataset d on d.id = r.dataset_id join model m on m.id = r.model_id
          where m.name = 'anthropic/claude-opus-4-6' and r.reported_value = '0.431'`,
    );
    expect(result).toEqual(
      expect.objectContaining({ value: 43.1, variant: null, huggingface_id: 'codelion/SimpleQA-Verified' }),
    );
    expect(result?.notes).toContain('Inspect scorer: simpleqa_scorer');
  });

  test('was: Inspect GAIA, GPT-4.1 mini: variant "gaia_scorer"; now no variant', async () => {
    expect(
      await rows(
        db(),
        sql`select r.variant from benchmark_result r join model m on m.id = r.model_id
            where m.name = 'openai/azure/gpt-4.1-mini-2025-04-14'`,
      ),
    ).toEqual([{ variant: null }]);
  });

  test('was: NL2FOAM run, model "/scratch/hieu/…/nl2foam_sft_0__8__1765350318"; now that folder, the path in notes', async () => {
    const [result] = await rows(
      db(),
      sql`select m.name as model, r.value, mt.slug as metric, r.notes from benchmark_result r
          join model m on m.id = r.model_id join metric mt on mt.id = r.metric_id where r.reported_value = '89.156'`,
    );
    expect(result).toEqual(
      expect.objectContaining({ model: 'nl2foam_sft_0__8__1765350318', value: 89.156, metric: 'llm-judge' }),
    );
    expect(result?.notes).toContain('model path /scratch/hieu/nl2foam_sft_0/outputs/nl2foam_sft_0__8__1765350318');
    expect(await rows(db(), sql`select name from model where name like '/%'`)).toEqual([]);
  });

  test('was: HELM Classic record (Every Eval Ever schema 0.0.1) refused whole; now its Accuracy tab is stored', async () => {
    const report = reports.get(FILES.helmClassic) as ImportReport;
    expect({ written: report.written, problems: report.problems }).toEqual({ written: true, problems: [] });
    const stored = await rows(
      db(),
      sql`select m.name as model, m.slug as model_slug, d.slug as dataset, mt.slug as metric, mt.unit, r.value,
            r.reported_value, r.variant, e.name as evaluator, r.evaluator_relationship, s.title as source, s.kind
          from benchmark_result r join model m on m.id = r.model_id join dataset d on d.id = r.dataset_id
          join metric mt on mt.id = r.metric_id join source s on s.id = r.source_id
          left join organization e on e.id = r.evaluator_organization_id
          where s.title = 'Every Eval Ever record helm_classic/Falcon-(40B)/1765639042.2550771'
          order by d.slug`,
    );
    const fact = (dataset: string, metric: string, value: number, reported: string) => ({
      model: 'Falcon 40B',
      model_slug: expect.any(String),
      dataset,
      metric,
      unit: 'percent',
      value,
      reported_value: reported,
      variant: null,
      evaluator: 'crfm',
      evaluator_relationship: 'third_party',
      source: 'Every Eval Ever record helm_classic/Falcon-(40B)/1765639042.2550771',
      kind: 'aggregator',
    });
    // The excerpt's 10 results: 7 on the Accuracy tab with a value; HellaSwag and OpenbookQA EM are -1 ("No
    // matching runs"), skipped with their reason.
    expect(stored).toEqual([
      fact('boolq', 'exact-match', 81.9, '0.819'),
      fact('helm-classic', 'mean-win-rate', 72.9, '0.729'),
      fact('mmlu', 'exact-match', 50.9, '0.509'),
      fact('narrativeqa', 'f1', 67.3, '0.673'),
      fact('naturalquestions', 'f1', 39.2, '0.392'),
      fact('naturalquestions-open-book', 'f1', 67.5, '0.675'),
      fact('quac', 'f1', 30.7, '0.307'),
      fact('truthfulqa', 'exact-match', 35.3, '0.353'),
    ]);
    expect(report.skipped.map((s) => s.message)).toEqual([
      `"HellaSwag - EM": -1 is the 0.0.1 HELM converter's mark for no value (No matching runs), or for 0: not stored`,
      `"OpenbookQA - EM": -1 is the 0.0.1 HELM converter's mark for no value (No matching runs), or for 0: not stored`,
    ]);
  });

  test('HELM Classic "Falcon (40B)" (developer unknown) is HELM Lite\'s Falcon 40B (tiiuae/falcon-40b); both MMLUs are MMLU', async () => {
    const onFalcon = await rows(
      db(),
      sql`select distinct m.name as model, x.value as huggingface_id, d.slug as dataset
          from benchmark_result r join model m on m.id = r.model_id join source s on s.id = r.source_id
          join dataset d on d.id = r.dataset_id
          left join model_external_id x on x.model_id = m.id and x.namespace = 'huggingface'
          where lower(s.title) like 'every eval ever record helm_%falcon%' and d.name ilike '%mmlu%'`,
    );
    expect(onFalcon).toEqual([{ model: 'Falcon 40B', huggingface_id: 'tiiuae/falcon-40b', dataset: 'mmlu' }]);
    expect(
      await rows(
        db(),
        sql`select count(distinct r.source_id)::int as sources from benchmark_result r join source s on s.id = r.source_id
            where lower(s.title) like 'every eval ever record helm_%falcon%'`,
      ),
    ).toEqual([{ sources: 2 }]);
    expect(await rows(db(), sql`select name from organization where lower(name) = 'unknown'`)).toEqual([]);
  });
});
