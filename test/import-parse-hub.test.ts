/**
 * The Hugging Face model card, Hugging Face `.eval_results` and Papers with Code parsers: exact records from the
 * fixtures (real field structure, Tülu 3 405B and Llama 3.1 405B scores), problems with their places and fields,
 * and format detection. Pure functions: no database.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  detectHuggingFaceEvalResults,
  huggingfaceIdOfEvalResults,
  parseHuggingFaceEvalResults,
  parseHuggingFaceEvalResultsFor,
} from '../src/formats/huggingface-eval-results.ts';
import {
  detectHuggingFaceModelCard,
  fractionScale,
  parseHuggingFaceModelCard,
  parseHuggingFaceModelCardWith,
} from '../src/formats/huggingface-model-card.ts';
import { formatPath, parseReportedNumber } from '../src/formats/fields.ts';
import { detectPapersWithCode, parsePapersWithCode } from '../src/formats/papers-with-code.ts';
import type { ImportedResult, ImportItem, ModelRef, Parser, SourceRef } from '../src/formats/records.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const tuluCardPath = 'huggingface-model-card/allenai/Llama-3.1-Tulu-3-405B/README.md';
const evalResultsDir = 'huggingface-eval-results/allenai/Llama-3.1-Tulu-3-405B/.eval_results';

async function fixture(relative: string): Promise<string> {
  return readFile(path.join(fixtures, relative), 'utf8');
}

async function collect(parser: Parser, fileName: string, text: string): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of parser({ fileName, text })) items.push(item);
  return items;
}

const tulu: ModelRef = {
  name: 'Llama-3.1-Tulu-3-405B',
  huggingfaceId: 'allenai/Llama-3.1-Tulu-3-405B',
  organization: 'allenai',
};
const tuluCard: SourceRef = {
  title: 'Llama-3.1-Tulu-3-405B model card',
  kind: 'model_card',
  url: 'https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B',
  publisher: 'allenai',
};
const tuluReport: SourceRef = {
  title: 'Tülu 3: Pushing Frontiers in Open Language Model Post-Training',
  url: 'https://arxiv.org/abs/2411.15124',
  kind: 'paper',
};
const llamaHerd: SourceRef = {
  title: 'The Llama 3 Herd of Models',
  url: 'https://arxiv.org/abs/2407.21783',
  kind: 'paper',
  publishedOn: '2024-07-31',
};

describe('Hugging Face model card', () => {
  test('the Tülu 3 405B card: model facts and one result per metric, with settings and sources', async () => {
    const items = await collect(
      parseHuggingFaceModelCard,
      'allenai/Llama-3.1-Tulu-3-405B/README.md',
      await fixture(tuluCardPath),
    );
    expect(items).toEqual([
      {
        kind: 'model',
        location: 'line 1',
        languages: [{ code: 'en', location: 'line 4' }],
        task: { tag: 'text-generation', location: 'line 5' },
        model: tulu,
        license: 'llama3.1',
        licenseLocation: 'line 2',
        baseModels: [
          {
            model: { name: 'Llama-3.1-405B', huggingfaceId: 'meta-llama/Llama-3.1-405B', organization: 'meta-llama' },
            relation: 'finetune',
          },
        ],
        datasets: [
          { name: 'allenai/tulu-3-sft-mixture', huggingfaceId: 'allenai/tulu-3-sft-mixture' },
          {
            name: 'allenai/RLVR-GSM-MATH-IF-Mixed-Constraints',
            huggingfaceId: 'allenai/RLVR-GSM-MATH-IF-Mixed-Constraints',
          },
        ],
        source: tuluCard,
      },
      {
        kind: 'result',
        location: 'line 26',
        model: tulu,
        // `config: main` is the benchmark as a whole: no variant.
        dataset: { name: 'GSM8K (8-shot, CoT)', huggingfaceId: 'openai/gsm8k' },
        metric: { name: 'exact_match' },
        value: 95.5,
        reportedValue: '95.5',
        scale: 'as-is',
        shots: 8,
        split: 'test',
        source: tuluCard,
      },
      {
        kind: 'result',
        location: 'line 39',
        model: tulu,
        dataset: { name: 'MATH (4-shot, CoT)', huggingfaceId: 'EleutherAI/hendrycks_math' },
        metric: { name: 'exact_match' },
        value: 67.3,
        reportedValue: '67.30',
        scale: 'as-is',
        shots: 4,
        split: 'test',
        source: tuluCard,
      },
      {
        kind: 'result',
        location: 'line 52',
        model: tulu,
        dataset: { name: 'PopQA (15-shot)', huggingfaceId: 'akariasai/PopQA' },
        metric: { name: 'acc' },
        value: 55.7,
        reportedValue: '55.7',
        scale: 'as-is',
        shots: 15,
        split: 'test',
        source: tuluCard,
      },
      {
        kind: 'result',
        location: 'line 63',
        model: tulu,
        dataset: { name: 'IFEval', huggingfaceId: 'google/IFEval' },
        metric: { name: 'prompt_level_loose_acc' },
        // A quoted number is read as a number and kept as printed.
        value: 86,
        reportedValue: '86.0',
        scale: 'as-is',
        split: 'train',
        source: tuluCard,
      },
      {
        kind: 'result',
        location: 'line 74',
        model: tulu,
        dataset: { name: 'HumanEval', huggingfaceId: 'openai/openai_humaneval' },
        metric: { name: 'pass@10' },
        value: 89.8,
        reportedValue: '89.8',
        scale: 'as-is',
        passK: 10,
        split: 'test',
        source: tuluCard,
      },
      {
        kind: 'result',
        location: 'line 88',
        model: tulu,
        // `config: all` is MMLU as a whole: no variant.
        dataset: { name: 'MMLU (0-shot, CoT)', huggingfaceId: 'cais/mmlu' },
        metric: { name: 'acc' },
        value: 87,
        reportedValue: '87.0',
        scale: 'as-is',
        shots: 0,
        split: 'test',
        source: tuluReport,
      },
    ]);
  });

  test('no repo id from an arbitrary path the card does not confirm: the model has a name only and the card no URL', async () => {
    const items = await collect(parseHuggingFaceModelCard, 'docs/test/fixtures/README.md', await fixture(tuluCardPath));
    const model = items[0];
    expect(model).toMatchObject({ kind: 'model', model: { name: 'Llama-3.1-Tulu-3-405B' } });
    expect(model?.kind === 'model' && model.model).toEqual({ name: 'Llama-3.1-Tulu-3-405B' });
    expect(model?.kind === 'model' && model.source).toEqual({
      title: 'Llama-3.1-Tulu-3-405B model card',
      kind: 'model_card',
    });
  });

  test('<org>/<repo>/README.md deeper in a local path, confirmed by the model-index name, gives the repo id', async () => {
    const items = await collect(
      parseHuggingFaceModelCard,
      `test/fixtures/${tuluCardPath}`,
      await fixture(tuluCardPath),
    );
    expect(items[0]).toMatchObject({ model: tulu, source: tuluCard });
  });

  test('the repo id from an option, the Hub cache layout or a huggingface.co address', async () => {
    const card = await fixture(tuluCardPath);
    const modelOf = async (parser: Parser, fileName: string) => (await collect(parser, fileName, card))[0];
    await expect(
      modelOf(parseHuggingFaceModelCardWith({ huggingfaceId: 'allenai/Llama-3.1-Tulu-3-405B' }), 'README.md'),
    ).resolves.toMatchObject({ model: tulu, source: tuluCard });
    await expect(
      modelOf(
        parseHuggingFaceModelCard,
        '/root/.cache/huggingface/hub/models--allenai--Llama-3.1-Tulu-3-405B/snapshots/3f2c1a/README.md',
      ),
    ).resolves.toMatchObject({ model: tulu });
    await expect(
      modelOf(parseHuggingFaceModelCard, 'https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B/raw/main/README.md'),
    ).resolves.toMatchObject({ model: tulu });
  });

  test('the malformed card: each problem at its line and field, the rest still read', async () => {
    const items = await collect(
      parseHuggingFaceModelCard,
      'test/fixtures/huggingface-model-card/malformed/README.md',
      await fixture('huggingface-model-card/malformed/README.md'),
    );
    expect(items).toEqual([
      {
        kind: 'problem',
        location: 'line 4',
        field: 'base_model_relation',
        message: 'base_model_relation must be adapter, merge, quantized or finetune',
      },
      {
        kind: 'skipped',
        location: 'line 7',
        field: 'datasets[1]',
        message:
          '42 is not a Hugging Face dataset id (such as allenai/tulu-3-sft-mixture): left out of the training data',
      },
      {
        kind: 'model',
        location: 'line 1',
        languages: [],
        model: { name: 'Llama-3.1-Tulu-3-405B' },
        license: 'llama3.1',
        licenseLocation: 'line 2',
        baseModels: [
          {
            model: { name: 'Llama-3.1-405B', huggingfaceId: 'meta-llama/Llama-3.1-405B', organization: 'meta-llama' },
            relation: 'finetune',
          },
        ],
        datasets: [{ name: 'allenai/tulu-3-sft-mixture', huggingfaceId: 'allenai/tulu-3-sft-mixture' }],
        source: { title: 'Llama-3.1-Tulu-3-405B model card', kind: 'model_card' },
      },
      {
        kind: 'skipped',
        location: 'line 19',
        field: 'model-index[0].results[0].metrics[0].value',
        message: 'metric value "n/a" is not a number: the value is left out',
      },
      {
        kind: 'skipped',
        location: 'line 23',
        field: 'model-index[0].results[1].dataset',
        message: 'the result names no dataset (a mapping with type, the Hub dataset id, and name): left out',
      },
      {
        kind: 'problem',
        location: 'line 34',
        field: 'model-index[0].results[2].dataset.args.num_few_shot',
        message: 'the number of shots must be a whole number',
      },
      {
        kind: 'problem',
        location: 'line 44',
        field: 'model-index[0].results[3].metrics[0].type',
        message: 'metric type (such as acc or exact_match) is missing',
      },
      // Results come once the card is read (see 'one value per result').
      {
        kind: 'result',
        location: 'line 20',
        model: { name: 'Llama-3.1-Tulu-3-405B' },
        dataset: { name: 'GSM8K', huggingfaceId: 'openai/gsm8k' },
        metric: { name: 'exact_match' },
        value: 95.5,
        reportedValue: '95.5',
        scale: 'as-is',
        split: 'test',
        source: { title: 'Llama-3.1-Tulu-3-405B model card', kind: 'model_card' },
      },
    ]);
  });

  test('broken YAML, no front matter and an unclosed front matter are problems at their lines', async () => {
    const broken = ['---', 'license: llama3.1', 'model-index:', '  - name: [Tulu', '---', ''].join('\n');
    const items = await collect(parseHuggingFaceModelCard, 'README.md', broken);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'problem', location: 'line 4' });
    expect(items[0]?.kind === 'problem' && items[0].message).toMatch(/^invalid YAML: /);

    await expect(collect(parseHuggingFaceModelCard, 'README.md', '# Tülu 3\n')).resolves.toEqual([
      { kind: 'problem', location: 'line 1', message: 'no YAML front matter: the card does not start with ---' },
    ]);
    await expect(collect(parseHuggingFaceModelCard, 'README.md', '---\nlicense: mit\n')).resolves.toEqual([
      { kind: 'problem', location: 'line 1', message: 'the YAML front matter is not closed by a --- line' },
    ]);
    await expect(collect(parseHuggingFaceModelCard, 'README.md', '---\nlicense: mit\n---\n')).resolves.toEqual([
      {
        kind: 'problem',
        location: 'file',
        field: 'model-index[0].name',
        message: 'cannot tell which model this card is for: no model-index name, model_name or repo id',
      },
    ]);
  });

  // Real card (test/fixtures/REAL-SOURCES.md): `license: llama3` on line 4, once reported at "line 1".
  test('real Groq/Llama-3-Groq-70B-Tool-Use card: the license is located on its own line', async () => {
    const file = 'huggingface-model-card/real/Groq/Llama-3-Groq-70B-Tool-Use/README.md';
    // Passed as the repo's path, as the card's model is told by its path (a card alone does not name it).
    const items = await collect(
      parseHuggingFaceModelCard,
      'Groq/Llama-3-Groq-70B-Tool-Use/README.md',
      await fixture(file),
    );
    expect(items.filter((item) => item.kind !== 'result')).toEqual([
      {
        kind: 'model',
        location: 'line 1',
        languages: [{ code: 'en', location: 'line 3' }],
        task: { tag: 'text-generation', location: 'line 5' },
        model: {
          name: 'Llama-3-Groq-70B-Tool-Use',
          huggingfaceId: 'Groq/Llama-3-Groq-70B-Tool-Use',
          organization: 'Groq',
        },
        license: 'llama3',
        licenseLocation: 'line 4',
        baseModels: [
          {
            model: {
              name: 'Meta-Llama-3-70B',
              huggingfaceId: 'meta-llama/Meta-Llama-3-70B',
              organization: 'meta-llama',
            },
            relation: 'finetune',
          },
        ],
        datasets: [],
        source: {
          title: 'Llama-3-Groq-70B-Tool-Use model card',
          kind: 'model_card',
          url: 'https://huggingface.co/Groq/Llama-3-Groq-70B-Tool-Use',
          publisher: 'Groq',
        },
      },
    ]);
  });

  test('license other, base model relations, fractions and uncertainties', async () => {
    const card = [
      '---',
      'license: other',
      'license_name: tulu-community-license',
      'license_link: LICENSE',
      'model_name: Tulu-Merge-8B',
      'base_model:',
      '  - allenai/Llama-3.1-Tulu-3-8B',
      '  - meta-llama/Llama-3.1-8B-Instruct',
      'model-index:',
      '  - name: Tulu-Merge-8B',
      '    results:',
      '      - task: { type: text-generation }',
      '        dataset: { type: gsm8k, name: GSM8K, config: socratic, split: test, args: { num_fewshot: 5 } }',
      '        metrics:',
      '          - { type: acc, value: 0.8484, verified: true }',
      '          - { type: bleu, value: 0.31 }',
      '          - { type: exact_match, value: "76.9 ± 1.2" }',
      '          - { type: f1, value: "76.9%" }',
      '        source: { name: Open LLM Leaderboard, url: "https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard" }',
      '---',
    ].join('\n');
    const items = await collect(parseHuggingFaceModelCard, 'README.md', card);
    const leaderboard: SourceRef = {
      title: 'Open LLM Leaderboard',
      url: 'https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard',
      kind: 'leaderboard',
    };
    const common = {
      kind: 'result',
      location: 'line 13',
      model: { name: 'Tulu-Merge-8B' },
      // A dataset id without an org is no Hub id to match on; the config is a real subset.
      dataset: { name: 'GSM8K' },
      shots: 5,
      split: 'test',
      variant: 'socratic',
      source: leaderboard,
    };
    expect(items).toEqual([
      {
        kind: 'model',
        location: 'line 1',
        languages: [],
        model: { name: 'Tulu-Merge-8B' },
        license: 'tulu-community-license',
        licenseLocation: 'line 3',
        baseModels: [
          {
            model: {
              name: 'Llama-3.1-Tulu-3-8B',
              huggingfaceId: 'allenai/Llama-3.1-Tulu-3-8B',
              organization: 'allenai',
            },
            relation: 'merge',
          },
          {
            model: {
              name: 'Llama-3.1-8B-Instruct',
              huggingfaceId: 'meta-llama/Llama-3.1-8B-Instruct',
              organization: 'meta-llama',
            },
            relation: 'merge',
          },
        ],
        datasets: [],
        source: { title: 'Tulu-Merge-8B model card', kind: 'model_card' },
      },
      // BLEU 0.31: 0-1 (evaluate's bleu) or 0-100 (sacreBLEU)? Nothing in the card says; not guessed.
      {
        kind: 'skipped',
        location: 'line 16',
        field: 'model-index[0].results[0].metrics[1].value',
        message:
          '0.31 of bleu may be on 0–1 (Hugging Face evaluate, torchmetrics) or 0–100 (sacreBLEU), and the card says neither (no other value of it above 1, type not sacrebleu): the value is left out',
      },
      {
        ...common,
        location: 'line 15',
        metric: { name: 'acc' },
        value: 0.8484,
        reportedValue: '0.8484',
        scale: 'fraction',
        evaluator: 'huggingface',
        evaluatorRelationship: 'third_party',
      },
      {
        ...common,
        location: 'line 17',
        metric: { name: 'exact_match' },
        value: 76.9,
        reportedValue: '76.9 ± 1.2',
        scale: 'as-is',
        stderr: 1.2,
      },
      {
        ...common,
        location: 'line 18',
        metric: { name: 'f1' },
        value: 76.9,
        reportedValue: '76.9%',
        scale: 'as-is',
      },
    ]);

    const quantized = '---\nbase_model: allenai/Llama-3.1-Tulu-3-405B\nbase_model_relation: quantized\n---\n';
    const [model] = await collect(parseHuggingFaceModelCard, 'someone/Tulu-3-405B-GGUF/README.md', quantized);
    expect(model).toEqual({
      kind: 'model',
      location: 'line 1',
      model: { name: 'Tulu-3-405B-GGUF', huggingfaceId: 'someone/Tulu-3-405B-GGUF', organization: 'someone' },
      baseModels: [{ model: tulu, relation: 'quantization' }],
      datasets: [],
      languages: [],
      source: {
        title: 'Tulu-3-405B-GGUF model card',
        kind: 'model_card',
        url: 'https://huggingface.co/someone/Tulu-3-405B-GGUF',
        publisher: 'someone',
      },
    });
  });

  test('BLEU and chrF in (0, 1] are placed only by the card: type sacrebleu, or a value of the metric above 1', async () => {
    // One result per test set, each with its metrics.
    const card = (...results: string[][]) =>
      [
        '---',
        'model-index:',
        '  - name: opus-mt-x',
        '    results:',
        ...results.flatMap((metrics, i) => [
          '      - task: { type: translation }',
          `        dataset: { type: wmt${14 + i}, name: WMT${14 + i} de-en }`,
          '        metrics:',
          ...metrics.map((metric) => `          - ${metric}`),
        ]),
        '---',
      ].join('\n');
    const values = async (...results: string[][]) =>
      (await collect(parseHuggingFaceModelCard, 'someone/opus-mt-x/README.md', card(...results))).flatMap((item) =>
        item.kind === 'result'
          ? [[item.metric.name, item.value, item.scale]]
          : item.kind === 'skipped'
            ? [item.kind]
            : [],
      );
    expect(await values(['{ type: sacrebleu, value: 0.31 }'])).toEqual([['sacrebleu', 0.31, 'as-is']]);
    expect(await values(['{ type: bleu, value: 0.31 }', '{ type: chrf, value: 0.52 }'])).toEqual([
      'skipped',
      'skipped',
    ]);
    // Another BLEU of the card above 1 says it prints BLEU on 0-100 (a poor pair of languages can score 0.31).
    expect(await values(['{ type: bleu, value: 0.31 }'], ['{ type: bleu, value: 27.5 }'])).toEqual([
      ['bleu', 0.31, 'as-is'],
      ['bleu', 27.5, 'as-is'],
    ]);
    expect(await values(['{ type: bleu, value: 0 }'])).toEqual([['bleu', 0, 'as-is']]);
  });

  test('the fraction rule: proportion metrics in [0, 1] only', () => {
    expect(fractionScale('acc', 0.85)).toBe('fraction');
    expect(fractionScale('exact_match', 1)).toBe('fraction');
    expect(fractionScale('pass@1', 0.62)).toBe('fraction');
    expect(fractionScale('acc', 85.2)).toBe('as-is');
    expect(fractionScale('bleu', 0.31)).toBe('as-is');
    expect(fractionScale('AI2 Reasoning Challenge (25-Shot)', 0.64)).toBe('as-is');
  });
});

describe('Hugging Face .eval_results', () => {
  test('gsm8k.yaml: the model from the path, settings from the notes, the date and the source', async () => {
    const fileName = `test/fixtures/${evalResultsDir}/gsm8k.yaml`;
    const items = await collect(parseHuggingFaceEvalResults, fileName, await fixture(`${evalResultsDir}/gsm8k.yaml`));
    expect(items).toEqual([
      {
        kind: 'result',
        location: 'line 1',
        model: tulu,
        // task_id `gsm8k` is the dataset's own name: no variant.
        dataset: { name: 'openai/gsm8k', huggingfaceId: 'openai/gsm8k' },
        metric: { name: 'exact-match' },
        value: 95.5,
        reportedValue: '95.5',
        scale: 'as-is',
        shots: 8,
        chainOfThought: true,
        reportedOn: '2024-11-22',
        source: {
          title: 'Tülu 3 technical report',
          url: 'https://arxiv.org/abs/2411.15124',
          publisher: 'allenai',
          kind: 'paper',
        },
        notes: '8-shot, chain-of-thought',
      },
      {
        kind: 'result',
        location: 'line 11',
        model: tulu,
        dataset: { name: 'openai/gsm8k', huggingfaceId: 'openai/gsm8k' },
        metric: { name: 'exact-match' },
        value: 0.9538,
        reportedValue: '0.9538',
        scale: 'fraction',
        shots: 5,
        harness: 'lm-evaluation-harness',
        reportedOn: '2025-02-03',
        source: { title: 'lm-evaluation-harness (5-shot)', url: 'https://github.com/EleutherAI/lm-evaluation-harness' },
        notes: '5-shot, flexible-extract',
      },
    ]);
  });

  test('malformed.yaml: each problem at its line and field, the valid entry still read', async () => {
    const items = await collect(
      parseHuggingFaceEvalResults,
      'allenai/Llama-3.1-Tulu-3-405B/.eval_results/malformed.yaml',
      await fixture(`${evalResultsDir}/malformed.yaml`),
    );
    expect(items).toEqual([
      { kind: 'problem', location: 'line 4', field: '[0].value', message: 'value "n/a" is not a number' },
      {
        kind: 'problem',
        location: 'line 6',
        field: '[1].dataset.id',
        message: 'dataset.id (the Hub id of the benchmark) is missing',
      },
      {
        kind: 'problem',
        location: 'line 12',
        field: '[2].source.url',
        message: 'source.url is required when a source is given',
      },
      {
        kind: 'problem',
        location: 'line 16',
        field: '[3].date',
        message: 'date "30 January 2025" is not an ISO-8601 date',
      },
      {
        kind: 'problem',
        location: 'line 17',
        field: '[4].dataset',
        message: 'an entry needs dataset.id, the Hub id of the benchmark',
      },
      {
        kind: 'result',
        location: 'line 18',
        model: tulu,
        dataset: { name: 'cais/mmlu', huggingfaceId: 'cais/mmlu' },
        metric: { name: 'accuracy' },
        value: 87,
        reportedValue: '87.0',
        scale: 'as-is',
        // No source in the entry: the file itself, in the model repo.
        source: {
          title: 'Llama-3.1-Tulu-3-405B evaluation results (.eval_results/malformed.yaml)',
          kind: 'model_card',
          url: 'https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B/blob/main/.eval_results/malformed.yaml',
          publisher: 'allenai',
        },
      },
    ]);
  });

  test('without a model hint or a repo path, the file is one problem', async () => {
    const text = await fixture(`${evalResultsDir}/gsm8k.yaml`);
    await expect(collect(parseHuggingFaceEvalResults, 'gsm8k.yaml', text)).resolves.toEqual([
      {
        kind: 'problem',
        location: 'file',
        message:
          'cannot tell which model these results are for: give the model, or a path like <org>/<repo>/.eval_results/<benchmark>.yaml',
      },
    ]);
  });

  test('a model hint, API-style `data` wrappers, the older config/split spelling, broken YAML', async () => {
    const llama: ModelRef = { name: 'Llama 3.1 405B Instruct', huggingfaceId: 'meta-llama/Llama-3.1-405B-Instruct' };
    const text = [
      '- data:',
      '    dataset: { id: Idavidrein/gpqa, config: gpqa_diamond, split: train }',
      '    value: 0.412',
      '    verifyToken: eyJhbGciOiJIUzI1NiJ9.e30.sig',
      '    notes: no CoT',
    ].join('\n');
    const items = await collect(parseHuggingFaceEvalResultsFor(llama), 'gpqa.yaml', text);
    expect(items).toEqual([
      {
        kind: 'result',
        location: 'line 2',
        model: llama,
        dataset: { name: 'Idavidrein/gpqa', huggingfaceId: 'Idavidrein/gpqa' },
        metric: { name: 'accuracy' },
        value: 0.412,
        reportedValue: '0.412',
        scale: 'fraction',
        chainOfThought: false,
        split: 'train',
        variant: 'gpqa_diamond',
        source: {
          title: 'Llama 3.1 405B Instruct evaluation results (.eval_results/gpqa.yaml)',
          kind: 'model_card',
          url: 'https://huggingface.co/meta-llama/Llama-3.1-405B-Instruct/blob/main/.eval_results/gpqa.yaml',
        },
        notes: 'no CoT; has a Hugging Face verifyToken',
      },
    ]);

    const broken = '- dataset:\n    id: openai/gsm8k\n  value: [95.5\n';
    const problems = await collect(parseHuggingFaceEvalResultsFor(tulu), 'gsm8k.yaml', broken);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.kind === 'problem' && p.message.startsWith('invalid YAML: '))).toBe(true);
    expect(problems[0]).toMatchObject({ location: 'line 4' });

    await expect(collect(parseHuggingFaceEvalResultsFor(tulu), 'gsm8k.yaml', 'value: 95.5\n')).resolves.toEqual([
      { kind: 'problem', location: 'line 1', message: 'an eval results file must be a YAML list of entries' },
    ]);
  });

  test('repo ids from paths', () => {
    expect(huggingfaceIdOfEvalResults('allenai/Llama-3.1-Tulu-3-405B/.eval_results/gsm8k.yaml')).toBe(
      'allenai/Llama-3.1-Tulu-3-405B',
    );
    expect(huggingfaceIdOfEvalResults('C:\\models\\allenai\\Llama-3.1-Tulu-3-405B\\.eval_results\\gsm8k.yml')).toBe(
      'allenai/Llama-3.1-Tulu-3-405B',
    );
    expect(
      huggingfaceIdOfEvalResults(
        '/home/me/.cache/huggingface/hub/models--allenai--Llama-3.1-Tulu-3-405B/snapshots/abc123/.eval_results/gsm8k.yaml',
      ),
    ).toBe('allenai/Llama-3.1-Tulu-3-405B');
    expect(huggingfaceIdOfEvalResults('.eval_results/gsm8k.yaml')).toBeUndefined();
    expect(huggingfaceIdOfEvalResults('allenai/Llama-3.1-Tulu-3-405B/gsm8k.yaml')).toBeUndefined();
  });
});

describe('Papers with Code evaluation tables', () => {
  // Real file (test/fixtures/REAL-SOURCES.md): HotpotQA's EM and F1 columns are fractions (0.598-0.675), where
  // most tables print percentages; they were once stored as 0.675 % in a percent metric.
  test('real hotpotqa.json: a proportion column all in [0, 1] is fractions, read from the column', async () => {
    const items = await collect(
      parsePapersWithCode,
      'hotpotqa.json',
      await fixture('papers-with-code/real/hotpotqa.json'),
    );
    const results = items.filter((item): item is ImportedResult => item.kind === 'result');
    expect(results[0]).toEqual({
      kind: 'result',
      location: '[0].datasets[0].sota.rows[0].metrics.ANS-EM',
      model: { name: 'AISO' },
      dataset: { name: 'HotpotQA' },
      metric: { name: 'ANS-EM' },
      value: 0.675,
      reportedValue: '0.675',
      scale: 'fraction',
      reportedOn: '2021-05-10',
      source: {
        title: 'Papers with Code: Question Answering on HotpotQA',
        kind: 'leaderboard',
        publisher: 'Papers with Code',
      },
    });
    expect(new Set(results.map((r) => r.scale))).toEqual(new Set(['fraction']));
  });

  // Real files: rows naming no model ("" or "Anonymous") and resubmissions are left out by rule, never refused.
  test('real coqa.json and hotpotqa.json: unnamed rows and earlier submissions are skipped, not problems', async () => {
    const skipped = async (file: string) =>
      (await collect(parsePapersWithCode, file, await fixture(`papers-with-code/real/${file}`))).filter(
        (item) => item.kind !== 'result',
      );
    expect(await skipped('coqa.json')).toEqual([
      {
        kind: 'skipped',
        location: '[0].datasets[0].sota.rows[3]',
        message: 'an earlier submission of TR-MT (ensemble) to this table; the one of 2020-04-22 (rows[1]) is kept',
      },
    ]);
    const hotpot = await skipped('hotpotqa.json');
    expect(hotpot.map((item) => item.kind)).toEqual(Array(16).fill('skipped'));
    expect(hotpot.at(-1)).toEqual({
      kind: 'skipped',
      location: '[0].datasets[0].sota.rows[63]',
      message: 'an earlier submission of SAFSr_model to this table; the one of 2020-07-28 (rows[32]) is kept',
    });
  });

  test('real hotpotqa.json is detected from its first 4 KB, where sorted keys leave out `task`', async () => {
    const head = (await fixture('papers-with-code/real/hotpotqa.json')).slice(0, 4096);
    expect(head).not.toContain('"task"');
    expect(detectPapersWithCode('hotpotqa.json', head)).toBe(true);
  });

  test('column scales: percentages, fractions, one value that cannot be placed, other metrics as printed', async () => {
    const table = (rows: Record<string, unknown>[]) =>
      JSON.stringify([{ task: 'QA', datasets: [{ dataset: 'D', sota: { metrics: [], rows } }] }]);
    const scales = async (rows: Record<string, unknown>[]) =>
      (await collect(parsePapersWithCode, 't.json', table(rows)))
        .filter((item): item is ImportedResult => item.kind === 'result')
        .map((r) => [r.metric.name, r.reportedValue, r.scale]);
    expect(
      await scales([
        { model_name: 'a', metrics: { EM: '0.9', F1: '0.8', MAE: '0.3', Accuracy: '0.5%' } },
        { model_name: 'b', metrics: { EM: '85.0', F1: '0.7', MAE: '0.2' } },
      ]),
    ).toEqual([
      ['EM', '0.9', 'as-is'],
      ['F1', '0.8', 'fraction'],
      ['MAE', '0.3', 'as-is'],
      ['Accuracy', '0.5%', 'as-is'],
      ['EM', '85.0', 'as-is'],
      ['F1', '0.7', 'fraction'],
      ['MAE', '0.2', 'as-is'],
    ]);
    expect(await scales([{ model_name: 'a', metrics: { EM: '0.8' } }])).toEqual([['EM', '0.8', 'unknown']]);
  });

  test('evaluation-tables.json: one result per row and metric, through subtasks and subdatasets', async () => {
    const items = await collect(
      parsePapersWithCode,
      'evaluation-tables.json',
      await fixture('papers-with-code/evaluation-tables.json'),
    );
    const tuluPaper: SourceRef = { ...tuluReport, publishedOn: '2024-11-22' };
    const tuluRow: ModelRef = { name: 'Tülu 3 405B (8-shot, CoT)', huggingfaceId: 'allenai/Llama-3.1-Tulu-3-405B' };
    expect(items).toEqual([
      {
        kind: 'result',
        location: '[0].datasets[0].sota.rows[0].metrics.Accuracy',
        model: tuluRow,
        dataset: { name: 'GSM8K' },
        metric: { name: 'Accuracy' },
        value: 95.5,
        reportedValue: '95.5',
        scale: 'as-is',
        reportedOn: '2024-11-22',
        source: tuluPaper,
      },
      {
        kind: 'result',
        location: '[0].datasets[0].sota.rows[0].metrics["Accuracy (maj@8)"]',
        model: tuluRow,
        dataset: { name: 'GSM8K' },
        metric: { name: 'Accuracy (maj@8)' },
        value: 96.1,
        reportedValue: '96.1',
        scale: 'as-is',
        reportedOn: '2024-11-22',
        source: tuluPaper,
      },
      // The `-` for maj@8 is no result and is skipped without a problem.
      {
        kind: 'result',
        location: '[0].datasets[0].sota.rows[1].metrics.Accuracy',
        model: { name: 'Llama 3.1 405B Instruct (8-shot, CoT)' },
        dataset: { name: 'GSM8K' },
        metric: { name: 'Accuracy' },
        value: 95.4,
        reportedValue: '95.4%',
        scale: 'as-is',
        reportedOn: '2024-07-31',
        source: llamaHerd,
        notes: 'uses additional training data',
      },
      {
        kind: 'result',
        location: '[0].subtasks[0].datasets[0].sota.rows[0].metrics.Accuracy',
        model: { name: 'Tülu 3 405B (4-shot, CoT)' },
        dataset: { name: 'MATH' },
        metric: { name: 'Accuracy' },
        value: 67.3,
        reportedValue: '67.3',
        scale: 'as-is',
        // No paper: the leaderboard itself.
        source: {
          title: 'Papers with Code: Math Word Problem Solving on MATH',
          kind: 'leaderboard',
          publisher: 'Papers with Code',
        },
      },
      {
        kind: 'result',
        location: '[1].datasets[0].subdatasets[0].sota.rows[0].metrics["Average (%)"]',
        model: { name: 'Llama 3.1 405B' },
        dataset: { name: 'MMLU (5-shot)' },
        metric: { name: 'Average (%)' },
        value: 85.2,
        reportedValue: '85.2',
        scale: 'as-is',
        reportedOn: '2024-07-31',
        source: llamaHerd,
      },
    ]);
  });

  test('malformed.json: each problem at its row or dataset, a text cell skipped, the valid row still read', async () => {
    const items = await collect(
      parsePapersWithCode,
      'malformed.json',
      await fixture('papers-with-code/malformed.json'),
    );
    expect(items).toEqual([
      {
        kind: 'skipped',
        location: '[0].datasets[0].sota.rows[0]',
        field: '[0].datasets[0].sota.rows[0].metrics.Accuracy',
        message: 'Accuracy value "n/a" is not a number: the value is left out',
      },
      {
        kind: 'skipped',
        location: '[0].datasets[0].sota.rows[1]',
        message: 'the row names no model (model_name null): left out',
      },
      {
        kind: 'problem',
        location: '[0].datasets[0].sota.rows[2]',
        field: '[0].datasets[0].sota.rows[2].metrics',
        message: 'metrics must be an object of metric name → value',
      },
      {
        kind: 'result',
        location: '[0].datasets[0].sota.rows[3].metrics.Accuracy',
        model: { name: 'Llama 3.1 70B Instruct' },
        dataset: { name: 'GSM8K' },
        metric: { name: 'Accuracy' },
        value: 95.1,
        reportedValue: '95.1',
        scale: 'as-is',
        reportedOn: '2024-07-31',
        source: llamaHerd,
      },
      {
        kind: 'problem',
        location: '[0].datasets[1]',
        field: '[0].datasets[1].dataset',
        message: 'the dataset has no name',
      },
      {
        kind: 'problem',
        location: '[0].subtasks[0]',
        field: '[0].subtasks[0].task',
        message: 'the task has no name',
      },
    ]);
  });

  test('broken JSON is one problem at its line; a non-array is one problem', async () => {
    const broken = '[\n  {\n    "task": "Arithmetic Reasoning",\n    "datasets": [,]\n  }\n]\n';
    const items = await collect(parsePapersWithCode, 'evaluation-tables.json', broken);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'problem', location: 'line 4' });
    expect(items[0]?.kind === 'problem' && items[0].message).toMatch(/^invalid JSON at line 4, column \d+: /);

    await expect(collect(parsePapersWithCode, 'evaluation-tables.json', '"GSM8K"')).resolves.toEqual([
      { kind: 'problem', location: 'file', message: 'evaluation tables must be a JSON array of tasks' },
    ]);
  });
});

describe('detection', () => {
  test('each format recognizes its fixtures and not the others', async () => {
    const head = async (relative: string) => (await fixture(relative)).slice(0, 4096);
    const card = await head(tuluCardPath);
    const evalResults = await head(`${evalResultsDir}/gsm8k.yaml`);
    const pwc = await head('papers-with-code/evaluation-tables.json');

    expect(detectHuggingFaceModelCard('README.md', card)).toBe(true);
    expect(detectHuggingFaceModelCard('README.md', await head('huggingface-model-card/malformed/README.md'))).toBe(
      true,
    );
    expect(detectHuggingFaceModelCard('gsm8k.yaml', evalResults)).toBe(false);
    expect(detectHuggingFaceModelCard('evaluation-tables.json', pwc)).toBe(false);
    expect(detectHuggingFaceModelCard('README.md', '---\ntitle: Chatbot Arena\nsdk: gradio\n---\n')).toBe(false);
    expect(detectHuggingFaceModelCard('README.md', '# Tülu 3\n\nlicense: none\n')).toBe(false);

    // By path, whatever the content; by content, a YAML list of entries with dataset and value.
    expect(detectHuggingFaceEvalResults('allenai/Llama-3.1-Tulu-3-405B/.eval_results/gsm8k.yaml', '')).toBe(true);
    expect(detectHuggingFaceEvalResults('gsm8k.yaml', evalResults)).toBe(true);
    expect(detectHuggingFaceEvalResults('README.md', card)).toBe(false);
    expect(detectHuggingFaceEvalResults('evaluation-tables.json', pwc)).toBe(false);

    expect(detectPapersWithCode('evaluation-tables.json', pwc)).toBe(true);
    expect(detectPapersWithCode('malformed.json', await head('papers-with-code/malformed.json'))).toBe(true);
    expect(detectPapersWithCode('README.md', card)).toBe(false);
    expect(detectPapersWithCode('gsm8k.yaml', evalResults)).toBe(false);
    expect(detectPapersWithCode('results.json', '{"results": {"gsm8k": {"exact_match,strict-match": 0.95}}}')).toBe(
      false,
    );
  });
});

describe('shared helpers', () => {
  test('paths and reported numbers', () => {
    expect(formatPath(['model-index', 0, 'results', 2, 'metrics', 1, 'value'])).toBe(
      'model-index[0].results[2].metrics[1].value',
    );
    expect(formatPath([0, 'sota', 'rows', 3, 'metrics', 'Top 1 Accuracy'])).toBe(
      '[0].sota.rows[3].metrics["Top 1 Accuracy"]',
    );
    expect(parseReportedNumber('85.2')).toEqual({ value: 85.2, percent: false });
    expect(parseReportedNumber(' 85.2% ')).toEqual({ value: 85.2, percent: true });
    expect(parseReportedNumber('1,234.5')).toEqual({ value: 1234.5, percent: false });
    expect(parseReportedNumber('20.0 ± 1.2')).toEqual({ value: 20, stderr: 1.2, percent: false });
    expect(parseReportedNumber('20.0 +/- 1.2')).toEqual({ value: 20, stderr: 1.2, percent: false });
    expect(parseReportedNumber(95)).toEqual({ value: 95, percent: false });
    expect(parseReportedNumber('85,2')).toBeUndefined();
    expect(parseReportedNumber('n/a')).toBeUndefined();
    expect(parseReportedNumber(Number.NaN)).toBeUndefined();
    expect(parseReportedNumber(true)).toBeUndefined();
  });
});
