/**
 * Real facts, exactly right: real files copied unedited into test/fixtures (see REAL-SOURCES.md) are imported
 * into a seeded database, and for each fact (a model's value on a benchmark in a setting) the stored value, metric,
 * unit, setting and source are read back. Each test names the file and the fact.
 *
 * A fact's row is found by its source and the value as the file prints it (`reported_value`, kept verbatim), so
 * the test does not depend on how datasets and models are named: it checks the benchmark by name.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { type ImportReport, runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { type Row, rows } from './helpers/db.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (file: string) => path.join(root, 'test', 'fixtures', file);

/** What a fact is stored as; `dataset` is matched loosely (case, punctuation), the rest exactly. */
type Fact = {
  dataset: RegExp;
  value: number;
  metric: string;
  unit: string;
  shots?: number | null;
  chainOfThought?: boolean | null;
  passK?: number | null;
  variant?: string | null;
  evaluatorRelationship?: string;
};

const TIMEOUT = 180_000;

describeEachBackend('real files: 20+ facts across formats', (backend) => {
  const db = () => backend().database.db;
  const reports = new Map<string, ImportReport>();
  // skipInvalid: a card's unknown licence is the cards' business (it refuses a whole card on main), not a metric's.
  const importReal = async (file: string) => {
    const report = await runImport({
      db: db(),
      fileName: file,
      path: fixture(file),
      actor: 'import-test',
      skipInvalid: true,
    });
    reports.set(file, report);
    return report;
  };

  /** The results of a source (by title or URL) whose printed value is `reported`. */
  async function stored(source: string, reported: string): Promise<Row[]> {
    return rows(
      db(),
      sql`select r.value, r.reported_value, m.slug as metric, m.unit, d.name as dataset, d.slug as dataset_slug,
            r.shots, r.chain_of_thought, r.pass_k, r.variant, r.evaluator_relationship
          from benchmark_result r join metric m on m.id = r.metric_id join dataset d on d.id = r.dataset_id
          join source s on s.id = r.source_id
          where (s.title = ${source} or s.url = ${source}) and r.reported_value = ${reported}`,
    );
  }

  async function expectFact(source: string, reported: string, fact: Fact) {
    const found = await stored(source, reported);
    const matching = found.filter(
      (row) => fact.dataset.test(String(row.dataset)) || fact.dataset.test(row.dataset_slug),
    );
    expect(matching, `${source}: ${reported} on ${fact.dataset}`).toHaveLength(1);
    const row = matching[0] as Row;
    expect({
      value: Number(row.value),
      metric: row.metric,
      unit: row.unit,
      ...('shots' in fact ? { shots: row.shots } : {}),
      ...('chainOfThought' in fact ? { chainOfThought: row.chain_of_thought } : {}),
      ...('passK' in fact ? { passK: row.pass_k } : {}),
      ...('variant' in fact ? { variant: row.variant } : {}),
      ...('evaluatorRelationship' in fact ? { evaluatorRelationship: row.evaluator_relationship } : {}),
    }).toEqual({
      value: fact.value,
      metric: fact.metric,
      unit: fact.unit,
      ...('shots' in fact ? { shots: fact.shots } : {}),
      ...('chainOfThought' in fact ? { chainOfThought: fact.chainOfThought } : {}),
      ...('passK' in fact ? { passK: fact.passK } : {}),
      ...('variant' in fact ? { variant: fact.variant } : {}),
      ...('evaluatorRelationship' in fact ? { evaluatorRelationship: fact.evaluatorRelationship } : {}),
    });
  }

  const FILES = [
    'every-eval-ever/real/hfopenllm_v2/meta-llama_Llama-3.1-8B-Instruct.json',
    'every-eval-ever/real/reward-bench/Anthropic_claude-3-5-sonnet-20240620_f878a52a-fa80-4113-ae7d-0cb11e3ef9fd.json',
    'every-eval-ever/real/reward-bench/Anthropic_claude-3-5-sonnet-20240620_3101726d-fd51-436d-8adf-cbdf0d534834.json',
    'every-eval-ever/real/helm_lite/meta_llama-3.1-405b-instruct-turbo.json',
    'every-eval-ever/real/helm_mmlu/meta_llama-2-13b.json',
    'every-eval-ever/real/helm_capabilities/meta_llama-3.1-405b-instruct-turbo.json',
    'every-eval-ever/real/livecodebenchpro/alibaba_qwen3-max.json',
    'lm-eval-harness/real/notus-v1-truthfulqa.json',
    'lm-eval-harness/real/results_2026-01-21T03-44-18.458309.json',
    'huggingface-eval-results/real/Vedika-advanced-AI/Vedika-4.1-flash/.eval_results/gpqa.yaml',
    'huggingface-eval-results/real/Ch3nOff/dual-loop-controller/.eval_results/ai2_arc.yaml',
    'huggingface-model-card/real/HuggingFaceH4/zephyr-7b-gemma-v0.1/README.md',
    'papers-with-code/real/hotpotqa.json',
  ];

  beforeAll(async () => {
    for (const file of FILES) await importReal(file);
  }, TIMEOUT * 2);

  test('every file is imported; no problem but a card licence the graph lacks', () => {
    for (const file of FILES) {
      const report = reports.get(file) as ImportReport;
      const problems = report.problems.filter((p) => p.field !== 'license');
      expect({ file, written: report.written, problems }).toEqual({ file, written: true, problems: [] });
    }
  });

  describe('Every Eval Ever 0.2.0', () => {
    const OPEN_LLM = 'Every Eval Ever record hfopenllm_v2/meta-llama_Llama-3.1-8B-Instruct/1770682486.623709';
    test('Open LLM Leaderboard v2, Llama-3.1-8B-Instruct: "Accuracy on IFEval" 0.4922 → accuracy 49.22 %', async () => {
      await expectFact(OPEN_LLM, '0.4922', {
        dataset: /ifeval/i,
        value: 49.22,
        metric: 'accuracy',
        unit: 'percent',
        variant: null,
        evaluatorRelationship: 'third_party',
      });
    });
    test('Open LLM Leaderboard v2, Llama-3.1-8B-Instruct: "Exact Match on MATH Level 5" 0.1556 → exact match 15.56 %', async () => {
      await expectFact(OPEN_LLM, '0.1556', {
        dataset: /math.*5/i,
        value: 15.56,
        metric: 'exact-match',
        unit: 'percent',
      });
    });
    test('Open LLM Leaderboard v2, Llama-3.1-8B-Instruct: "Accuracy on MUSR" 0.3972 → accuracy 39.72 %', async () => {
      await expectFact(OPEN_LLM, '0.3972', { dataset: /musr/i, value: 39.72, metric: 'accuracy', unit: 'percent' });
    });

    const RB1 = 'Every Eval Ever record reward-bench/Anthropic_claude-3-5-sonnet-20240620/1766412838.146816';
    test('RewardBench, Claude 3.5 Sonnet: overall "Score" 0.8417 → RewardBench score 84.17 %, no variant', async () => {
      const found = await rows(
        db(),
        sql`select r.value, m.slug as metric, r.variant, d.name as dataset from benchmark_result r
            join metric m on m.id = r.metric_id join dataset d on d.id = r.dataset_id join source s on s.id = r.source_id
            where s.title like 'Every Eval Ever record reward-bench/%' and r.reported_value = '0.8417'`,
      );
      expect(found).toEqual([
        { value: 84.17, metric: 'rewardbench-score', variant: null, dataset: expect.stringMatching(/rewardbench/i) },
      ]);
      expect(RB1).toContain('reward-bench');
    });
    test('RewardBench, Claude 3.5 Sonnet: "Chat Hard accuracy" 0.7401 → accuracy 74.01 % on the Chat Hard section', async () => {
      const found = await rows(
        db(),
        sql`select r.value, m.slug as metric, m.unit, r.variant from benchmark_result r join metric m on m.id = r.metric_id
            join source s on s.id = r.source_id where s.title like 'Every Eval Ever record reward-bench/%' and r.reported_value = '0.7401'`,
      );
      expect(found).toEqual([{ value: 74.01, metric: 'accuracy', unit: 'percent', variant: 'Chat Hard' }]);
    });
    test('RewardBench 2, Claude 3.5 Sonnet: "Ties score" 0.674 → RewardBench score 67.4 % on Ties', async () => {
      const found = await rows(
        db(),
        sql`select r.value, m.slug as metric, r.variant, d.name as dataset from benchmark_result r
            join metric m on m.id = r.metric_id join dataset d on d.id = r.dataset_id join source s on s.id = r.source_id
            where s.title like 'Every Eval Ever record reward-bench-2/%' and r.reported_value = '0.674'`,
      );
      expect(found).toEqual([
        { value: 67.4, metric: 'rewardbench-score', variant: 'Ties', dataset: expect.stringMatching(/2/) },
      ]);
    });

    const LITE = 'Every Eval Ever record helm_lite/meta_llama-3.1-405b-instruct-turbo/1770834614.1822479';
    test('HELM Lite, Llama 3.1 405B Instruct Turbo: "Mean win rate" 0.854 → metric mean win rate 85.4 % on the suite, not a benchmark', async () => {
      await expectFact(LITE, '0.854', {
        dataset: /helm.?lite/i,
        value: 85.4,
        metric: 'mean-win-rate',
        unit: 'percent',
        variant: null,
      });
      const named = await rows(db(), sql`select slug from dataset where lower(name) like '%win rate%'`);
      expect(named).toEqual([]);
    });
    test('HELM Lite, Llama 3.1 405B Instruct Turbo: "Equivalent (CoT) on MATH" 0.827 → equivalent 82.7 %, chain of thought', async () => {
      await expectFact(LITE, '0.827', {
        dataset: /^math$/i,
        value: 82.7,
        metric: 'equivalent',
        unit: 'percent',
        chainOfThought: true,
      });
    });
    test('HELM Lite, Llama 3.1 405B Instruct Turbo: "BLEU-4 on WMT 2014" 0.238 → BLEU 23.8 (0–100)', async () => {
      await expectFact(LITE, '0.238', { dataset: /wmt/i, value: 23.8, metric: 'bleu', unit: 'score' });
    });
    test('HELM Lite, Llama 3.1 405B Instruct Turbo: "F1 on NarrativeQA" 0.749 → F1 74.9 %', async () => {
      await expectFact(LITE, '0.749', { dataset: /narrative/i, value: 74.9, metric: 'f1', unit: 'percent' });
    });

    const MMLU = 'Every Eval Ever record helm_mmlu/meta_llama-2-13b/1770835937.459157';
    test('HELM MMLU, Llama 2 13B: "EM on Abstract Algebra" 0.27 → exact match 27 % on the Abstract Algebra subject', async () => {
      await expectFact(MMLU, '0.27', {
        dataset: /mmlu|abstract/i,
        value: 27,
        metric: 'exact-match',
        unit: 'percent',
      });
    });

    const CAPABILITIES =
      'Every Eval Ever record helm_capabilities/meta_llama-3.1-405b-instruct-turbo/1770835969.095764';
    test('HELM Capabilities, Llama 3.1 405B Instruct Turbo: "COT correct on GPQA" 0.522 → accuracy 52.2 %, chain of thought', async () => {
      await expectFact(CAPABILITIES, '0.522', {
        dataset: /gpqa/i,
        value: 52.2,
        metric: 'accuracy',
        unit: 'percent',
        chainOfThought: true,
      });
    });
    test('HELM Capabilities, Llama 3.1 405B Instruct Turbo: "WB Score on WildBench" 0.783 → HELM WB score 0.783 (its 0–1 scale)', async () => {
      await expectFact(CAPABILITIES, '0.783', {
        dataset: /wildbench/i,
        value: 0.783,
        metric: 'helm-wb-score',
        unit: 'score',
      });
    });
    test('HELM Capabilities, Llama 3.1 405B Instruct Turbo: "Mean score" 0.618 → average 61.8 % on the suite', async () => {
      await expectFact(CAPABILITIES, '0.618', {
        dataset: /capabilities/i,
        value: 61.8,
        metric: 'average',
        unit: 'percent',
        variant: null,
      });
    });
    test('HELM Capabilities, Llama 3.1 405B Instruct Turbo: "IFEval Strict Acc on IFEval" 0.811 → strict accuracy 81.1 %', async () => {
      await expectFact(CAPABILITIES, '0.811', {
        dataset: /ifeval/i,
        value: 81.1,
        metric: 'strict-accuracy',
        unit: 'percent',
      });
    });

    test('LiveCodeBench Pro, Qwen3 Max: "Pass@1 on Easy Problems" 0.366… → pass rate 36.62 % at k = 1', async () => {
      const found = await rows(
        db(),
        sql`select r.value, m.slug as metric, m.unit, r.pass_k from benchmark_result r join metric m on m.id = r.metric_id
            join source s on s.id = r.source_id
            where s.title like 'Every Eval Ever record livecodebenchpro/%' and r.reported_value = '0.36619718309859156'`,
      );
      expect(found).toEqual([
        { value: expect.closeTo(36.619718309859156, 9), metric: 'pass-rate', unit: 'percent', pass_k: 1 },
      ]);
    });
  });

  describe('lm-evaluation-harness', () => {
    const NOTUS = 'lm-evaluation-harness run of argilla/notus-7b-v1';
    const sourceOf = async (file: string) =>
      String(
        (
          await rows(
            db(),
            sql`select s.title from source s join benchmark_result r on r.source_id = s.id where s.title like ${`%${file}%`} limit 1`,
          )
        )[0]?.title,
      );
    test('0.4.0-dev TruthfulQA of notus-7b-v1 (notus-v1-truthfulqa.json): bleu_acc 0.4969… → BLEU accuracy 49.69 %', async () => {
      const source = await sourceOf('notus-v1-truthfulqa.json');
      expect(source).toContain(NOTUS);
      const [row] = await stored(source, '0.4969400244798042');
      expect(row).toMatchObject({ metric: 'bleu-acc', unit: 'percent' });
      expect(Number(row?.value)).toBeCloseTo(49.69400244798042, 9);
    });
    test('0.4.0-dev TruthfulQA of notus-7b-v1: bleu_max 29.89… stays 29.89 on the BLEU max scale (not ×100)', async () => {
      const [row] = await stored(await sourceOf('notus-v1-truthfulqa.json'), '29.892398101025726');
      expect(row).toMatchObject({ metric: 'bleu-max', unit: 'score' });
      expect(Number(row?.value)).toBeCloseTo(29.892398101025726, 9);
    });
    test('0.4.0-dev TruthfulQA of notus-7b-v1: truthfulqa_mc2 acc 0.5277… → accuracy 52.77 % on the MC2 task, 0 shots', async () => {
      const [row] = await stored(await sourceOf('notus-v1-truthfulqa.json'), '0.5277474376186868');
      expect(row).toMatchObject({ metric: 'accuracy', unit: 'percent', dataset_slug: expect.stringMatching(/mc2/) });
      expect(Number(row?.value)).toBeCloseTo(52.77474376186868, 9);
    });
    test('recent results file (results_2026-01-21…json): math_rephrased_full exact_match 0.0004 → exact match 0.04 %', async () => {
      const source = await sourceOf('mem_Qwen3-93M_minerva_math');
      await expectFact(source, '0.0004', {
        dataset: /rephrased/i,
        value: 0.04,
        metric: 'exact-match',
        unit: 'percent',
        shots: 0,
      });
    });
  });

  describe('Hugging Face .eval_results', () => {
    test('Vedika-4.1-flash gpqa.yaml: GPQA diamond 78.8 → accuracy 78.8 % (the benchmark’s metric, not a generic score)', async () => {
      await expectFact('https://huggingface.co/google/gemma-4-12B-it', '78.8', {
        dataset: /gpqa/i,
        value: 78.8,
        metric: 'accuracy',
        unit: 'percent',
        variant: 'diamond',
      });
    });
    test('dual-loop-controller ai2_arc.yaml: ARC-Challenge 50.0 → accuracy 50 %', async () => {
      await expectFact(
        'https://huggingface.co/CH3NDev/dual-loop-qwen3.5-2b/blob/main/eval_results/qwen35_2b_authentic_20_benchmarks.json',
        '50.0',
        { dataset: /arc/i, value: 50, metric: 'accuracy', unit: 'percent', variant: 'ARC-Challenge' },
      );
    });
  });

  describe('Hugging Face model card (model-index)', () => {
    const LEADERBOARD =
      'https://huggingface.co/spaces/HuggingFaceH4/open_llm_leaderboard?query=HuggingFaceH4/zephyr-7b-gemma-v0.1';
    test('zephyr-7b-gemma-v0.1: ARC (25-Shot) acc_norm 58.45 → length-normalized accuracy 58.45 %, 25 shots', async () => {
      await expectFact(LEADERBOARD, '58.45', {
        dataset: /arc|reasoning/i,
        value: 58.45,
        metric: 'accuracy-normalized',
        unit: 'percent',
        shots: 25,
      });
    });
    test('zephyr-7b-gemma-v0.1: TruthfulQA (0-shot) mc2 52.07 → MC2 52.07 %, 0 shots', async () => {
      await expectFact(LEADERBOARD, '52.07', {
        dataset: /truthful/i,
        value: 52.07,
        metric: 'mc2',
        unit: 'percent',
        shots: 0,
      });
    });
    test('zephyr-7b-gemma-v0.1: MT-Bench `type: unknown`, name "score" 7.81 → MT-Bench score 7.81 (the benchmark’s metric), no "unknown" metric', async () => {
      await expectFact('https://huggingface.co/spaces/lmsys/mt-bench', '7.81', {
        dataset: /mt.?bench/i,
        value: 7.81,
        metric: 'mt-bench-score',
        unit: 'points',
      });
      expect(await rows(db(), sql`select slug from metric where slug in ('unknown', 'score')`)).toEqual([]);
    });
  });

  describe('Papers with Code', () => {
    test('HotpotQA (hotpotqa.json): AISO ANS-EM "0.675" → exact match 67.5 % (the column is fractions)', async () => {
      const found = await rows(
        db(),
        sql`select r.value, m.slug as metric, m.unit from benchmark_result r join metric m on m.id = r.metric_id
            join model md on md.id = r.model_id where md.name = 'AISO' and r.reported_value = '0.675'`,
      );
      expect(found).toEqual([{ value: 67.5, metric: 'exact-match', unit: 'percent' }]);
    });
  });

  test('the registry’s metrics were created as it defines them (unit, range, direction)', async () => {
    const found = await rows(
      db(),
      sql`select slug, unit, min_value, max_value, higher_is_better from metric
          where slug in ('mean-win-rate', 'helm-wb-score', 'bleu', 'accuracy-normalized') order by slug`,
    );
    expect(found).toEqual([
      { slug: 'accuracy-normalized', unit: 'percent', min_value: 0, max_value: 100, higher_is_better: true },
      { slug: 'bleu', unit: 'score', min_value: 0, max_value: 100, higher_is_better: true },
      { slug: 'helm-wb-score', unit: 'score', min_value: 0, max_value: 1, higher_is_better: true },
      { slug: 'mean-win-rate', unit: 'percent', min_value: 0, max_value: 100, higher_is_better: true },
    ]);
  });

  test('an Every Eval Ever value outside its declared range is skipped with its place and reason, the rest kept', async () => {
    const text = (
      await import('node:fs/promises').then((fs) =>
        fs.readFile(fixture('every-eval-ever/real/livecodebenchpro/alibaba_qwen3-max.json'), 'utf8'),
      )
    )
      .replace('"score": 0.04225352112676056', '"score": 4.225352112676056')
      .replace(/"evaluation_id": "[^"]+"/, '"evaluation_id": "out-of-range-test"');
    const report = await runImport({ db: db(), fileName: 'qwen3-max-edited.json', text, actor: 'import-test' });
    expect(report.refused).toBe(false);
    expect(report.skipped).toEqual([
      {
        kind: 'skipped',
        location: 'evaluation_results[1].score_details',
        field: 'score',
        message: expect.stringContaining('4.225352112676056 is outside the declared range [0, 1]'),
      },
    ]);
    expect(report.results.inserted).toBe(2);
  });

  test('an unstated evaluator relationship is unknown, not third party (lm-eval files name no evaluator)', async () => {
    const found = await rows(
      db(),
      sql`select distinct r.evaluator_relationship from benchmark_result r join source s on s.id = r.source_id
          where s.title like '%notus-v1-truthfulqa.json%'`,
    );
    expect(found).toEqual([{ evaluator_relationship: 'unknown' }]);
  });
});
