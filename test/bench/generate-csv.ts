/**
 * A deterministic synthetic results CSV in the modelgraph CSV format (src/formats/results-csv.ts), for import
 * benchmarks: `tsx test/bench/generate-csv.ts <path> <rows> [models] [benchmarks]`.
 *
 * Row i reports benchmark i mod B for model floor(i / B) mod M (defaults 20,000 models x 50 benchmarks, so up to
 * 1,000,000 distinct results before pairs repeat, each repeat with the same values). Every cell is a function of
 * the (model, benchmark) pair, so two runs write the same bytes. Rows are streamed to the file in chunks of 1,000
 * lines with backpressure; no more than a chunk is ever in memory.
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { BASIC_CSV_COLUMNS } from '../../src/formats/results-csv.ts';

const BENCHMARKS: readonly (readonly [name: string, metric: string, shots: number, cot: '' | 'true' | 'false'])[] = [
  ['gsm8k', 'exact_match', 8, 'true'],
  ['mmlu', 'accuracy', 5, 'false'],
  ['ifeval', 'prompt_level_strict_acc', 0, ''],
  ['humaneval', 'pass@1', 0, ''],
  ['popqa', 'exact_match', 15, 'false'],
  ['math', 'exact_match', 4, 'true'],
  ['bbh', 'exact_match', 3, 'true'],
  ['drop', 'f1', 3, 'false'],
  ['arc_challenge', 'acc_norm', 25, 'false'],
  ['hellaswag', 'acc_norm', 10, 'false'],
  ['winogrande', 'accuracy', 5, 'false'],
  ['truthfulqa_mc2', 'mc2', 0, ''],
  ['mmlu_pro', 'accuracy', 5, 'true'],
  ['gpqa_diamond', 'accuracy', 0, 'true'],
  ['mbpp', 'pass@1', 3, ''],
  ['agieval', 'accuracy', 0, ''],
  ['triviaqa', 'exact_match', 5, 'false'],
  ['natural_questions', 'exact_match', 5, 'false'],
  ['squad_v2', 'f1', 0, ''],
  ['boolq', 'accuracy', 0, ''],
  ['piqa', 'acc_norm', 0, ''],
  ['siqa', 'accuracy', 0, ''],
  ['openbookqa', 'acc_norm', 0, ''],
  ['commonsense_qa', 'accuracy', 7, 'false'],
  ['race', 'accuracy', 0, ''],
  ['lambada_openai', 'accuracy', 0, ''],
  ['alpacaeval2_lc', 'length_controlled_winrate', 0, ''],
  ['mt_bench', 'score', 0, ''],
  ['arena_hard', 'winrate', 0, ''],
  ['livecodebench', 'pass@1', 0, 'true'],
  ['swe_bench_verified', 'resolved', 0, ''],
  ['aime_2024', 'accuracy', 0, 'true'],
  ['aime_2025', 'accuracy', 0, 'true'],
  ['musr', 'acc_norm', 0, ''],
  ['bigcodebench', 'pass@1', 0, ''],
  ['humaneval_plus', 'pass@1', 0, ''],
  ['mbpp_plus', 'pass@1', 0, ''],
  ['ds1000', 'pass@1', 0, ''],
  ['xnli', 'accuracy', 0, ''],
  ['mgsm', 'exact_match', 8, 'true'],
  ['tydiqa', 'f1', 1, 'false'],
  ['flores200', 'chrf', 0, ''],
  ['wmt14_en_fr', 'bleu', 0, ''],
  ['coqa', 'f1', 0, ''],
  ['quac', 'f1', 0, ''],
  ['hotpotqa', 'exact_match', 0, 'true'],
  ['musique', 'f1', 0, 'true'],
  ['nq_open', 'exact_match', 0, ''],
  ['simpleqa', 'accuracy', 0, ''],
  ['bfcl', 'accuracy', 0, ''],
];

export type ResultsCsvOptions = {
  /** Distinct models to cycle through (default 20,000). */
  models?: number;
  /** Benchmarks per model, at most 50 (default 50). */
  benchmarks?: number;
};

/** Deterministic 32-bit mix of a number (splitmix-style), for values that look random but never change. */
function mix(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The CSV cells of row `i`, in `BASIC_CSV_COLUMNS` order. */
export function syntheticRow(i: number, models = 20_000, benchmarks = BENCHMARKS.length): string[] {
  const b = i % benchmarks;
  const m = Math.floor(i / benchmarks) % models;
  const [benchmark, metric, shots, cot] = BENCHMARKS[b]!;
  const h = mix(m * 64 + b + 1);
  const org = m % 500;
  const value = (20 + (h % 7500) / 100).toFixed(2); // 20.00 .. 94.99
  const stderr = h % 4 === 0 ? '' : (0.4 + ((h >>> 8) % 260) / 100).toFixed(2);
  const day = new Date(Date.UTC(2023, 0, 1) + ((h >>> 4) % 900) * 86_400_000).toISOString().slice(0, 10);
  return [
    `org-${org}/model-${m}`,
    `Organization ${org}`,
    benchmark,
    metric,
    value,
    stderr,
    String(shots),
    cot,
    'test',
    h % 3 === 0 ? 'lm-evaluation-harness' : '',
    h % 5 === 0 ? 'third_party' : 'first_party',
    `https://example.org/evals/org-${org}/page-${m % 1000}`,
    day,
  ];
}

/** Writes `rows` data rows (plus the header) to `file`, streaming. */
export async function writeResultsCsv(file: string, rows: number, options: ResultsCsvOptions = {}): Promise<void> {
  const models = options.models ?? 20_000;
  const benchmarks = Math.min(options.benchmarks ?? BENCHMARKS.length, BENCHMARKS.length);
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`rows must be a non-negative integer: ${rows}`);
  if (models < 1 || benchmarks < 1) throw new RangeError('models and benchmarks must be at least 1');
  function* chunks() {
    yield `${BASIC_CSV_COLUMNS.join(',')}\n`;
    for (let start = 0; start < rows; start += 1000) {
      let chunk = '';
      for (let i = start; i < Math.min(rows, start + 1000); i++) {
        chunk += `${syntheticRow(i, models, benchmarks).map(csvCell).join(',')}\n`;
      }
      yield chunk;
    }
  }
  await pipeline(Readable.from(chunks()), createWriteStream(file));
}

/** RFC 4180 quoting, for the cells that need it. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, rowsText, modelsText, benchmarksText] = process.argv.slice(2);
  const rows = Number(rowsText);
  if (!file || !Number.isSafeInteger(rows) || rows < 0) {
    console.error('usage: tsx test/bench/generate-csv.ts <path> <rows> [models] [benchmarks]');
    process.exit(2);
  }
  const started = performance.now();
  await writeResultsCsv(file, rows, {
    ...(modelsText ? { models: Number(modelsText) } : {}),
    ...(benchmarksText ? { benchmarks: Number(benchmarksText) } : {}),
  });
  console.log(`wrote ${rows} rows to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
