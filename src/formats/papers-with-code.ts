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
 * `model_links` entry is a huggingface.co model page), the dataset name is the dataset (a subdataset that names
 * it, `MMLU (5-shot)` under MMLU, is a name of its own; one that does not, the `Restricted` track of CoNLL-2014
 * Shared Task, is the dataset's variant; a dataset the file lists under several tasks has the task as variant), the metric
 * key is the metric (a split named before a registry metric, `TEST-EM` or `Validation Accuracy`, goes to the
 * result's split; higher-is-better is not in the file, so it stays unset), and the paper is the source (else
 * Papers with Code's leaderboard). Values are kept as printed (`85.2`, `"85.2%"` → 85.2); their scale is the
 * column's (`columnScales`: fractions, percentages, or unknown for a lone proportion in [0, 1]); `""`, a dash
 * (`-`, `--`, `–`, `—`, `−`) and `null` mean no result and are passed over. Real quirks are left out by rule and
 * reported as skipped with their place (never refusing the file): a row naming no model (`""`, `"Anonymous"`,
 * `"Unnamed System (single model)"`); an earlier submission of a model (same name up to case and punctuation, same
 * paper or none) to a table that lists a later one; a cell that is no number (`"Kummerfeld"`, `"Yes"`, `"63.7*"`,
 * `"220k"`: that value only, the row's other cells kept); a column of model sizes (`Parameters`, `Number of
 * params`: facts about the model, not results on the dataset); and a paper_url that is no http(s) URL (the row is
 * kept, its source the paper by title, or the table's leaderboard when the title only repeats the URL). What
 * still refuses the file is a structure the format does not allow (a row that is no object, metrics that are
 * no mapping, a dataset or task without a name). JSON has no line numbers here: locations are paths such as
 * `[0].datasets[1].sota.rows[3]`.
 */
import {
  type FieldPath,
  formatPath,
  isProportionMetric,
  isHttpUrl,
  isRecord,
  isoDate,
  parseReportedNumber,
  text,
} from './fields.ts';
import { looseKey } from '../import/identity/keys.ts';
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

/** Cells that say "no result": empty, or a dash of any kind (`-`, `--`, en dash, em dash, minus sign). */
const NO_RESULT = /^\s*(-{1,2}|[\u2013\u2014\u2212])?\s*$/;

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

/** A table of results: the task, the dataset its results are on, their variant, and its columns' rules. */
type Table = { task: string; dataset: string; variant?: string; scales: Map<string, Scale>; sizes: Set<string> };

/** The task names of a task and its subtasks, with each one's datasets, however deep. */
function* tasksWithDatasets(task: unknown): Generator<{ task: string; datasets: string[] }> {
  if (!isRecord(task)) return;
  const name = text(task.task) ?? (Array.isArray(task.task) && task.task.length === 1 ? text(task.task[0]) : undefined);
  const datasets = (Array.isArray(task.datasets) ? task.datasets : []).flatMap((d) =>
    isRecord(d) && text(d.dataset) ? [text(d.dataset) as string] : [],
  );
  if (name) yield { task: name, datasets };
  for (const subtask of Array.isArray(task.subtasks) ? task.subtasks : []) yield* tasksWithDatasets(subtask);
}

/**
 * Datasets a file lists under two tasks or more (nlp-progress: Penn Treebank for chunking, parsing, tagging and
 * language modelling; CCGBank for parsing and supertagging, where one paper scores 88.32 and 94.24 "Accuracy"):
 * each task evaluates them differently, so their results carry the task as their variant.
 */
function datasetsOfSeveralTasks(tasks: unknown[]): Set<string> {
  const tasksOf = new Map<string, Set<string>>();
  for (const { task, datasets } of tasks.flatMap((t) => [...tasksWithDatasets(t)])) {
    for (const dataset of datasets) tasksOf.set(dataset, (tasksOf.get(dataset) ?? new Set()).add(task));
  }
  return new Set([...tasksOf].filter(([, names]) => names.size > 1).map(([dataset]) => dataset));
}

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

/**
 * Columns that give each model's size (`Number of params` in OGB's and NLP-progress's tables, SNLI's
 * `Parameters`, printed `2179678` or `"24M"`): a fact about the model, not a result on the table's dataset.
 */
const SIZE_COLUMN = /^(#\s*|n(umber|o\.?|um\.?)\s+of\s+)?(params|parameters)(\s*\(.*\))?$|^model\s+size$/i;

function sizeColumns(rows: unknown): Set<string> {
  const columns = new Set<string>();
  for (const row of Array.isArray(rows) ? rows : []) {
    if (!isRecord(row) || !isRecord(row.metrics)) continue;
    for (const metric of Object.keys(row.metrics)) if (SIZE_COLUMN.test(metric.trim())) columns.add(metric);
  }
  return columns;
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

  const sharedDatasets = datasetsOfSeveralTasks(tasks);

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

  function* walkDataset(dataset: unknown, path: FieldPath, task: string, parent?: string): Generator<ImportItem> {
    if (!isRecord(dataset)) {
      yield problem(path, path, 'a dataset must be an object with dataset (or subdataset) and sota');
      return;
    }
    const isSub = dataset.subdataset !== undefined && dataset.dataset === undefined;
    const name = text(isSub ? dataset.subdataset : dataset.dataset);
    // A subdataset that does not name its dataset is a part of it (`Restricted` track of CoNLL-2014 Shared
    // Task, `Medical domain` of SemEval 2018): its results are the dataset's, in that variant. One that does
    // (`MMLU (5-shot)` under MMLU) is named in full.
    const part = parent && name && !looseKey(name).includes(looseKey(parent)) ? name : undefined;
    const datasetName = part && parent ? parent : name;
    const variants = [...(datasetName && sharedDatasets.has(datasetName) ? [task] : []), ...(part ? [part] : [])];
    if (!name || !datasetName) {
      yield problem(path, [...path, isSub ? 'subdataset' : 'dataset'], 'the dataset has no name');
    } else {
      const sota = dataset.sota;
      if (sota !== undefined && sota !== null && !isRecord(sota)) {
        yield problem(path, [...path, 'sota'], 'sota must be an object with metrics and rows');
      } else if (isRecord(sota)) {
        const scales = columnScales(sota.rows);
        const sizes = sizeColumns(sota.rows);
        for (const column of sizes) {
          yield {
            kind: 'skipped',
            location: formatPath([...path, 'sota']),
            message: `column ${JSON.stringify(column)} gives the models' sizes, not results on ${part ? `${parent} (${part})` : name}: left out`,
          };
        }
        const superseded = supersededRows(sota.rows);
        yield* walkList(sota.rows, [...path, 'sota', 'rows'], (row, rowPath) => {
          const later = superseded.get(rowPath.at(-1) as number);
          return later === undefined
            ? walkRow(row, rowPath, {
                task,
                dataset: datasetName,
                ...(variants.length ? { variant: variants.join(' / ') } : {}),
                scales,
                sizes,
              })
            : skip(
                rowPath,
                `an earlier submission of ${later.model} to this table; the one of ${later.date} (rows[${later.row}]) is kept`,
              );
        });
      }
    }
    yield* walkList(dataset.subdatasets, [...path, 'subdatasets'], (sub, subPath) =>
      walkDataset(sub, subPath, task, name),
    );
  }

  function* walkRow(
    row: unknown,
    path: FieldPath,
    { task, dataset, variant, scales, sizes }: Table,
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
    // A paper_url that is no http(s) URL (squad.json: `") https://www.adityabirla.com/..."`, in the title too) names
    // no paper: it is left out, with a title that only repeats it, and the row kept under what remains.
    const givenUrl = text(row.paper_url);
    const paperUrl = givenUrl && isHttpUrl(givenUrl) ? givenUrl : undefined;
    const paperTitle = text(row.paper_title) === givenUrl && !paperUrl ? undefined : text(row.paper_title);
    if (givenUrl && !paperUrl) {
      yield {
        kind: 'skipped',
        location: formatPath(path),
        field: formatPath([...path, 'paper_url']),
        message: `paper_url ${JSON.stringify(givenUrl)} is not an http(s) URL: left out of the source, ${
          paperTitle
            ? 'the paper named by its title'
            : "with the title repeating it; the table's leaderboard is the source"
        }`,
      };
    }
    const paperDate = isoDate(row.paper_date);
    const source: SourceRef =
      paperUrl || paperTitle
        ? {
            title: paperTitle ?? paperUrl ?? '',
            ...(paperUrl ? { url: paperUrl } : {}),
            kind: 'paper',
            ...(paperDate ? { publishedOn: paperDate } : {}),
          }
        : {
            title: `Papers with Code: ${task} on ${dataset}${variant ? ` (${variant})` : ''}`,
            kind: 'leaderboard',
            publisher: 'Papers with Code',
          };

    for (const [metric, raw] of Object.entries(metrics)) {
      const field = [...path, 'metrics', metric];
      if (sizes.has(metric)) continue;
      if (raw === null || raw === undefined || (typeof raw === 'string' && NO_RESULT.test(raw))) continue;
      const parsed = parseReportedNumber(raw);
      if (!parsed) {
        // Real tables put text in score cells ("Please tell us", "Kummerfeld", "63.7*", a boolean): the cell is
        // no result, the row's other cells still are.
        yield {
          kind: 'skipped',
          location: formatPath(path),
          field: formatPath(field),
          message: `${metric} value ${JSON.stringify(raw)} is not a number: the value is left out`,
        };
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
        ...(variant ? { variant } : {}),
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
