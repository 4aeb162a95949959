/**
 * Papers with Code `evaluation-tables.json` (paperswithcode/paperswithcode-data; the sota-extractor format,
 * field structure from paperswithcode/sota-extractor `sota_extractor/taskdb/v01/schemas.py` and `models.py`):
 *
 * ```
 * [ { task, description, categories, synonyms, source_link,
 *     datasets: [ { dataset (or, in subdatasets, subdataset), description, dataset_links, dataset_citations,
 *                   sota: { metrics: [names], rows: [ { model_name, paper_title, paper_url, paper_date,
 *                                                       code_links, model_links, metrics: { name: value },
 *                                                       uses_additional_data } ] },
 *                   subdatasets: [ ...same shape... ] } ],
 *     subtasks: [ ...same shape as a task... ] } ]
 * ```
 *
 * One `ImportedResult` per row and metric with a value: `model_name` is the model (with a Hugging Face id when a
 * `model_links` entry is a huggingface.co model page), the dataset or subdataset name is the dataset (a
 * subdataset such as `MMLU (5-shot)` stays a name of its own: settings are not parsed out of names), the metric
 * key is the metric (a split named before a registry metric, `TEST-EM` or `Validation Accuracy`, goes to the
 * result's split; higher-is-better is not in the file, so it stays unset), and the paper is the source (else
 * Papers with Code's leaderboard). Values are kept as printed (`85.2`, `"85.2%"` → 85.2); their scale is the
 * column's (`columnScales`: fractions, percentages, or unknown for a lone proportion in [0, 1]); `""`,
 * `"-"` and `null` mean no result and are skipped. Two real quirks are left out by rule and reported as skipped
 * (never refusing the file): a row naming no model (`""`, `"Anonymous"`, `"Unnamed System (single model)"`), and an earlier submission of a model
 * (same name up to case and punctuation, same paper or none) to a table that lists a later one. JSON has no line numbers here: locations are paths such as
 * `[0].datasets[1].sota.rows[3]`.
 */
import {
  type FieldPath,
  formatPath,
  isProportionMetric,
  isRecord,
  isoDate,
  parseReportedNumber,
  text,
} from './fields.ts';
import { metricRegistry } from '../import/identity/metrics.ts';
import { parseJsonText } from './json.ts';
import type { ImportItem, ImportedResult, ModelRef, Parser, RecordFormat, SourceRef } from './records.ts';

export function detectPapersWithCode(fileName: string, head: string): boolean {
  // The head is cut at ~4 KB, so it is matched, not parsed: an array whose first object has `task` and, after a
  // possibly long description, `datasets` (or, in a cut head, at least the task's other keys).
  const start = head.replace(/^\uFEFF/, '');
  if (!/^\s*\[\s*\{/.test(start)) return false;
  // sota-extractor writes sorted keys: `task` comes last, after every dataset's table, so the head may hold only
  // `categories`, `datasets` and the first table (`dataset`, ..., `sota: { metrics, rows }`).
  if (/"datasets"\s*:\s*\[\s*\{/.test(start) && /"sota"\s*:\s*\{\s*"(metrics|rows)"\s*:/.test(start)) return true;
  if (!/"task"\s*:/.test(start)) return false;
  return /"datasets"\s*:/.test(start) || (start.length >= 3500 && /"(description|categories)"\s*:/.test(start));
}

/** A huggingface.co model page among the row's `model_links` names the model's repo. */
function huggingfaceIdOfLinks(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const ids = new Set<string>();
  for (const link of links) {
    const url = isRecord(link) ? text(link.url) : undefined;
    const match = url && /^https?:\/\/huggingface\.co\/([\w.-]+\/[\w.-]+)\/?$/.exec(url);
    if (match?.[1] && !/^(datasets|spaces|docs|papers|blog)\//.test(match[1])) ids.add(match[1]);
  }
  // Two different repos would be a guess between them.
  return ids.size === 1 ? [...ids][0] : undefined;
}

function sameModel(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9+]+/g, '');
}

/**
 * Names leaderboards give submissions of no named model, with or without braces and SQuAD-style qualifiers:
 * `Anonymous`, `{Anonymous} (single model)`, CMRC 2018's `Unnamed System (ensemble)`. Kept, they would be one
 * junk model shared by every anonymous row of every table.
 */
const ANONYMOUS =
  /^[{[(]?\s*(anonymous|anon\.?|unknown|unnamed(\s+(system|model|submission))?|n\/a|-+)\s*[}\])]?(\s*\((single model|ensemble)\))?$/i;

/**
 * Resubmissions: a table may list one model from one paper (or none) several times, on different dates. The
 * latest submission stands (the first listed on a tie); each earlier one maps to the row kept instead.
 */
function supersededRows(rows: unknown): Map<number, { model: string; date: string; row: number }> {
  const latest = new Map<string, { row: number; date: string }>();
  const entries: { index: number; group: string; model: string }[] = [];
  for (const [index, row] of (Array.isArray(rows) ? rows : []).entries()) {
    const model = isRecord(row) ? text(row.model_name) : undefined;
    if (!isRecord(row) || !model || ANONYMOUS.test(model)) continue;
    // One model up to case, accents and punctuation ("SAFSR model" = "SAFSr_model"), as the import resolves it.
    const group = JSON.stringify([sameModel(model), text(row.paper_url) ?? text(row.paper_title) ?? null]);
    const date = isoDate(row.paper_date) ?? '';
    entries.push({ index, group, model });
    const best = latest.get(group);
    if (!best || date > best.date) latest.set(group, { row: index, date });
  }
  const superseded = new Map<number, { model: string; date: string; row: number }>();
  for (const { index, group, model } of entries) {
    const best = latest.get(group) as { row: number; date: string };
    if (best.row !== index) superseded.set(index, { model, date: best.date || 'no date', row: best.row });
  }
  return superseded;
}

type Scale = NonNullable<ImportedResult['scale']>;

/**
 * The scale of each metric column of a table, from the column's values: the file declares no unit. A proportion
 * (by its name: EM, F1, accuracy...) whose values all lie in [0, 1] over two rows or more is stated as fractions
 * (HotpotQA's ANS-EM 0.598-0.675; a table of percentages all under 1 % is not kept by anyone); with one value
 * in [0, 1], it cannot be placed (`unknown`, refused on a percent metric). A value above 1 or printed with `%`
 * makes the column percentages; other metrics (BLEU, perplexity, MAE) stay as printed.
 */
function columnScales(rows: unknown): Map<string, Scale> {
  const columns = new Map<string, number[]>();
  for (const row of Array.isArray(rows) ? rows : []) {
    if (!isRecord(row) || !isRecord(row.metrics)) continue;
    for (const [metric, raw] of Object.entries(row.metrics)) {
      const parsed = parseReportedNumber(raw);
      if (!parsed) continue;
      // A printed "%" says percent: such a value counts as above 1 for the column.
      columns.set(metric, [...(columns.get(metric) ?? []), parsed.percent ? Infinity : parsed.value]);
    }
  }
  const scales = new Map<string, Scale>();
  for (const [metric, values] of columns) {
    if (!isProportionMetric(metric) || values.some((v) => v < 0 || v > 1)) scales.set(metric, 'as-is');
    else scales.set(metric, values.length >= 2 ? 'fraction' : 'unknown');
  }
  return scales;
}

export const parsePapersWithCode: Parser = async function* parsePapersWithCode({
  text: fileText,
}): AsyncGenerator<ImportItem> {
  if (fileText === undefined) {
    yield { kind: 'problem', location: 'file', message: 'the Papers with Code parser needs the text of the file' };
    return;
  }
  const parsed = parseJsonText(fileText);
  if (!parsed.ok) {
    yield { kind: 'problem', location: `line ${parsed.line}`, message: parsed.message };
    return;
  }
  const data = parsed.value;
  // The export is an array of tasks; sota-extractor's own examples hold a single task object.
  const tasks = Array.isArray(data) ? data : isRecord(data) && 'task' in data ? [data] : undefined;
  if (!tasks) {
    yield { kind: 'problem', location: 'file', message: 'evaluation tables must be a JSON array of tasks' };
    return;
  }
  function* skip(at: FieldPath, message: string): Generator<ImportItem> {
    yield { kind: 'skipped', location: formatPath(at), message };
  }
  const problem = (at: FieldPath, field: FieldPath, message: string): ImportItem => ({
    kind: 'problem',
    location: formatPath(at) || 'file',
    ...(field.length > 0 ? { field: formatPath(field) } : {}),
    message,
  });

  function* walkTask(task: unknown, path: FieldPath): Generator<ImportItem> {
    if (!isRecord(task)) {
      yield problem(path, path, 'a task must be an object with task, datasets and subtasks');
      return;
    }
    // `task` is a string in the export; sota-extractor's example writes it as a one-element list.
    const name =
      text(task.task) ?? (Array.isArray(task.task) && task.task.length === 1 ? text(task.task[0]) : undefined);
    if (!name) {
      yield problem(path, [...path, 'task'], 'the task has no name');
    } else {
      yield* walkList(task.datasets, [...path, 'datasets'], (dataset, datasetPath) =>
        walkDataset(dataset, datasetPath, name),
      );
    }
    yield* walkList(task.subtasks, [...path, 'subtasks'], walkTask);
  }

  function* walkList(
    list: unknown,
    path: FieldPath,
    walk: (item: unknown, path: FieldPath) => Generator<ImportItem>,
  ): Generator<ImportItem> {
    // Absent lists are empty (sota-extractor: `missing=list`).
    if (list === undefined || list === null) return;
    if (!Array.isArray(list)) {
      yield problem(path, path, 'expected a list');
      return;
    }
    for (const [i, item] of list.entries()) yield* walk(item, [...path, i]);
  }

  function* walkDataset(dataset: unknown, path: FieldPath, task: string): Generator<ImportItem> {
    if (!isRecord(dataset)) {
      yield problem(path, path, 'a dataset must be an object with dataset (or subdataset) and sota');
      return;
    }
    const isSub = dataset.subdataset !== undefined && dataset.dataset === undefined;
    const name = text(isSub ? dataset.subdataset : dataset.dataset);
    if (!name) {
      yield problem(path, [...path, isSub ? 'subdataset' : 'dataset'], 'the dataset has no name');
    } else {
      const sota = dataset.sota;
      if (sota !== undefined && sota !== null && !isRecord(sota)) {
        yield problem(path, [...path, 'sota'], 'sota must be an object with metrics and rows');
      } else if (isRecord(sota)) {
        const scales = columnScales(sota.rows);
        const superseded = supersededRows(sota.rows);
        yield* walkList(sota.rows, [...path, 'sota', 'rows'], (row, rowPath) => {
          const later = superseded.get(rowPath.at(-1) as number);
          return later === undefined
            ? walkRow(row, rowPath, task, name, scales)
            : skip(
                rowPath,
                `an earlier submission of ${later.model} to this table; the one of ${later.date} (rows[${later.row}]) is kept`,
              );
        });
      }
    }
    yield* walkList(dataset.subdatasets, [...path, 'subdatasets'], (sub, subPath) => walkDataset(sub, subPath, task));
  }

  function* walkRow(
    row: unknown,
    path: FieldPath,
    task: string,
    dataset: string,
    scales: Map<string, Scale>,
  ): Generator<ImportItem> {
    if (!isRecord(row)) {
      yield problem(path, path, 'a row must be an object with model_name and metrics');
      return;
    }
    const modelName = text(row.model_name);
    if (!modelName || ANONYMOUS.test(modelName)) {
      // Leaderboards list anonymous submissions; their scores belong to no model the graph can hold.
      if (row.model_name === undefined || row.model_name === null || typeof row.model_name === 'string') {
        yield* skip(path, `the row names no model (model_name ${JSON.stringify(row.model_name ?? null)}): left out`);
      } else yield problem(path, [...path, 'model_name'], 'model_name must be a string');
      return;
    }
    const metrics = row.metrics;
    if (!isRecord(metrics)) {
      yield problem(path, [...path, 'metrics'], 'metrics must be an object of metric name → value');
      return;
    }
    const huggingfaceId = huggingfaceIdOfLinks(row.model_links);
    const model: ModelRef = { name: modelName, ...(huggingfaceId ? { huggingfaceId } : {}) };
    const paperUrl = text(row.paper_url);
    const paperTitle = text(row.paper_title);
    const paperDate = isoDate(row.paper_date);
    const source: SourceRef =
      paperUrl || paperTitle
        ? {
            title: paperTitle ?? paperUrl ?? '',
            ...(paperUrl ? { url: paperUrl } : {}),
            kind: 'paper',
            ...(paperDate ? { publishedOn: paperDate } : {}),
          }
        : { title: `Papers with Code: ${task} on ${dataset}`, kind: 'leaderboard', publisher: 'Papers with Code' };

    for (const [metric, raw] of Object.entries(metrics)) {
      const field = [...path, 'metrics', metric];
      if (raw === null || raw === undefined || (typeof raw === 'string' && /^\s*-?\s*$/.test(raw))) continue;
      const parsed = parseReportedNumber(raw);
      if (!parsed) {
        yield problem(path, field, `${metric} value ${JSON.stringify(raw)} is not a number`);
        continue;
      }
      const { name: metricName, split } = splitOfColumn(metric);
      const record: ImportedResult = {
        kind: 'result',
        location: formatPath(field),
        model,
        dataset: { name: dataset },
        metric: { name: metricName },
        ...(split ? { split } : {}),
        value: parsed.value,
        reportedValue: String(raw),
        scale: parsed.percent ? 'as-is' : (scales.get(metric) ?? 'as-is'),
        ...(parsed.stderr !== undefined ? { stderr: parsed.stderr } : {}),
        ...(paperDate ? { reportedOn: paperDate } : {}),
        source,
        ...(row.uses_additional_data === true ? { notes: 'uses additional training data' } : {}),
      };
      yield record;
    }
  }

  for (const [i, task] of tasks.entries()) yield* walkTask(task, Array.isArray(data) ? [i] : []);
};

/**
 * A column named by split and metric (`TEST-EM` in CMRC 2018's table, `Validation Accuracy` in OGB's) is that
 * metric on that split, when the rest is a metric the registry knows: two metrics named after splits would
 * otherwise be created for one (`test-em`, `validation-accuracy`), and the split lost.
 */
function splitOfColumn(column: string): { name: string; split?: string } {
  const match = /^(test|dev|val|validation)[\s_-]+(.+)$/i.exec(column.trim());
  const rest = match?.[2];
  if (!match || !rest || !metricRegistry().match(rest)) return { name: column };
  const split = (match[1] as string).toLowerCase();
  return { name: rest, split: split === 'val' ? 'validation' : split };
}

export const papersWithCodeFormat: RecordFormat<'papers-with-code'> = {
  format: 'papers-with-code',
  description: 'Papers with Code evaluation-tables.json (tasks -> datasets -> sota.rows)',
  detect: detectPapersWithCode,
  parse: parsePapersWithCode,
  streams: false,
};
