/**
 * The metric registry (data/registry/metrics.yaml): it validates, agrees with the seed on every metric both
 * define, resolves the spellings real files use (lm-eval, Every Eval Ever descriptions, HELM, RewardBench, cards,
 * Papers with Code), and places declared ranges on a metric's range or refuses them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { cardMetric } from '../src/formats/huggingface-model-card.ts';
import { metricRegistry, placeScale, readMetricRegistry } from '../src/import/identity/metrics.ts';
import { readSeed } from '../src/seed/read.ts';

const registry = metricRegistry();
const slugOf = (name: string) => registry.match(name)?.metric.slug;

describe('metric registry', () => {
  test('every seed metric is in the registry with the same name, description, unit, range and direction', async () => {
    const { data } = await readSeed();
    let shared = 0;
    for (const seed of data.metrics) {
      const known = registry.bySlugOrUndefined(seed.slug);
      if (!known) continue;
      shared++;
      expect({
        slug: known.slug,
        name: known.name,
        description: known.description.trim(),
        unit: known.unit,
        range: known.range,
        higher: known.higherIsBetter,
      }).toEqual({
        slug: seed.slug,
        name: seed.name,
        description: seed.description.trim(),
        unit: seed.unit,
        range: [seed.minValue ?? null, seed.maxValue ?? null],
        higher: seed.higherIsBetter,
      });
    }
    expect(shared).toBe(data.metrics.length);
  });

  test.each([
    ['acc', 'accuracy'],
    ['acc_norm', 'accuracy-normalized'],
    ['exact_match', 'exact-match'],
    ['mc2', 'mc2'],
    ['bleu_acc', 'bleu-acc'],
    ['rougeL_acc', 'rougel-acc'],
    ['bleu_max', 'bleu-max'],
    ['prompt_level_strict_acc', 'strict-accuracy'],
    ['EM', 'exact-match'],
    ['Mean win rate', 'mean-win-rate'],
    ['Mean score', 'average'],
    ['WB Score', 'helm-wb-score'],
    ['BLEU-4', 'bleu'],
    ['chrf', 'chrf'],
    ['ter', 'ter'],
    ['ANS-EM', 'exact-match'],
    ['normalized accuracy', 'accuracy-normalized'],
    ['pass@10', 'pass-rate'],
    // MTEB, as cards' model-index prints it: each cut-off k its own metric, the older `cos_sim_` = `cosine_`.
    ['ndcg_at_10', 'ndcg-at-10'],
    ['ndcg_at_1', 'ndcg-at-1'],
    ['precision_at_1000', 'precision-at-1000'],
    ['cos_sim_spearman', 'sts-cosine-spearman'],
    ['cosine_spearman', 'sts-cosine-spearman'],
    ['cos_sim_pearson', 'sts-cosine-pearson'],
    ['euclidean_spearman', 'sts-euclidean-spearman'],
    ['pearson_max', 'sts-max-pearson'],
    ['spearman_max', 'sts-max-spearman'],
    ['cos_sim_ap', 'pair-cosine-ap'],
    ['max_f1', 'pair-max-f1'],
    ['v_measure', 'v-measure'],
    ['main_score', 'mteb-main-score'],
    ['ap', 'average-precision'],
    ['map', 'map'],
  ])('the spelling %j is metric %s', (spelling, slug) => {
    expect(slugOf(spelling)).toBe(slug);
  });

  test('a name the registry lacks, "unknown" or a dataset id is no metric', () => {
    expect(registry.match('unknown')).toBeUndefined();
    expect(registry.match('tatsu-lab/alpaca_eval')).toBeUndefined();
    // MTEB's diagnostics are statistics of a score, not scores: deliberately not listed.
    expect(registry.match('nauc_ndcg_at_10_diff1')).toBeUndefined();
    expect(registry.match('cos_sim_f1_threshold')).toBeUndefined();
  });

  test.each([
    ['Accuracy on BBH', ['BBH'], 'accuracy', undefined],
    ['Exact Match on MATH Level 5', ['MATH Level 5'], 'exact-match', undefined],
    ['COT correct on MMLU-Pro', ['MMLU-Pro'], 'accuracy', true],
    ['Equivalent (CoT) on MATH', ['MATH'], 'equivalent', true],
    ['IFEval Strict Acc on IFEval', ['IFEval'], 'strict-accuracy', undefined],
    [
      'How many models this model outperforms on average (over columns).',
      ['Mean win rate'],
      'mean-win-rate',
      undefined,
    ],
    ['The mean of the scores from all columns.', ['Mean score'], 'average', undefined],
    ['Chat Hard accuracy - includes hard chat subsets', ['Chat Hard'], 'accuracy', undefined],
    ['Overall RewardBench 2 Score (mean of all metrics)', ['Score'], 'rewardbench-score', undefined],
    [
      'Prior Sets score (weighted 0.5) - includes test sets',
      ['Prior Sets (0.5 weight)'],
      'rewardbench-score',
      undefined,
    ],
    ['Pass@1 on Easy Problems', ['Easy Problems'], 'pass-rate', undefined],
  ])('Every Eval Ever description %j is metric %s (chain of thought: %s)', (description, names, slug, cot) => {
    const found = registry.matchDescription(description, names);
    expect(found?.metric.slug).toBe(slug);
    expect(found?.chainOfThought).toBe(cot);
  });

  test.each([
    // type, name, dataset type, dataset name → metric as the card spells it, or undefined (skipped)
    ['acc_norm', 'normalized accuracy', 'ai2_arc', 'AI2 Reasoning Challenge (25-Shot)', { name: 'acc_norm' }],
    [undefined, 'accuracy', 'cais/mmlu', 'MMLU', { name: 'accuracy' }],
    ['unknown', 'score', 'unknown', 'MT-Bench', { name: 'mt-bench-score' }],
    ['tatsu-lab/alpaca_eval', 'win rate', 'tatsu-lab/alpaca_eval', 'AlpacaEval', { name: 'win rate' }],
    ['tatsu-lab/alpaca_eval', 'tatsu-lab/alpaca_eval', 'tatsu-lab/alpaca_eval', 'AlpacaEval', undefined],
    ['ndcg_at_10', undefined, 'mteb/nq', 'MTEB NQ', { name: 'ndcg_at_10' }],
    ['OpenBookQA', 'OpenBookQA', 'OpenBookQA', 'OpenBookQA', undefined],
    ['pass@1', undefined, 'openai_humaneval', 'HumanEval', { name: 'pass@1', passK: 1 }],
  ] as const)('card metric: type %j, name %j on %s → %j', (type, name, datasetType, datasetName, expected) => {
    expect(cardMetric(type, name, datasetType, datasetName)).toEqual(expected);
  });

  test('scale: declared [0, 1] on a percent metric is a fraction; a matching range is as is; others are refused', () => {
    const accuracy = registry.bySlugOrUndefined('accuracy')!;
    const wb = registry.bySlugOrUndefined('helm-wb-score')!;
    expect(placeScale({ min: 0, max: 1 }, accuracy)).toEqual({ scale: 'fraction' });
    expect(placeScale({ min: 0, max: 100 }, accuracy)).toEqual({ scale: 'as-is' });
    expect(placeScale({ min: 0, max: 1 }, wb)).toEqual({ scale: 'as-is' });
    expect(placeScale({}, accuracy)).toEqual({ scale: 'as-is' });
    expect(placeScale({ min: 0, max: 10 }, accuracy)).toEqual({
      refused: expect.stringContaining('[0, 10] does not match metric accuracy [0, 100]'),
    });
  });

  test("lm-eval tasks whose bleu, chrf and ter are sacreBLEU's (0–100): the harness's own, matched whole", () => {
    for (const task of [
      'wmt14-en-fr',
      'wmt20-en-ja',
      'iwslt2017-en-ar',
      'flores_eng_Latn-swh_Latn_prompt_1',
      'mafand_en-amh_prompt_1',
      'salt_eng-lug_prompt_3',
    ]) {
      expect(registry.sacreBleuTask(task), task).toEqual(expect.stringContaining('lm-evaluation-harness'));
    }
    for (const task of [
      'nl2foam_gen_original',
      'my_wmt14-en-fr',
      'flores_eng_Latn-swh_Latn_prompt_1_custom',
      'truthfulqa_gen',
    ]) {
      expect(registry.sacreBleuTask(task), task).toBeUndefined();
    }
    expect(['bleu', 'chrf', 'ter', 'bleu_max'].map((m) => registry.isSacreBleuMetric(m))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  test('an invalid registry is refused with the place of each problem', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'metric-registry-'));
    try {
      const raw = parse(readFileSync(new URL('../data/registry/metrics.yaml', import.meta.url), 'utf8'));
      raw.metrics[1].spellings = { 'lm-eval': ['acc'] }; // `acc` already names accuracy
      raw.metrics[2].range = [100, 0];
      raw.lmEvalSacreBleu.tasks[0].examples.push('my_translation');
      const file = path.join(dir, 'metrics.yaml');
      await writeFile(file, stringify(raw));
      expect(() => readMetricRegistry(file)).toThrow(
        /lmEvalSacreBleu\.tasks\.0\.examples: my_translation does not match the pattern[^]*metrics\.1\.spellings: "acc" already names accuracy[^]*metrics\.2\.range/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
