/**
 * modelgraph results CSV: one benchmark result per row, for results that come from no tool with a format of its own
 * (a paper's table, a blog post, a leaderboard page).
 *
 * ```csv
 * model,organization,benchmark,metric,value,stderr,n_shot,cot,split,harness,evaluator_relationship,source_url,date
 * allenai/Llama-3.1-Tulu-3-405B,Ai2,gsm8k,exact_match,95.5,,8,true,test,,first_party,https://allenai.org/blog/tulu-3-405B,2025-01-30
 * ```
 *
 * Those are the columns people write by hand; the export adds the rest (`CSV_COLUMNS`), so that an export
 * re-imports to the same results, including those whose source has no URL.
 *
 * - RFC 4180 CSV, UTF-8 (a byte-order mark is ignored), comma-separated, `"` quotes (`""` inside a quoted field),
 *   LF or CRLF line ends. Empty and whitespace-only lines are skipped.
 * - The first line is the header. Column names are matched after trimming, case-insensitively, in any order.
 *   `model`, `benchmark`, `metric` and `value` must be present, and `source_url` or `source_title`; the others
 *   may be left out. A column
 *   not listed below is a problem; a missing required or a repeated column stops the file at the header.
 * - Every row has as many fields as the header. Cells are trimmed; an empty cell means "not stated".
 *
 * | column | required | type | maps to |
 * | --- | --- | --- | --- |
 * | `model` | yes | text; a Hugging Face id `owner/name` is also matched as one | model name (+ `huggingfaceId`) |
 * | `organization` | no | text: the developer's name or slug | model organization (used when creating it) |
 * | `benchmark` | yes | text; an `owner/name` Hub dataset id is also matched as one | dataset name (+ `huggingfaceId`) |
 * | `metric` | yes | text (`accuracy`, `exact_match`, `pass@1`) | metric name; `pass@k` also sets passK |
 * | `value` | yes | decimal number (`95.5`, `-1.2e-3`) | value, stored as written (no scaling) |
 * | `stderr` | no | non-negative decimal number | standard error |
 * | `n_shot` | no | non-negative integer | shots |
 * | `cot` | no | `true` / `false` (any case) | chain of thought |
 * | `split` | no | text (`test`) | split |
 * | `harness` | no | text (`lm-evaluation-harness`) | harness |
 * | `evaluator_relationship` | no | `first_party` / `third_party` / `unknown` | evaluator relationship |
 * | `source_url` | one of the two | `http://` or `https://` URL | source `url`; title = host + path unless `source_title` |
 * | `source_title` | one of the two | text | source title (a source without URL is found by its title) |
 * | `date` | no | `YYYY-MM-DD` (a real date) | reported on; empty = undated (never the source's date) |
 * | `model_variant` | no | text (`bfloat16`, `gpt-4o-2024-11-20`) | model variant |
 * | `reported_value` | no | text: the number as the source prints it | reported value (default: `value`) |
 * | `pass_k` | no | integer ≥ 1 | pass@k (default: from a `pass@k` metric name) |
 * | `scaffold` | no | text (`react`) | agent scaffold |
 * | `variant` | no | text | protocol variant |
 * | `evaluator` | no | text: organization name or slug | evaluator |
 * | `source_kind` | no | a source kind (`paper`, `model_card`, `leaderboard`...) | source kind (default `webpage`) |
 * | `source_publisher` | no | text | source publisher |
 * | `source_date` | no | `YYYY-MM-DD` | source publication date |
 * | `notes` | no | text | notes |
 * | `unverified` | no | `true` / `false` | unverified |
 *
 * Problems are reported at `line N`, the physical line where the record starts, with the column as field; every bad
 * cell of a row is reported and the row is skipped. The file is read as a stream: rows are yielded as they are parsed
 * and never collected, so a file of millions of rows passes through in constant memory.
 *
 * The export writes this format (`resultsCsvRow` at the end of this file), so an export is an import file.
 */
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { type GraphEntities, type GraphResultRecord, huggingfaceIdOf } from './graph-json.ts';
import { HUB_REPO_ID } from './hub-ids.ts';
import { sourceKind } from '../db/schema.ts';
import type { ImportedResult, ImportItem, ImportProblem, ParserInput, RecordFormat, SourceRef } from './records.ts';

/** The columns people write by hand (the example above); an export has them first, in this order. */
export const BASIC_CSV_COLUMNS = [
  'model',
  'organization',
  'benchmark',
  'metric',
  'value',
  'stderr',
  'n_shot',
  'cot',
  'split',
  'harness',
  'evaluator_relationship',
  'source_url',
  'date',
] as const;

/** Every column: the basic ones, then those the export adds so that it re-imports to the same results. */
export const CSV_COLUMNS = [
  ...BASIC_CSV_COLUMNS,
  'model_variant',
  'reported_value',
  'pass_k',
  'scaffold',
  'variant',
  'evaluator',
  'source_title',
  'source_kind',
  'source_publisher',
  'source_date',
  'notes',
  'unverified',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['model', 'benchmark', 'metric', 'value'];
/** A row names its source by URL or, for a source without one, by title: one of these columns is required. */
const SOURCE_COLUMNS: readonly CsvColumn[] = ['source_url', 'source_title'];
const SOURCE_KINDS = new Set<string>(sourceKind.enumValues);

const KNOWN = new Set<string>(CSV_COLUMNS);
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function detect(fileName: string, head: string): boolean {
  if (/\.csv$/i.test(fileName)) return true;
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const names = firstLine.split(',').map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim()
      .toLowerCase(),
  );
  return REQUIRED_CSV_COLUMNS.every((c) => names.includes(c)) && SOURCE_COLUMNS.some((c) => names.includes(c));
}

/** A record's fields, with the line it starts on. */
type Row = { cells: string[]; line: number };

export async function* parse(input: ParserInput): AsyncGenerator<ImportItem> {
  if (input.text === undefined && !input.stream) {
    yield { kind: 'problem', location: 'line 1', message: 'no input: neither text nor stream was given' };
    return;
  }

  // csv-parse reports where a record ends; the start is tracked here, in parse order, for rows and skipped errors.
  let lastEnd = 0;
  let emptyAtLastEnd = 0;
  const skipped: ImportProblem[] = [];
  const parser = parseCsv({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // Bounds memory when a quote is never closed.
    max_record_size: 1 << 20,
    on_record: (cells, context) => {
      const inner = cells.reduce((n, cell) => n + countNewlines(cell), 0);
      lastEnd = context.lines;
      emptyAtLastEnd = context.empty_lines;
      return Object.assign(cells, { line: context.lines - inner });
    },
  });
  parser.on('skip', (error: Error & { lines?: number; empty_lines?: number }) => {
    const line = lastEnd + 1 + Math.max(0, (error.empty_lines ?? emptyAtLastEnd) - emptyAtLastEnd);
    skipped.push({ kind: 'problem', location: `line ${line}`, message: `malformed CSV: ${error.message}` });
    lastEnd = error.lines ?? lastEnd;
    emptyAtLastEnd = error.empty_lines ?? emptyAtLastEnd;
  });
  const source = Readable.from(lines(input));
  const records = source.pipe(parser);

  let header: Map<CsvColumn, number> | undefined;
  let width = 0;
  try {
    for await (const record of records as AsyncIterable<string[] & { line: number }>) {
      const row: Row = { cells: record, line: record.line };
      while (skipped.length && lineOf(skipped[0]!) < row.line) yield skipped.shift()!;
      if (row.cells.every((cell) => cell.trim() === '')) continue;
      if (!header) {
        const read = readHeader(row);
        yield* read.problems;
        if (!read.columns) return;
        header = read.columns;
        width = row.cells.length;
        continue;
      }
      for (const item of readRow(row, header, width)) yield item;
    }
  } catch (error) {
    // Errors csv-parse cannot skip end the file; anything else (I/O) is not about the content.
    if (!(
      error instanceof Error &&
      'code' in error &&
      typeof error.code === 'string' &&
      /^(CSV_|INVALID_)/.test(error.code)
    )) {
      throw error;
    }
    yield* skipped.splice(0);
    yield { kind: 'problem', location: `line ${lastEnd + 1}`, message: `malformed CSV: ${error.message}` };
    return;
  } finally {
    source.destroy();
  }
  yield* skipped.splice(0);
  if (!header) {
    yield {
      kind: 'problem',
      location: 'line 1',
      message: `empty file: the header line (${CSV_COLUMNS.join(',')}) is required`,
    };
  }
}

/** The file as text chunks with CRLF turned into LF, so csv-parse counts lines the same for both. */
async function* lines(input: ParserInput): AsyncGenerator<string> {
  if (input.text !== undefined) {
    yield input.text.replace(/\r\n/g, '\n');
    return;
  }
  const decoder = new TextDecoder();
  let carry = '';
  for await (const chunk of input.stream!) {
    let text = carry + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    carry = '';
    if (text.endsWith('\r')) {
      carry = '\r';
      text = text.slice(0, -1);
    }
    if (text) yield text.replace(/\r\n/g, '\n');
  }
  const rest = carry + decoder.decode();
  if (rest) yield rest.replace(/\r\n/g, '\n');
}

function readHeader(row: Row): { columns?: Map<CsvColumn, number>; problems: ImportProblem[] } {
  const location = `line ${row.line}`;
  const problems: ImportProblem[] = [];
  const columns = new Map<CsvColumn, number>();
  let fatal = false;
  row.cells.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    if (!KNOWN.has(name)) {
      problems.push({
        kind: 'problem',
        location,
        field: cell.trim(),
        message: name
          ? `unknown column "${cell.trim()}"; the columns are ${CSV_COLUMNS.join(', ')}`
          : `column ${index + 1} has no name`,
      });
    } else if (columns.has(name as CsvColumn)) {
      fatal = true;
      problems.push({ kind: 'problem', location, field: name, message: `column "${name}" appears more than once` });
    } else {
      columns.set(name as CsvColumn, index);
    }
  });
  for (const required of REQUIRED_CSV_COLUMNS) {
    if (!columns.has(required)) {
      fatal = true;
      problems.push({
        kind: 'problem',
        location,
        field: required,
        message: `required column "${required}" is missing`,
      });
    }
  }
  if (!SOURCE_COLUMNS.some((column) => columns.has(column))) {
    fatal = true;
    problems.push({
      kind: 'problem',
      location,
      field: 'source_url',
      message: 'required column "source_url" is missing (or "source_title" for sources without a URL)',
    });
  }
  return fatal ? { problems } : { columns, problems };
}

/** The result of a data row, or every problem of it. */
function readRow(row: Row, header: Map<CsvColumn, number>, width: number): ImportItem[] {
  const location = `line ${row.line}`;
  if (row.cells.length !== width) {
    return [
      { kind: 'problem', location, message: `expected ${width} fields as in the header, found ${row.cells.length}` },
    ];
  }
  const cells = row.cells;
  const problems: ImportProblem[] = [];
  for (const column of REQUIRED_CSV_COLUMNS) {
    if (!cell(cells, header, column)) problems.push(problem(location, column, `${column} is required`));
  }
  const valueText = cell(cells, header, 'value');
  if (valueText && !DECIMAL.test(valueText)) {
    problems.push(problem(location, 'value', `value must be a number, got "${valueText}"`));
  }
  const stderrText = cell(cells, header, 'stderr');
  if (stderrText && (!DECIMAL.test(stderrText) || Number(stderrText) < 0)) {
    problems.push(problem(location, 'stderr', `stderr must be a non-negative number, got "${stderrText}"`));
  }
  const shotsText = cell(cells, header, 'n_shot');
  if (shotsText && !(/^\d+$/.test(shotsText) && Number.isSafeInteger(Number(shotsText)))) {
    problems.push(problem(location, 'n_shot', `n_shot must be a non-negative integer, got "${shotsText}"`));
  }
  const cotText = cell(cells, header, 'cot');
  const cot = cotText.toLowerCase();
  if (cot && cot !== 'true' && cot !== 'false') {
    problems.push(problem(location, 'cot', `cot must be true or false, got "${cotText}"`));
  }
  const relationship = cell(cells, header, 'evaluator_relationship');
  if (relationship && relationship !== 'first_party' && relationship !== 'third_party' && relationship !== 'unknown') {
    problems.push(
      problem(
        location,
        'evaluator_relationship',
        `evaluator_relationship must be first_party, third_party or unknown, got "${relationship}"`,
      ),
    );
  }
  const date = cell(cells, header, 'date');
  if (date && !isIsoDate(date)) {
    problems.push(problem(location, 'date', `date must be a real date as YYYY-MM-DD, got "${date}"`));
  }
  const urlText = cell(cells, header, 'source_url');
  const urlTitle = urlText ? sourceTitle(urlText) : undefined;
  if (urlText && urlTitle === undefined) {
    problems.push(problem(location, 'source_url', `source_url must be an http(s) URL, got "${urlText}"`));
  }
  const title = cell(cells, header, 'source_title') || urlTitle;
  if (!urlText && !title) {
    problems.push(
      problem(
        location,
        header.has('source_url') ? 'source_url' : 'source_title',
        'source_url or source_title is required',
      ),
    );
  }
  const passKText = cell(cells, header, 'pass_k');
  if (passKText && !(/^\d+$/.test(passKText) && Number(passKText) >= 1 && Number.isSafeInteger(Number(passKText)))) {
    problems.push(problem(location, 'pass_k', `pass_k must be an integer of at least 1, got "${passKText}"`));
  }
  const kind = cell(cells, header, 'source_kind');
  if (kind && !SOURCE_KINDS.has(kind)) {
    problems.push(
      problem(location, 'source_kind', `source_kind must be one of ${[...SOURCE_KINDS].join(', ')}, got "${kind}"`),
    );
  }
  const sourceDate = cell(cells, header, 'source_date');
  if (sourceDate && !isIsoDate(sourceDate)) {
    problems.push(
      problem(location, 'source_date', `source_date must be a real date as YYYY-MM-DD, got "${sourceDate}"`),
    );
  }
  const unverifiedText = cell(cells, header, 'unverified').toLowerCase();
  if (unverifiedText && unverifiedText !== 'true' && unverifiedText !== 'false') {
    problems.push(problem(location, 'unverified', `unverified must be true or false, got "${unverifiedText}"`));
  }
  if (problems.length || title === undefined) return problems;

  const model = cell(cells, header, 'model');
  const organization = cell(cells, header, 'organization');
  const benchmark = cell(cells, header, 'benchmark');
  const metric = cell(cells, header, 'metric');
  const result: ImportedResult = {
    kind: 'result',
    location,
    model: HUB_REPO_ID.test(model) ? { name: model, huggingfaceId: model } : { name: model },
    dataset: HUB_REPO_ID.test(benchmark) ? { name: benchmark, huggingfaceId: benchmark } : { name: benchmark },
    metric: { name: metric },
    value: Number(valueText),
    reportedValue: cell(cells, header, 'reported_value') || valueText,
    scale: 'as-is',
    source: sourceRef(urlText, title, kind, cell(cells, header, 'source_publisher'), sourceDate),
    // The row's date is the result's: a row without one is undated, whatever its source's date.
    reportedOn: date || null,
  };
  if (organization) result.model.organization = organization;
  if (stderrText) result.stderr = Number(stderrText);
  if (shotsText) result.shots = Number(shotsText);
  if (cot) result.chainOfThought = cot === 'true';
  const passK = passKText || /^pass@(\d+)$/i.exec(metric)?.[1];
  if (passK) result.passK = Number(passK);
  for (const [column, field] of OPTIONAL_TEXT) {
    const text = cell(cells, header, column);
    if (text) result[field] = text;
  }
  if (relationship) result.evaluatorRelationship = relationship as 'first_party' | 'third_party' | 'unknown';
  if (unverifiedText) result.unverified = unverifiedText === 'true';
  return [result];
}

/** Free-text columns copied as they are onto the result's field of the same meaning, when not empty. */
const OPTIONAL_TEXT = [
  ['split', 'split'],
  ['harness', 'harness'],
  ['scaffold', 'scaffold'],
  ['variant', 'variant'],
  ['model_variant', 'modelVariant'],
  ['evaluator', 'evaluator'],
  ['notes', 'notes'],
] as const satisfies readonly (readonly [string, keyof ImportedResult])[];

function sourceRef(url: string, title: string, kind: string, publisher: string, publishedOn: string): SourceRef {
  const ref: SourceRef = { title, kind: (kind || 'webpage') as SourceRef['kind'] };
  if (url) ref.url = url;
  if (publisher) ref.publisher = publisher;
  if (publishedOn) ref.publishedOn = publishedOn;
  return ref;
}

function cell(cells: string[], header: Map<CsvColumn, number>, column: CsvColumn): string {
  const index = header.get(column);
  return index === undefined ? '' : (cells[index] ?? '').trim();
}

function problem(location: string, field: CsvColumn, message: string): ImportProblem {
  return { kind: 'problem', location, field, message };
}

/** Source titles of recently seen URLs (null: not an http(s) URL); files repeat a few sources over many rows. */
const titles = new Map<string, string | null>();

function sourceTitle(text: string): string | undefined {
  let title = titles.get(text);
  if (title === undefined) {
    const url = httpUrl(text);
    title = url ? urlTitle(url) : null;
    if (titles.size >= 1024) titles.clear();
    titles.set(text, title);
  }
  return title ?? undefined;
}

function httpUrl(text: string): URL | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.hostname ? url : undefined;
  } catch {
    return undefined;
  }
}

/** `allenai.org/blog/tulu-3-405B`: the page as a reader would name it, the same for the same URL. */
function urlTitle(url: URL): string {
  const path = url.pathname.replace(/\/+$/, '');
  let title = `${url.host}${path}`;
  try {
    title = decodeURI(title);
  } catch {
    // keep the encoded form
  }
  return title;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isIsoDate(text: string): boolean {
  if (text.length !== 10 || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return false;
  return month !== 2 || day < 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function lineOf(problem: ImportProblem): number {
  return Number(problem.location.slice('line '.length));
}

// ---------------------------------------------------------------------------------------------------------------
// Serializer (the export: src/export/results-csv.ts)

/** What a result row needs of the graph besides the result: its model's and source's columns. */
export type ResultContext = {
  huggingfaceId: (slug: string) => string | undefined;
  leadDeveloper: (slug: string) => string | undefined;
  source: (slug: string) => GraphEntities['sources'][number] | undefined;
};

export function resultContext(entities: GraphEntities): ResultContext {
  const models = new Map(entities.models.map((m) => [m.slug, m]));
  const sources = new Map(entities.sources.map((s) => [s.slug, s]));
  return {
    huggingfaceId: (slug) => {
      const model = models.get(slug);
      return model && huggingfaceIdOf(model);
    },
    leadDeveloper: (slug) => models.get(slug)?.developers[0]?.organization,
    source: (slug) => sources.get(slug),
  };
}

/**
 * The CSV row of a result: an import file with every column of `CSV_COLUMNS`, in order, so that importing it
 * into an empty database gives the same results. `model` = the model's Hugging Face id, else its slug;
 * `organization` = the lead developer's slug; `benchmark`, `metric` and `evaluator` = slugs; `value` in the
 * metric's unit; the source by URL, title, kind, publisher and date (a source without URL is found again by
 * its title); empty cells = not stated. Entities are named, not described: a model or benchmark the target
 * graph lacks is created from its name alone (the graph JSON is the copy of the entities).
 */
export function resultsCsvRow(r: GraphResultRecord, context: ResultContext): string[] {
  const source = context.source(r.source);
  if (source === undefined) throw new Error(`export: source "${r.source}" is not in the graph`);
  const optional = (value: string | number | boolean | undefined) => (value === undefined ? '' : String(value));
  const row: Record<CsvColumn, string> = {
    model: context.huggingfaceId(r.model) ?? r.model,
    organization: context.leadDeveloper(r.model) ?? '',
    benchmark: r.dataset,
    metric: r.metric,
    value: String(r.value),
    stderr: optional(r.stderr),
    n_shot: optional(r.shots),
    cot: optional(r.chainOfThought),
    split: optional(r.split),
    harness: optional(r.harness),
    evaluator_relationship: r.evaluatorRelationship,
    source_url: optional(source.url),
    date: optional(r.reportedOn),
    model_variant: optional(r.modelVariant),
    reported_value: r.reportedValue,
    pass_k: optional(r.passK),
    scaffold: optional(r.scaffold),
    variant: optional(r.variant),
    evaluator: optional(r.evaluator),
    source_title: source.title,
    source_kind: source.kind,
    source_publisher: optional(source.publisher),
    source_date: optional(source.publishedOn),
    notes: optional(r.notes),
    unverified: String(r.unverified),
  };
  return CSV_COLUMNS.map((column) => row[column]);
}

export const resultsCsvFormat: RecordFormat<'csv'> = {
  format: 'csv',
  description: 'modelgraph results CSV (see the README)',
  detect,
  parse,
  streams: true,
};
