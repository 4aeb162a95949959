/**
 * The lm-evaluation-harness, Every Eval Ever and CSV parsers: exact records from real-structured fixtures, exact
 * problem places for malformed files, format detection, and CSV streaming in constant memory.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as eee from '../src/formats/every-eval-ever.ts';
import * as lmEval from '../src/formats/lm-eval-harness.ts';
import type { ImportedResult, ImportItem, ImportProblem, ParserInput } from '../src/formats/records.ts';
import * as csv from '../src/formats/results-csv.ts';
import { syntheticRow, writeResultsCsv } from './bench/generate-csv.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const fixture = (name: string) => path.join(fixtures, name);
const read = (name: string) => readFileSync(fixture(name), 'utf8');

async function collect(items: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const out: ImportItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}
const resultsOf = (items: ImportItem[]) => items.filter((i): i is ImportedResult => i.kind === 'result');
const problemsOf = (items: ImportItem[]) =>
  items
    .filter((i): i is ImportProblem => i.kind === 'problem')
    .map(({ location, field, message }) => ({
      location,
      field,
      message,
    }));
const parseText = (parser: (input: ParserInput) => AsyncGenerator<ImportItem>, fileName: string, text: string) =>
  collect(parser({ fileName, text }));

/** A stream of the text's UTF-8 bytes in small chunks, so chunk borders fall inside characters and CRLFs. */
async function* bytes(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const all = new TextEncoder().encode(text);
  for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
}

const LM_EVAL_VALID = 'lm-eval-harness/results_2024-12-05T10-31-07.517320.json';
const LM_EVAL_MALFORMED = 'lm-eval-harness/results_2024-12-06T10-15-23.250000.json';
const LM_EVAL_BROKEN = 'lm-eval-harness/results_missing-comma.json.broken';
const EEE_VALID = 'every-eval-ever/tulu-3-405b.json';
const EEE_MALFORMED = 'every-eval-ever/llama-3.1-405b-instruct-malformed.json';
const EEE_BROKEN = 'every-eval-ever/trailing-comma.json.broken';
const CSV_VALID = 'csv/results.csv';
const CSV_BAD_ROWS = 'csv/bad-rows.csv';
const CSV_BAD_HEADER = 'csv/bad-header.csv';

const TULU = 'allenai/Llama-3.1-Tulu-3-405B';
const LLAMA = 'meta-llama/Llama-3.1-405B-Instruct';

describe('lm-evaluation-harness results', () => {
  const source = {
    title: `lm-evaluation-harness run of ${TULU} (2024-12-05)`,
    kind: 'repository',
    publishedOn: '2024-12-05',
  } as const;
  const common = {
    kind: 'result',
    model: { name: TULU, huggingfaceId: TULU },
    harness: 'lm-evaluation-harness',
    reportedOn: '2024-12-05',
    source,
  } as const;

  test('one result per task, metric and filter, with the task config', async () => {
    const items = await parseText(lmEval.parse, LM_EVAL_VALID, read(LM_EVAL_VALID));
    expect(problemsOf(items)).toEqual([]);
    const results = resultsOf(items);
    expect(results).toHaveLength(13);
    expect(results[0]).toEqual({
      ...common,
      location: 'results.gsm8k',
      dataset: { name: 'gsm8k', huggingfaceId: 'openai/gsm8k' },
      metric: { name: 'exact_match', higherIsBetter: true },
      value: 0.9552691432903715,
      reportedValue: '0.9552691432903715',
      scale: 'fraction',
      stderr: 0.005693886131407044,
      shots: 8,
      split: 'test',
      variant: 'main|strict-match',
      notes: 'task version 3; lm_eval 0.4.7; git 9a5b6a1',
    });
    // IFEval's instance-level accuracies have no stderr ("N/A"); IFEval's dataset has no config name.
    expect(results.find((r) => r.metric.name === 'inst_level_strict_acc')).toEqual({
      ...common,
      location: 'results.ifeval',
      dataset: { name: 'ifeval', huggingfaceId: 'google/IFEval' },
      metric: { name: 'inst_level_strict_acc', higherIsBetter: true },
      value: 0.8836930455635491,
      reportedValue: '0.8836930455635491',
      scale: 'fraction',
      shots: 0,
      split: 'train',
      notes: 'task version 4; lm_eval 0.4.7; git 9a5b6a1',
    });
    expect(results.find((r) => r.location === 'results.humaneval')).toMatchObject({
      metric: { name: 'pass@1', higherIsBetter: true },
      passK: 1,
      variant: 'create_test',
      dataset: { name: 'humaneval', huggingfaceId: 'openai/openai_humaneval' },
    });
    // Groups: the top group holds the Hub dataset all its leaves share; nested groups and subjects are datasets
    // of their own under their group, without a variant; shots and split are the ones all leaves share.
    expect(results.find((r) => r.location === 'results.mmlu')).toEqual({
      ...common,
      location: 'results.mmlu',
      dataset: { name: 'mmlu', huggingfaceId: 'cais/mmlu' },
      metric: { name: 'acc', higherIsBetter: true },
      value: 0.75,
      reportedValue: '0.75',
      scale: 'fraction',
      stderr: 0.023631898329052853,
      shots: 0,
      split: 'test',
      notes: 'group aggregate over 3 tasks; task version 2; lm_eval 0.4.7; git 9a5b6a1',
    });
    expect(results.find((r) => r.location === 'results.mmlu_formal_logic')?.dataset).toEqual({
      name: 'mmlu_formal_logic',
      parent: { name: 'mmlu_humanities', parent: { name: 'mmlu', huggingfaceId: 'cais/mmlu' } },
    });
    expect(
      results.map((r) => [
        r.location,
        r.dataset.name,
        r.dataset.parent?.name ?? null,
        r.metric.name,
        r.variant ?? null,
        r.shots ?? null,
        r.scale,
      ]),
    ).toEqual([
      ['results.gsm8k', 'gsm8k', null, 'exact_match', 'main|strict-match', 8, 'fraction'],
      ['results.gsm8k', 'gsm8k', null, 'exact_match', 'main|flexible-extract', 8, 'fraction'],
      ['results.humaneval', 'humaneval', null, 'pass@1', 'create_test', 0, 'fraction'],
      ['results.ifeval', 'ifeval', null, 'prompt_level_strict_acc', null, 0, 'fraction'],
      ['results.ifeval', 'ifeval', null, 'inst_level_strict_acc', null, 0, 'fraction'],
      ['results.ifeval', 'ifeval', null, 'prompt_level_loose_acc', null, 0, 'fraction'],
      ['results.ifeval', 'ifeval', null, 'inst_level_loose_acc', null, 0, 'fraction'],
      ['results.mmlu', 'mmlu', null, 'acc', null, 0, 'fraction'],
      ['results.mmlu_humanities', 'mmlu_humanities', 'mmlu', 'acc', null, 0, 'fraction'],
      ['results.mmlu_formal_logic', 'mmlu_formal_logic', 'mmlu_humanities', 'acc', null, 0, 'fraction'],
      ['results.mmlu_stem', 'mmlu_stem', 'mmlu', 'acc', null, 0, 'fraction'],
      ['results.mmlu_abstract_algebra', 'mmlu_abstract_algebra', 'mmlu_stem', 'acc', null, 0, 'fraction'],
      ['results.mmlu_college_physics', 'mmlu_college_physics', 'mmlu_stem', 'acc', null, 0, 'fraction'],
    ]);
  });

  // Real file (test/fixtures/REAL-SOURCES.md): lm-eval 0.4.0-dev wrote no `group_subtasks`; subjects name their
  // group in `configs[task].group`, and groups nest only in their printed aliases. All 57 subjects share
  // `hails/mmlu_no_train`, which once made every subject land on one dataset named after the first.
  test('real 0.4.0-dev MMLU (notus-v1-mmlu.json): each subject its own dataset under its group, under MMLU', async () => {
    const file = 'lm-eval-harness/real/notus-v1-mmlu.json';
    const items = await parseText(lmEval.parse, 'notus-v1-mmlu.json', read(file));
    expect(problemsOf(items)).toEqual([]);
    const results = resultsOf(items);
    expect(results).toHaveLength(62);
    const mmlu = { name: 'mmlu', huggingfaceId: 'hails/mmlu_no_train' };
    const byLocation = new Map(results.map((r) => [r.location, r]));
    expect(byLocation.get('results.mmlu')?.dataset).toEqual(mmlu);
    for (const group of ['mmlu_humanities', 'mmlu_other', 'mmlu_social_sciences', 'mmlu_stem']) {
      expect(byLocation.get(`results.${group}`)?.dataset).toEqual({ name: group, parent: mmlu });
    }
    expect(byLocation.get('results.mmlu_abstract_algebra')).toMatchObject({
      dataset: { name: 'mmlu_abstract_algebra', parent: { name: 'mmlu_stem', parent: mmlu } },
      metric: { name: 'acc' },
      value: 0.28,
      reportedValue: '0.28',
      scale: 'fraction',
      stderr: 0.04512608598542127,
      shots: 5,
      split: 'test',
    });
    expect(byLocation.get('results.mmlu_abstract_algebra')?.variant).toBeUndefined();
    // Every subject under the group its config names, and the Hub id only on MMLU.
    const text = read(file);
    const configs = (JSON.parse(text) as { configs: Record<string, { group: string }> }).configs;
    for (const [task, config] of Object.entries(configs)) {
      expect(byLocation.get(`results.${task}`)?.dataset).toEqual({
        name: task,
        parent: { name: config.group, parent: mmlu },
      });
    }
  });

  // Real file (test/fixtures/REAL-SOURCES.md): TruthfulQA's `bleu_acc` 0.4969 is a proportion like `acc`; it was
  // once read as-is into a percent metric (0.497 %).
  test('real notus-v1-truthfulqa.json: every `*_acc` is a fraction, BLEU and ROUGE scores are as printed', async () => {
    const items = await parseText(
      lmEval.parse,
      'notus-v1-truthfulqa.json',
      read('lm-eval-harness/real/notus-v1-truthfulqa.json'),
    );
    expect(problemsOf(items)).toEqual([]);
    const gen = resultsOf(items).filter((r) => r.location === 'results.truthfulqa_gen');
    expect(gen.map((r) => [r.metric.name, r.value, r.scale])).toEqual([
      ['bleu_max', 29.892398101025726, 'as-is'],
      ['bleu_acc', 0.4969400244798042, 'fraction'],
      ['bleu_diff', 4.6593811535612755, 'as-is'],
      ['rouge1_max', 55.95682634309281, 'as-is'],
      ['rouge1_acc', 0.5018359853121175, 'fraction'],
      ['rouge1_diff', 6.063526901869032, 'as-is'],
      ['rouge2_max', 41.72420148006122, 'as-is'],
      ['rouge2_acc', 0.44063647490820074, 'fraction'],
      ['rouge2_diff', 5.516686815928071, 'as-is'],
      ['rougeL_max', 53.048615552512345, 'as-is'],
      ['rougeL_acc', 0.4981640146878825, 'fraction'],
      ['rougeL_diff', 5.809207971596513, 'as-is'],
    ]);
    expect(gen[1]?.dataset).toEqual({ name: 'truthfulqa_gen', parent: { name: 'truthfulqa' } });
  });

  // lm-eval prints `bleu`/`chrf`/`ter` on sacreBLEU's 0–100 scale when the harness aggregates them, on a task's own
  // scale otherwise: a value in (0, 1] is placed only from evidence (data/registry/metrics.yaml, lmEvalSacreBleu).
  test('bleu, chrf and ter in (0, 1] are placed by metric_list, the registry tasks or not at all', async () => {
    const config = (aggregation?: string) => ({
      metric_list: [{ metric: 'bleu', ...(aggregation ? { aggregation } : {}), higher_is_better: true }],
    });
    const file = {
      results: {
        'wmt16-en-ro': { 'bleu,none': 0.45, 'chrf,none': 0.3, 'ter,none': 0.9 },
        my_translation: { 'bleu,none': 0.45, 'chrf,none': 0.3 },
        my_translation_big: { 'bleu,none': 23.4 },
        my_translation_zero: { 'bleu,none': 0 },
        custom_default: { 'bleu,none': 0.5 },
        custom_sacre: { 'bleu,none': 0.5 },
        custom_mean: { 'bleu,none': 0.5 },
      },
      configs: {
        custom_default: config(),
        custom_sacre: config('bleu'),
        custom_mean: config('def mean_of_my_bleu(items):\n    return sum(items) / len(items)'),
      },
      model_name: 'org/model',
    };
    const items = await parseText(lmEval.parse, 'written.json', JSON.stringify(file));
    expect(problemsOf(items)).toEqual([]);
    expect(resultsOf(items).map((r) => [r.location, r.metric.name, r.value, r.scale])).toEqual([
      ['results.wmt16-en-ro', 'bleu', 0.45, 'as-is'],
      ['results.wmt16-en-ro', 'chrf', 0.3, 'as-is'],
      ['results.wmt16-en-ro', 'ter', 0.9, 'as-is'],
      ['results.my_translation_big', 'bleu', 23.4, 'as-is'],
      ['results.my_translation_zero', 'bleu', 0, 'as-is'],
      ['results.custom_default', 'bleu', 0.5, 'as-is'],
      ['results.custom_sacre', 'bleu', 0.5, 'as-is'],
    ]);
    const skipped = items
      .filter((i) => i.kind === 'skipped')
      .map(({ location, field, message }) => ({ location, field, message }));
    expect(skipped).toEqual([
      {
        location: 'results.my_translation',
        field: 'bleu,none',
        message:
          "cannot tell whether bleu 0.45 is on sacreBLEU's 0–100 scale or on 0–1: the file gives no metric_list for task my_translation and the metric registry's lm-eval sacreBLEU tasks (data/registry/metrics.yaml) do not list it, and a value in (0, 1] fits both; not stored",
      },
      { location: 'results.my_translation', field: 'chrf,none', message: expect.stringContaining('chrf 0.3 is on') },
      {
        location: 'results.custom_mean',
        field: 'bleu,none',
        message:
          "cannot tell whether bleu 0.5 is on sacreBLEU's 0–100 scale or on 0–1: task custom_mean's metric_list aggregates it with \"def mean_of_my_bleu(items):\", not with the harness's sacreBLEU `bleu`, and a value in (0, 1] fits both; not stored",
      },
    ]);
  });

  test('malformed values are problems at their task and key; the rest is still read', async () => {
    const items = await parseText(lmEval.parse, LM_EVAL_MALFORMED, read(LM_EVAL_MALFORMED));
    expect(problemsOf(items)).toEqual([
      { location: 'n-shot', field: 'gsm8k', message: 'n-shot must be a non-negative integer' },
      {
        location: 'results.gsm8k',
        field: 'exact_match,strict-match',
        message: 'metric value must be a finite number, got "0.9545"',
      },
      {
        location: 'results.gsm8k',
        field: 'exact_match_stderr,flexible-extract',
        message: 'stderr must be a non-negative number or "N/A", got -0.0056',
      },
      {
        location: 'results.humaneval',
        field: 'pass@1,create_test',
        message: 'metric value must be a finite number, got null',
      },
      {
        location: 'results.ifeval',
        field: 'prompt_level_strict_acc,none',
        message: 'prompt_level_strict_acc is a proportion in [0, 1], got 88.4',
      },
    ]);
    // The model comes from `pretrained=` when model_name is missing; `revision=` is the checkpoint.
    expect(resultsOf(items)).toEqual([
      {
        kind: 'result',
        location: 'results.ifeval',
        model: { name: LLAMA, huggingfaceId: LLAMA },
        dataset: { name: 'ifeval', huggingfaceId: 'google/IFEval' },
        metric: { name: 'inst_level_strict_acc', higherIsBetter: true },
        value: 0.9137,
        reportedValue: '0.9137',
        scale: 'fraction',
        harness: 'lm-evaluation-harness',
        shots: 0,
        split: 'train',
        modelVariant: 'main',
        reportedOn: '2024-12-06',
        source: {
          title: `lm-evaluation-harness run of ${LLAMA} (2024-12-06)`,
          kind: 'repository',
          publishedOn: '2024-12-06',
        },
        notes: 'task version 4; lm_eval 0.4.7; git 9a5b6a1',
      },
    ]);
  });

  test('broken JSON is one problem at its line', async () => {
    expect(problemsOf(await parseText(lmEval.parse, LM_EVAL_BROKEN, read(LM_EVAL_BROKEN)))).toEqual([
      {
        location: 'line 410',
        field: undefined,
        message: "invalid JSON at line 410, column 5: expected ',' or '}' after a property value",
      },
    ]);
  });

  test('a run that names no model is a problem of config.model_args', async () => {
    const text = JSON.stringify({ results: { gsm8k: { 'exact_match,none': 0.5 } }, config: { model: 'hf' } });
    expect(problemsOf(await parseText(lmEval.parse, 'results.json', text))).toEqual([
      {
        location: 'config',
        field: 'model_args',
        message: 'no model name: model_name is missing and config.model_args names no pretrained=/model=/path= value',
      },
    ]);
    expect(problemsOf(await parseText(lmEval.parse, 'results.json', '{"results": [1, 2]}'))).toEqual([
      { location: 'results', field: 'results', message: 'results must be an object' },
    ]);
  });

  test("Python's NaN, pre-0.4 keys without a filter, object model args, limits and streams", async () => {
    // json.dumps writes NaN; old harness versions wrote `acc` / `acc_stderr`.
    const text = `{
      "results": {
        "arc_challenge": {"acc": 0.5, "acc_stderr": NaN, "acc_norm": NaN, "alias": "arc_challenge"},
        "lambada_openai": {"perplexity,none": 3.25, "perplexity_stderr,none": 0.07, "acc,none": 0.75}
      },
      "n-samples": {"lambada_openai": {"original": 5153, "effective": 100}},
      "config": {"model": "openai-chat-completions", "model_args": {"model": "gpt-4o-2024-08-06", "num_concurrent": 4}},
      "date": 1.7e9
    }`;
    const items = await collect(lmEval.parse({ fileName: 'results.json', stream: bytes(text) }));
    // A NaN (or Infinity) score is a failed aggregate: left out and reported, the run's other results kept.
    expect(problemsOf(items)).toEqual([]);
    expect(items.filter((i) => i.kind === 'skipped')).toEqual([
      {
        kind: 'skipped',
        location: 'results.arc_challenge',
        field: 'acc_norm',
        message: 'metric value NaN is not a finite number: the value is left out',
      },
    ]);
    expect(
      resultsOf(items).map((r) => [r.model, r.metric.name, r.value, r.stderr, r.scale, r.reportedOn, r.notes]),
    ).toEqual([
      [{ name: 'gpt-4o-2024-08-06' }, 'acc', 0.5, undefined, 'fraction', '2023-11-14', undefined],
      [{ name: 'gpt-4o-2024-08-06' }, 'perplexity', 3.25, 0.07, 'as-is', '2023-11-14', 'limit: 100 of 5153 samples'],
      [{ name: 'gpt-4o-2024-08-06' }, 'acc', 0.75, undefined, 'fraction', '2023-11-14', 'limit: 100 of 5153 samples'],
    ]);
  });

  test('a failed aggregate (`"mae,none": Infinity`) is skipped; the run is kept', async () => {
    // Excerpt of a real file: EleutherAI/lm-evaluation-harness @ 001722b, `results/all_materials.json/gpt-4o-mini/
    // results_2025-06-30T19-37-57.457759.json` (lm-eval 0.4.8): two of its twelve `results` entries, and its model.
    const text = `{
  "results": {
    "polymer_tg_prediction": {
      "alias": "polymer_tg_prediction",
      "mae,none": Infinity,
      "mae_stderr,none": NaN
    },
    "pxrd_lattice_prediction": {
      "alias": "pxrd_lattice_prediction",
      "mae,none": 3.9685864222222222,
      "mae_stderr,none": 0.4908856367299423
    }
  },
  "lm_eval_version": "0.4.8",
  "model_name": "gpt-4o-mini"
}`;
    const items = await parseText(lmEval.parse, 'results_2025-06-30T19-37-57.457759.json', text);
    expect(problemsOf(items)).toEqual([]);
    expect(items.filter((i) => i.kind === 'skipped')).toEqual([
      {
        kind: 'skipped',
        location: 'results.polymer_tg_prediction',
        field: 'mae,none',
        message: 'metric value Infinity is not a finite number: the value is left out',
      },
    ]);
    expect(resultsOf(items).map((r) => [r.dataset.name, r.metric.name, r.value])).toEqual([
      ['pxrd_lattice_prediction', 'mae', 3.9685864222222222],
    ]);
  });

  test('chain-of-thought task names', async () => {
    const text = JSON.stringify({
      results: { gsm8k_cot_llama: { 'exact_match,flexible-extract': 0.9 } },
      model_name: 'x',
    });
    expect(resultsOf(await parseText(lmEval.parse, 'r.json', text))[0]).toMatchObject({ chainOfThought: true });
  });
});

describe('Every Eval Ever records', () => {
  const source = {
    title: 'Every Eval Ever record tulu3-report/allenai_Llama-3.1-Tulu-3-405B/1738195200.0',
    kind: 'aggregator',
    publisher: 'Ai2',
    publishedOn: '2025-01-31',
  } as const;
  const common = {
    kind: 'result',
    model: { name: 'Tülu 3 405B', huggingfaceId: TULU, organization: 'Ai2' },
    harness: 'olmes',
    evaluator: 'Ai2',
    evaluatorRelationship: 'first_party',
    reportedOn: '2025-01-30',
    source,
  } as const;

  test('one result per evaluation result', async () => {
    const items = await parseText(eee.parse, EEE_VALID, read(EEE_VALID));
    expect(problemsOf(items)).toEqual([]);
    const results = resultsOf(items);
    expect(results).toEqual([
      {
        ...common,
        location: 'evaluation_results[0]',
        dataset: { name: 'gsm8k', huggingfaceId: 'openai/gsm8k' },
        metric: { name: 'exact_match', higherIsBetter: true },
        value: 95.5,
        reportedValue: '95.5',
        scale: 'as-is',
        shots: 8,
        chainOfThought: true,
        split: 'test',
        variant: 'main',
        notes:
          'source: Tülu 3 405B release (documentation); eval library: olmes unknown; description: GSM8K, 8-shot chain of thought, exact match of the final answer',
      },
      {
        ...common,
        location: 'evaluation_results[1]',
        dataset: { name: 'mmlu', huggingfaceId: 'cais/mmlu' },
        metric: { name: 'accuracy', higherIsBetter: true },
        value: 0.87,
        reportedValue: '0.87',
        scale: 'fraction',
        stderr: 0.0028,
        shots: 0,
        chainOfThought: true,
        split: 'test',
        notes:
          'source: Tülu 3 405B release (documentation); eval library: olmes unknown; description: MMLU, 0-shot chain of thought',
      },
      {
        ...common,
        location: 'evaluation_results[2]',
        dataset: { name: 'ifeval', huggingfaceId: 'google/IFEval' },
        metric: { name: 'prompt_level_loose_acc', higherIsBetter: true },
        value: 0.86,
        reportedValue: '0.86',
        scale: 'fraction',
        shots: 0,
        split: 'train',
        variant: 'IFEval prompt-level loose',
        notes: 'source: Tülu 3 405B release (documentation); eval library: olmes unknown',
      },
      {
        ...common,
        location: 'evaluation_results[3]',
        dataset: { name: 'humaneval', huggingfaceId: 'openai/openai_humaneval' },
        metric: { name: 'pass@10', higherIsBetter: true },
        value: 0.899,
        reportedValue: '0.899',
        scale: 'fraction',
        passK: 10,
        split: 'test',
        notes:
          'source: Tülu 3 405B release (documentation); eval library: olmes unknown; description: HumanEval pass@10, 20 samples at temperature 0.8',
      },
      {
        ...common,
        location: 'evaluation_results[4]',
        dataset: { name: 'popqa' },
        metric: { name: 'exact_match', higherIsBetter: true },
        value: 0.557,
        reportedValue: '0.557',
        scale: 'fraction',
        shots: 15,
        notes: 'source: Tülu 3 405B release (documentation); eval library: olmes unknown',
      },
    ]);
  });

  test('the exported zod schema is eval.schema.json 0.2.2', () => {
    expect(eee.everyEvalEverSchema.safeParse(JSON.parse(read(EEE_VALID))).success).toBe(true);
    const issues = eee.everyEvalEverSchema.safeParse(JSON.parse(read(EEE_MALFORMED))).error?.issues ?? [];
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'evaluation_results.1.score_details.score',
      'evaluation_results.2.metric_config.lower_is_better',
      'evaluation_results.3.metric_config.max_score',
      'evaluation_results.4.source_data.source_type',
    ]);
    // Closed at the top level, and eval_library is required in 0.2.x from 0.2.1 on.
    const { eval_library: _, ...withoutLibrary } = JSON.parse(read(EEE_VALID)) as Record<string, unknown>;
    expect(eee.everyEvalEverSchema.safeParse({ ...withoutLibrary, extra: 1 }).error?.issues.map((i) => i.path)).toEqual(
      [['eval_library'], []],
    );
  });

  test('each malformed result is a problem at its path; good results of the record are still read', async () => {
    const items = await parseText(eee.parse, EEE_MALFORMED, read(EEE_MALFORMED));
    expect(problemsOf(items)).toEqual([
      {
        location: 'evaluation_results[1].score_details',
        field: 'score',
        message: 'Invalid input: expected number, received string',
      },
      {
        location: 'evaluation_results[2].metric_config',
        field: 'lower_is_better',
        message: 'Invalid input: expected boolean, received undefined',
      },
      {
        location: 'evaluation_results[3].metric_config',
        field: 'max_score',
        message: 'required when score_type is continuous',
      },
      {
        location: 'evaluation_results[4].source_data',
        field: 'source_type',
        message: "Invalid discriminator value. Expected 'url' | 'hf_dataset' | 'other'",
      },
    ]);
    expect(resultsOf(items)).toEqual([
      {
        kind: 'result',
        location: 'evaluation_results[0]',
        model: { name: 'Llama 3.1 405B Instruct', huggingfaceId: LLAMA, organization: 'Meta' },
        dataset: { name: 'gsm8k', huggingfaceId: 'openai/gsm8k' },
        metric: { name: 'exact_match', higherIsBetter: true },
        value: 0.954,
        reportedValue: '0.954',
        scale: 'fraction',
        split: 'test',
        harness: 'olmes',
        evaluator: 'Ai2',
        evaluatorRelationship: 'third_party',
        source: {
          title: 'Every Eval Ever record tulu3-report/meta-llama_Llama-3.1-405B-Instruct/1738195200.0',
          kind: 'aggregator',
          publisher: 'Ai2',
          publishedOn: '2025-01-31',
        },
        notes: 'source: Tülu 3 405B release (documentation); eval library: olmes unknown',
      },
    ]);
  });

  test('broken JSON is one problem at its line', async () => {
    expect(problemsOf(await parseText(eee.parse, EEE_BROKEN, read(EEE_BROKEN)))).toEqual([
      { location: 'line 41', field: undefined, message: 'invalid JSON at line 41, column 3: unexpected character "]"' },
    ]);
  });

  test('record-level problems block every result; other versions are refused', async () => {
    const record = JSON.parse(read(EEE_VALID)) as { source_metadata: Record<string, unknown>; model_info: object };
    record.source_metadata.evaluator_relationship = 'independent';
    delete (record.model_info as { id?: string }).id;
    const items = await parseText(eee.parse, 'x.json', JSON.stringify(record));
    expect(resultsOf(items)).toEqual([]);
    expect(problemsOf(items).map(({ location, field }) => ({ location, field }))).toEqual([
      { location: 'source_metadata', field: 'evaluator_relationship' },
      { location: 'model_info', field: 'id' },
    ]);
    const old = JSON.stringify({ schema_version: '0.1.0', evaluation_id: 'x', evaluation_results: [] });
    expect(problemsOf(await parseText(eee.parse, 'old.json', old))).toEqual([
      {
        location: 'schema_version',
        field: 'schema_version',
        message: 'unsupported schema_version "0.1.0": this importer reads 0.0.1 and 0.2.x',
      },
    ]);
  });

  test('0.0.1 records, first layout (evaluation_source; HELM Classic converter, evaleval/every_eval_ever @ 00e300d)', async () => {
    // The converter's first 0.0.1 layout: the source's name and type in `evaluation_source`, `source_data` at the
    // top, one result per HELM column header, every tab of the leaderboard, -1 where HELM has no value.
    const result = (name: string, score: number, tab: string, description: string | null = null) => ({
      evaluation_name: name,
      metric_config: {
        evaluation_description: 'How many models this model outperform on average (over columns).',
        lower_is_better: false,
        score_type: 'continuous',
        min_score: 0.0,
        max_score: 1.0,
      },
      score_details: { score, details: { description, tab } },
      generation_config: {},
    });
    const record = {
      schema_version: '0.0.1',
      evaluation_id: 'helm_classic/GPT-J-(6B)/1764204740.2490492',
      retrieved_timestamp: '1764204740.2490492',
      source_data: [
        'https://storage.googleapis.com/crfm-helm-public/benchmark_output/releases/v0.4.0/groups/core_scenarios.json',
      ],
      evaluation_source: { evaluation_source_name: 'helm_classic', evaluation_source_type: 'leaderboard' },
      source_metadata: { source_organization_name: 'crfm', evaluator_relationship: 'third_party' },
      model_info: { name: 'GPT-J (6B)', id: 'GPT-J-(6B)', developer: 'unknown', inference_platform: 'unknown' },
      evaluation_results: [
        result('Mean win rate', 0.273, 'Accuracy'),
        result('CNN/DailyMail - ROUGE-2', -1, 'Accuracy', 'No matching runs'),
        result('MMLU - EM (Robustness)', 0.22, 'Robustness', 'min=0.2, mean=0.22, max=0.26, sum=1.1 (5)'),
        result('HellaSwag - EM', 0.663, 'Accuracy', 'min=0.663, mean=0.663, max=0.663, sum=0.663 (1)'),
      ],
    };
    const items = await parseText(eee.parse, 'gpt-j.json', JSON.stringify(record));
    expect(problemsOf(items)).toEqual([]);
    expect(items.filter((i) => i.kind === 'skipped')).toEqual([
      {
        kind: 'skipped',
        location: 'evaluation_results[1].score_details',
        field: 'score',
        message: `"CNN/DailyMail - ROUGE-2": -1 is the 0.0.1 HELM converter's mark for no value (No matching runs), or for 0: not stored`,
      },
      {
        kind: 'skipped',
        location: 'evaluation_results[2].score_details.details',
        field: 'tab',
        message: `"MMLU - EM (Robustness)" is on HELM's Robustness tab: only the Accuracy tab is read`,
      },
    ]);
    const source = {
      title: 'Every Eval Ever record helm_classic/GPT-J-(6B)/1764204740.2490492',
      kind: 'aggregator',
      publisher: 'crfm',
      publishedOn: '2025-11-27',
    };
    expect(resultsOf(items).map(({ notes: _notes, ...r }) => r)).toEqual([
      {
        kind: 'result',
        location: 'evaluation_results[0]',
        model: { name: 'GPT-J (6B)' },
        dataset: { name: 'helm_classic' },
        metric: { name: 'Mean win rate', higherIsBetter: true },
        value: 0.273,
        reportedValue: '0.273',
        scale: 'fraction',
        source,
        evaluator: 'crfm',
        evaluatorRelationship: 'third_party',
      },
      {
        kind: 'result',
        location: 'evaluation_results[3]',
        model: { name: 'GPT-J (6B)' },
        dataset: { name: 'HellaSwag' },
        metric: { name: 'EM', higherIsBetter: true },
        value: 0.663,
        reportedValue: '0.663',
        scale: 'fraction',
        source,
        evaluator: 'crfm',
        evaluatorRelationship: 'third_party',
      },
    ]);
    expect(resultsOf(items)[0]?.notes).toContain('source: helm_classic (documentation)');
    // Another 0.0.x is not this layout's version: refused.
    expect(
      problemsOf(await parseText(eee.parse, 'x.json', JSON.stringify({ ...record, schema_version: '0.0.2' }))),
    ).toEqual([
      {
        location: 'schema_version',
        field: 'schema_version',
        message: 'unsupported schema_version "0.0.2": this importer reads 0.0.1 and 0.2.x',
      },
    ]);
  });

  test('0.2.0 records (no eval_library, numeric details) and unmapped relationships', async () => {
    const record = {
      schema_version: '0.2.0',
      evaluation_id: 'global-mmlu-lite/google_gemma-3-27b-it/1770682039.8556428',
      retrieved_timestamp: '1770682039.8556428',
      source_metadata: {
        source_name: 'Global MMLU Lite',
        source_type: 'documentation',
        source_organization_name: 'Cohere Labs',
        evaluator_relationship: 'collaborative',
      },
      model_info: { name: 'gemma-3-27b-it', id: 'google/gemma-3-27b-it', developer: 'google' },
      evaluation_results: [
        {
          evaluation_name: 'Arabic',
          source_data: { dataset_name: 'global-mmlu-lite', source_type: 'url', url: ['https://www.kaggle.com/x'] },
          metric_config: {
            evaluation_description: 'Global MMLU Lite - Arabic',
            lower_is_better: false,
            score_type: 'continuous',
            min_score: 0.0,
            max_score: 1.0,
          },
          score_details: { score: 0.78, details: { confidence_interval: 0.0405953917837699 } },
        },
        {
          evaluation_name: 'x',
          source_data: { dataset_name: 'x', source_type: 'other' },
          metric_config: { lower_is_better: true },
          score_details: { score: 1, uncertainty: { standard_error: { value: -1 } } },
        },
      ],
    };
    const items = await parseText(eee.parse, 'gemma.json', JSON.stringify(record));
    expect(problemsOf(items)).toEqual([
      {
        location: 'evaluation_results[1].score_details.uncertainty.standard_error',
        field: 'value',
        message: 'a standard error cannot be negative, got -1',
      },
    ]);
    expect(resultsOf(items)).toEqual([
      {
        kind: 'result',
        location: 'evaluation_results[0]',
        model: { name: 'gemma-3-27b-it', huggingfaceId: 'google/gemma-3-27b-it', organization: 'google' },
        dataset: { name: 'global-mmlu-lite' },
        metric: { name: 'score', higherIsBetter: true },
        value: 0.78,
        reportedValue: '0.78',
        scale: 'fraction',
        variant: 'Arabic',
        evaluator: 'Cohere Labs',
        evaluatorRelationship: 'unknown',
        source: {
          title: 'Every Eval Ever record global-mmlu-lite/google_gemma-3-27b-it/1770682039.8556428',
          kind: 'aggregator',
          publisher: 'Cohere Labs',
          publishedOn: '2026-02-10',
        },
        notes:
          'source: Global MMLU Lite (documentation); evaluator relationship: collaborative; description: Global MMLU Lite - Arabic',
      },
    ]);
  });
});

describe('results CSV', () => {
  const tuluSource = {
    url: 'https://allenai.org/blog/tulu-3-405B',
    title: 'allenai.org/blog/tulu-3-405B',
    kind: 'webpage',
  };

  test('one result per row, at its physical line', async () => {
    const items = await parseText(csv.parse, CSV_VALID, read(CSV_VALID));
    expect(problemsOf(items)).toEqual([]);
    const results = resultsOf(items);
    expect(results.map((r) => r.location)).toEqual([
      'line 2',
      'line 3',
      'line 4',
      'line 5',
      'line 6',
      'line 8',
      'line 9',
    ]);
    expect(results[0]).toEqual({
      kind: 'result',
      location: 'line 2',
      model: { name: TULU, huggingfaceId: TULU, organization: 'Ai2' },
      dataset: { name: 'gsm8k' },
      metric: { name: 'exact_match' },
      value: 95.5,
      reportedValue: '95.5',
      scale: 'as-is',
      shots: 8,
      chainOfThought: true,
      split: 'test',
      evaluatorRelationship: 'first_party',
      reportedOn: '2025-01-30',
      source: tuluSource,
    });
    expect(results[1]).toMatchObject({ value: 87, reportedValue: '87.0' });
    expect(results[3]).toMatchObject({ metric: { name: 'pass@10' }, passK: 10 });
    expect(results[3]?.chainOfThought).toBeUndefined();
    expect(results[6]).toEqual({
      kind: 'result',
      location: 'line 9',
      model: { name: 'Llama 3.1 405B Instruct', organization: 'Meta' },
      dataset: { name: 'mmlu' },
      metric: { name: 'macro_avg/acc' },
      value: 88.6,
      reportedValue: '88.6',
      scale: 'as-is',
      stderr: 0.3,
      shots: 0,
      chainOfThought: true,
      split: 'test',
      harness: 'lm-evaluation-harness, fork',
      evaluatorRelationship: 'first_party',
      reportedOn: '2024-07-23',
      source: {
        url: 'https://ai.meta.com/blog/meta-llama-3-1/',
        title: 'ai.meta.com/blog/meta-llama-3-1',
        kind: 'webpage',
      },
    });
  });

  test('every bad cell is a problem at its line and column; bad rows are skipped, good ones kept', async () => {
    const items = await parseText(csv.parse, CSV_BAD_ROWS, read(CSV_BAD_ROWS));
    expect(problemsOf(items)).toEqual([
      { location: 'line 3', field: 'value', message: 'value must be a number, got "n/a"' },
      { location: 'line 4', field: 'model', message: 'model is required' },
      { location: 'line 4', field: 'stderr', message: 'stderr must be a non-negative number, got "-0.5"' },
      { location: 'line 5', field: 'n_shot', message: 'n_shot must be a non-negative integer, got "eight"' },
      { location: 'line 5', field: 'cot', message: 'cot must be true or false, got "yes"' },
      {
        location: 'line 5',
        field: 'evaluator_relationship',
        message: 'evaluator_relationship must be first_party, third_party or unknown, got "independent"',
      },
      { location: 'line 5', field: 'date', message: 'date must be a real date as YYYY-MM-DD, got "2024-02-30"' },
      {
        location: 'line 5',
        field: 'source_url',
        message: 'source_url must be an http(s) URL, got "ftp://allenai.org/tulu"',
      },
      { location: 'line 6', field: undefined, message: 'expected 13 fields as in the header, found 11' },
      {
        location: 'line 7',
        field: undefined,
        message: 'malformed CSV: Invalid Opening Quote: a quote is found on field 4 at line 7, value is "9"',
      },
    ]);
    expect(resultsOf(items).map((r) => [r.location, r.model.name, r.dataset.name, r.value])).toEqual([
      ['line 2', TULU, 'gsm8k', 95.5],
      ['line 8', LLAMA, 'mmlu', 88],
    ]);
  });

  test('a wrong header stops the file at line 1', async () => {
    const columns = csv.CSV_COLUMNS.join(', ');
    expect(await parseText(csv.parse, CSV_BAD_HEADER, read(CSV_BAD_HEADER))).toEqual([
      {
        kind: 'problem',
        location: 'line 1',
        field: 'organisation',
        message: `unknown column "organisation"; the columns are ${columns}`,
      },
      {
        kind: 'problem',
        location: 'line 1',
        field: 'score',
        message: `unknown column "score"; the columns are ${columns}`,
      },
      { kind: 'problem', location: 'line 1', field: 'value', message: 'required column "value" is missing' },
    ]);
    expect(
      problemsOf(await parseText(csv.parse, 'dup.csv', 'model,benchmark,metric,value,source_url,Value\n')),
    ).toEqual([{ location: 'line 1', field: 'value', message: 'column "value" appears more than once' }]);
    expect(problemsOf(await parseText(csv.parse, 'empty.csv', '\n\n'))).toEqual([
      {
        location: 'line 1',
        field: undefined,
        message: `empty file: the header line (${csv.CSV_COLUMNS.join(',')}) is required`,
      },
    ]);
  });

  test('columns in any order, BOM, CRLF, multi-line fields and unclosed quotes, from a byte stream', async () => {
    const text = [
      '\uFEFFSource_URL , value,metric,benchmark,model,organization',
      'https://example.org/a,0.5,acc,openai/gsm8k,m1,"Ai2\r\n(Seattle)"',
      '',
      'https://example.org/b?q=1,1e2,acc,mmlu,m2,Zürich AI',
      'https://example.org/c,3,acc,mmlu,m3,"unclosed',
      'https://example.org/d,4,acc,mmlu,m4,x',
    ].join('\r\n');
    const items = await collect(csv.parse({ fileName: 'x.csv', stream: bytes(text) }));
    expect(items.map((i) => (i.kind === 'result' ? [i.location, i.model, i.dataset, i.value, i.source] : i))).toEqual([
      [
        'line 2',
        { name: 'm1', organization: 'Ai2\n(Seattle)' },
        { name: 'openai/gsm8k', huggingfaceId: 'openai/gsm8k' },
        0.5,
        { url: 'https://example.org/a', title: 'example.org/a', kind: 'webpage' },
      ],
      [
        'line 5',
        { name: 'm2', organization: 'Zürich AI' },
        { name: 'mmlu' },
        100,
        { url: 'https://example.org/b?q=1', title: 'example.org/b', kind: 'webpage' },
      ],
      {
        kind: 'problem',
        location: 'line 6',
        message: 'malformed CSV: Quote Not Closed: the parsing is finished with an opening quote at line 7',
      },
    ]);
  });

  test('detection', () => {
    const lmHead = read(LM_EVAL_VALID).slice(0, 4096);
    const eeeHead = read(EEE_VALID).slice(0, 4096);
    const csvHead = read(CSV_VALID).slice(0, 4096);
    expect([
      lmEval.detect(LM_EVAL_VALID, lmHead),
      eee.detect(LM_EVAL_VALID, lmHead),
      csv.detect(LM_EVAL_VALID, lmHead),
    ]).toEqual([true, false, false]);
    expect([lmEval.detect(EEE_VALID, eeeHead), eee.detect(EEE_VALID, eeeHead), csv.detect(EEE_VALID, eeeHead)]).toEqual(
      [false, true, false],
    );
    expect([lmEval.detect('upload', csvHead), eee.detect('upload', csvHead), csv.detect('upload', csvHead)]).toEqual([
      false,
      false,
      true,
    ]);
    expect(csv.detect('RESULTS.CSV', '')).toBe(true);
    expect(lmEval.detect('results_2024.json', read(LM_EVAL_MALFORMED).slice(0, 4096))).toBe(true);
    // The format's JSON Schema (real eval.schema.json opening: "$schema", then the record's field names) is no record.
    const schemaHead =
      '{\n    "$schema": "http://json-schema.org/draft-07/schema#",\n    "version": "0.2.0",\n    "type": "object",\n    "required": ["schema_version", "evaluation_id", "model_info", "evaluation_results"],\n    "properties": { "schema_version": { "type": "string" }, "evaluation_results": { "type": "array" } }\n}';
    expect(eee.detect('eval.schema.json', schemaHead)).toBe(false);
  });
});

describe('synthetic CSV for benchmarks', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-csv-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('is deterministic and in the documented format', async () => {
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    await writeResultsCsv(a, 120, { models: 3, benchmarks: 50 });
    await writeResultsCsv(b, 120, { models: 3, benchmarks: 50 });
    const text = await readFile(a, 'utf8');
    expect(text).toBe(await readFile(b, 'utf8'));
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(121);
    expect(lines[0]).toBe(csv.BASIC_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe(syntheticRow(0, 3, 50).join(','));
    // Row 100 wraps to model 2, row 150 would wrap back to model 0.
    expect(lines[101]?.startsWith('org-2/model-2,Organization 2,gsm8k,exact_match,')).toBe(true);
    const items = await collect(csv.parse({ fileName: a, text }));
    expect(problemsOf(items)).toEqual([]);
    expect(resultsOf(items)).toHaveLength(120);
  });

  test('a 200,000-row file streams through the parser', { timeout: 300_000 }, async () => {
    const file = path.join(dir, 'large.csv');
    const rows = 200_000;
    await writeResultsCsv(file, rows);
    const size = (await stat(file)).size;
    let read = 0;
    async function* counted() {
      for await (const chunk of createReadStream(file)) {
        read += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    let results = 0;
    let problems = 0;
    let readAtFirstResult = -1;
    for await (const item of csv.parse({ fileName: file, stream: counted() })) {
      if (item.kind === 'result') {
        if (results === 0) readAtFirstResult = read;
        results++;
      } else problems++;
    }
    expect({ results, problems }).toEqual({ results: rows, problems: 0 });
    // The first row came out when only the start of the ~30 MB file had been read.
    expect(readAtFirstResult).toBeGreaterThan(0);
    expect(readAtFirstResult).toBeLessThan(size / 20);
  });
});
