/**
 * Hugging Face evaluation results: the YAML files in a model repo's `.eval_results/` folder (one file per
 * benchmark, a list of entries). Field structure from huggingface/hub-docs `docs/hub/eval-results.md` and
 * `eval_results.yaml`, and huggingface_hub `_eval_results.py` (`EvalResultEntry`, `parse_eval_result_entries`):
 *
 * ```yaml
 * - dataset:
 *     id: openai/gsm8k        # required: the benchmark's Hub dataset id     → dataset (huggingfaceId)
 *     task_id: gsm8k          # required by the docs: task of its eval.yaml  → variant (see below)
 *     config: main            # older spec (eval_results.yaml) instead of task_id → variant
 *     split: test             # older spec                                   → split
 *     revision: <sha>         # dataset revision: not kept
 *   value: 95.5               # required                                     → value
 *   verifyToken: <jwt>        # proof the run happened in HF Jobs            → notes (cannot be checked here)
 *   date: "2024-11-21"        # ISO-8601 date or datetime                    → reportedOn
 *   source: { url, name, user, org }  # url required when source is given   → source
 *   evaluation_framework: lm-evaluation-harness                              → harness
 *   notes: "8-shot, chain-of-thought"                                       → notes (+ shots / CoT when stated)
 * ```
 * API responses wrap each entry as `{ data: {...} }`, which huggingface_hub also accepts; so does this parser.
 *
 * The file does not name its model (the repo it lives in does): it comes from the `model` option, else from a
 * path such as `allenai/Llama-3.1-Tulu-3-405B/.eval_results/gsm8k.yaml`, else the file yields one problem.
 * Nor does it name the metric (the benchmark's `eval.yaml` defines its score): the metric registry gives the metric
 * the benchmark reports (`benchmarkMetrics` in data/registry/metrics.yaml: GPQA → accuracy); a benchmark it lacks
 * gets the metric `score` (the benchmark's own score, unnamed).
 */
import { metricRegistry } from '../import/identity/metrics.ts';
import { type FieldPath, formatPath, isRecord, isoDate, parseReportedNumber, text } from './fields.ts';
import { huggingfaceIdFromPath, huggingfaceModelRef } from './hub-ids.ts';
import type { ImportItem, ImportedResult, ModelRef, Parser, RecordFormat, SourceRef } from './records.ts';
import { parseYaml } from './yaml.ts';

const inRepoPath = '\\.eval_results/[^/]+\\.ya?ml';

/** Task ids that name the benchmark as a whole (the docs' `default`; the Hub's usual config names). */
const wholeBenchmarkTasks = new Set(['default', 'main', 'all']);

export function detectHuggingFaceEvalResults(fileName: string, head: string): boolean {
  if (/(^|[\\/])\.eval_results[\\/][^\\/]+\.ya?ml$/.test(fileName)) return true;
  // A YAML list (not a card's `---` front matter) of entries with `dataset:` and `value:` keys.
  return !/^\uFEFF?---/.test(head) && /^- (data:\s*\n\s+)?dataset:/m.test(head) && /^\s+value:/m.test(head);
}

/** The repo a `.eval_results/*.yaml` path belongs to, if the path shows it. */
export function huggingfaceIdOfEvalResults(fileName: string): string | undefined {
  return huggingfaceIdFromPath(fileName, inRepoPath, true);
}

/**
 * A source given by the entry. Its kind when the address makes it plain: the model's own page is its card,
 * arXiv is a paper, a leaderboard says so.
 */
function entrySource(url: string, name: string | undefined, org: string | undefined, hfId?: string): SourceRef {
  const kind: SourceRef['kind'] =
    hfId && url.replace(/\/+$/, '') === `https://huggingface.co/${hfId}`
      ? 'model_card'
      : /^https?:\/\/(www\.)?arxiv\.org\//.test(url)
        ? 'paper'
        : /leaderboard/i.test(`${name ?? ''} ${url}`)
          ? 'leaderboard'
          : undefined;
  return { title: name ?? url, url, ...(org ? { publisher: org } : {}), ...(kind ? { kind } : {}) };
}

/**
 * Scale of a value with no metric to go by: a value in [0, 1] printed with a decimal point (`0.412`, the docs'
 * GPQA example) is a proportion; anything else (`20.90`, `75.80`, `88`) is a percentage or a raw score and stays.
 * A percentage below 1 (a weak model on HLE) would be misread; such scores are rare on the Hub.
 */
function scaleOf(value: number, printed: string): 'fraction' | 'as-is' {
  return value >= 0 && value <= 1 && printed.includes('.') ? 'fraction' : 'as-is';
}

/** Parser for `.eval_results/*.yaml` files of a known model (or, with no argument, of the model their path names). */
export function parseHuggingFaceEvalResultsFor(model?: ModelRef): Parser {
  return async function* parseHuggingFaceEvalResults({ fileName, text: fileText }): AsyncGenerator<ImportItem> {
    if (fileText === undefined) {
      yield { kind: 'problem', location: 'file', message: 'the eval results parser needs the text of the file' };
      return;
    }
    const pathId = huggingfaceIdOfEvalResults(fileName);
    const resultModel = model ?? (pathId ? huggingfaceModelRef(pathId) : undefined);
    if (!resultModel) {
      yield {
        kind: 'problem',
        location: 'file',
        message:
          'cannot tell which model these results are for: give the model, or a path like <org>/<repo>/.eval_results/<benchmark>.yaml',
      };
      return;
    }
    const hfId = resultModel.huggingfaceId;
    const yaml = parseYaml(fileText);
    if (yaml.problems.length > 0) {
      yield* yaml.problems;
      return;
    }
    const entries = yaml.data;
    if (!Array.isArray(entries)) {
      yield { kind: 'problem', location: 'line 1', message: 'an eval results file must be a YAML list of entries' };
      return;
    }
    const problem = (path: FieldPath, message: string): ImportItem => ({
      kind: 'problem',
      location: yaml.location(path),
      field: formatPath(path),
      message,
    });
    // The file itself, when an entry gives no source: its place in the model repo.
    const benchmarkFile = /[^\\/]+$/.exec(fileName)?.[0] ?? fileName;
    const fileSource: SourceRef = {
      title: `${resultModel.name} evaluation results (.eval_results/${benchmarkFile})`,
      kind: 'model_card',
      ...(hfId?.includes('/')
        ? { url: `https://huggingface.co/${hfId}/blob/main/.eval_results/${benchmarkFile}` }
        : {}),
      ...(resultModel.organization ? { publisher: resultModel.organization } : {}),
    };

    for (const [i, wrapped] of entries.entries()) {
      const wrappedInData = isRecord(wrapped) && isRecord(wrapped.data) && wrapped.dataset === undefined;
      const entry = wrappedInData ? wrapped.data : wrapped;
      const path: FieldPath = wrappedInData ? [i, 'data'] : [i];
      if (!isRecord(entry)) {
        yield problem(path, 'an entry must be a mapping with dataset and value');
        continue;
      }
      const dataset = entry.dataset;
      if (!isRecord(dataset)) {
        yield problem([...path, 'dataset'], 'an entry needs dataset.id, the Hub id of the benchmark');
        continue;
      }
      const datasetId = text(dataset.id);
      if (!datasetId) {
        yield problem([...path, 'dataset', 'id'], 'dataset.id (the Hub id of the benchmark) is missing');
        continue;
      }
      const parsed = parseReportedNumber(entry.value);
      if (!parsed) {
        yield problem(
          [...path, 'value'],
          entry.value === undefined || entry.value === null
            ? 'value is missing'
            : `value ${JSON.stringify(entry.value)} is not a number`,
        );
        continue;
      }
      const reportedValue = yaml.source([...path, 'value']) ?? String(entry.value);

      let reportedOn: string | undefined;
      if (entry.date !== undefined && entry.date !== null) {
        reportedOn = isoDate(entry.date);
        if (!reportedOn) {
          yield problem([...path, 'date'], `date ${JSON.stringify(entry.date)} is not an ISO-8601 date`);
          continue;
        }
      }

      let source = fileSource;
      if (entry.source !== undefined && entry.source !== null) {
        const url = isRecord(entry.source) ? text(entry.source.url) : undefined;
        if (!url) {
          // huggingface_hub refuses a source without url (`EvalResultEntry.__post_init__`).
          yield problem([...path, 'source', 'url'], 'source.url is required when a source is given');
          continue;
        }
        const s = entry.source as Record<string, unknown>;
        source = entrySource(url, text(s.name), text(s.org), hfId);
      }

      // `task_id` (docs) or `config` (older spec) names the benchmark task; the benchmark as a whole is no
      // variant: `default`, `main`, `all`, or the dataset's own name (`openai/gsm8k` task `gsm8k`).
      const task = text(dataset.task_id) ?? text(dataset.config);
      const datasetName = datasetId.slice(datasetId.lastIndexOf('/') + 1).toLowerCase();
      const variant =
        task && !wholeBenchmarkTasks.has(task.toLowerCase()) && task.toLowerCase() !== datasetName ? task : undefined;
      const split = text(dataset.split);
      const harness = text(entry.evaluation_framework);
      const entryNotes = text(entry.notes);
      // Settings only when the notes state them outright (`5-shot`, `chain-of-thought`, `CoT`, `no CoT`).
      const shots = entryNotes ? /\b(\d+)-shot\b/i.exec(entryNotes)?.[1] : undefined;
      const noCot = entryNotes ? /\bno[- ]?(cot|chain[- ]of[- ]thought)\b/i.test(entryNotes) : false;
      const cot = !noCot && entryNotes ? /\b(cot|chain[- ]of[- ]thought)\b/i.test(entryNotes) : false;
      const notes = [entryNotes, text(entry.verifyToken) ? 'has a Hugging Face verifyToken' : undefined]
        .filter((note) => note !== undefined)
        .join('; ');

      const record: ImportedResult = {
        kind: 'result',
        location: yaml.location(path),
        model: resultModel,
        dataset: { name: datasetId, ...(datasetId.includes('/') ? { huggingfaceId: datasetId } : {}) },
        metric: { name: metricRegistry().forBenchmark(datasetId)?.slug ?? 'score' },
        value: parsed.value,
        reportedValue,
        scale: parsed.percent ? 'as-is' : scaleOf(parsed.value, reportedValue),
        ...(parsed.stderr !== undefined ? { stderr: parsed.stderr } : {}),
        ...(shots ? { shots: Number(shots) } : {}),
        ...(noCot ? { chainOfThought: false } : cot ? { chainOfThought: true } : {}),
        ...(split ? { split } : {}),
        ...(harness ? { harness } : {}),
        ...(variant ? { variant } : {}),
        ...(reportedOn ? { reportedOn } : {}),
        source,
        ...(notes ? { notes } : {}),
      };
      yield record;
    }
  };
}

export const parseHuggingFaceEvalResults: Parser = parseHuggingFaceEvalResultsFor();

export const huggingFaceEvalResultsFormat: RecordFormat<'huggingface-eval-results'> = {
  format: 'huggingface-eval-results',
  description: 'Hugging Face `.eval_results/*.yaml` (the model comes from the `<org>/<repo>/.eval_results/` path)',
  detect: detectHuggingFaceEvalResults,
  parse: parseHuggingFaceEvalResults,
  streams: false,
};
