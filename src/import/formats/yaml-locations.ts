/**
 * Shared helpers for the Hugging Face and Papers with Code parsers:
 *
 * - `parseYaml` parses a YAML text with the `yaml` package and a `LineCounter`, so a parser can say on which
 *   line of the file a value sits (`line 27`), and read a scalar exactly as printed (`95.50`, not `95.5`);
 * - `formatPath` writes a field path the way problems name it: `model-index[0].results[2].metrics[1].value`;
 * - `parseReportedNumber` reads a score as files print it (`85.2`, `"85.2"`, `"85.2%"`, `"20.0 ± 1.2"`);
 * - small readers (`isRecord`, `isoDate`, `huggingfaceModelRef`...) used by more than one parser.
 */
import { LineCounter, isScalar, parseDocument } from 'yaml';
import type { ImportProblem, ModelRef } from '../records.ts';

export type FieldPath = readonly (string | number)[];

/** `['model-index', 0, 'results', 2, 'metrics', 1, 'value']` → `model-index[0].results[2].metrics[1].value`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    // Keys with spaces, dots or quotes (Papers with Code metric names such as `Top 1 Accuracy`).
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export type ParsedYaml = {
  /** The document as plain JavaScript; `undefined` when the text is not valid YAML. */
  data: unknown;
  /** One problem per YAML syntax error; the parsers stop when there is any, as the data cannot be trusted. */
  problems: ImportProblem[];
  /** `line N` of the node at `path` in the file, or of its nearest ancestor that exists. */
  location: (path: FieldPath) => string;
  /** A scalar's text as printed in the file (without quotes), or `undefined` when `path` is not a scalar. */
  source: (path: FieldPath) => string | undefined;
};

/**
 * Parses YAML that starts at line `firstLine` of the file (2 for model card front matter, after the opening
 * `---`), so every location names a line of the file itself.
 */
export function parseYaml(text: string, firstLine = 1): ParsedYaml {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema (the default): `date: 2025-01-15` stays a string, as in Python's safe_load of JSON-like data.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number) => Math.max(lineCounter.linePos(offset).line, 1) + firstLine - 1;
  const problems: ImportProblem[] = doc.errors.map((error) => ({
    kind: 'problem',
    location: `line ${lineOf(error.pos[0])}`,
    message: `invalid YAML: ${error.message.split('\n')[0]}`,
  }));
  const location = (path: FieldPath): string => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return `line ${lineOf(range[0])}`;
    }
    return `line ${firstLine}`;
  };
  const source = (path: FieldPath): string | undefined => {
    const node = doc.getIn(path, true);
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  };
  return { data: problems.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }), problems, location, source };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty trimmed string, or `undefined` for anything else (numbers included: ids and names are text). */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** `YYYY-MM-DD` of an ISO-8601 date or datetime (`2025-01-15T10:30:00Z`) that names a real day, else `undefined`. */
export function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d{2}:\d{2})/.exec(value.trim());
  if (!match) return undefined;
  const [, y, m, d] = match;
  const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(m) - 1 || day.getUTCDate() !== Number(d)) {
    return undefined;
  }
  return `${y}-${m}-${d}`;
}

export type ReportedNumber = { value: number; stderr?: number; percent: boolean };

/**
 * Reads a score as printed: a finite number, or a string holding one, optionally with thousands separators
 * (`1,234.5`), a trailing `%`, or an uncertainty (`20.0 ± 1.2`, `20.0 +/- 1.2`, the form huggingface_hub's
 * `EvalResult` documents for `metric_value`). Returns `undefined` for anything else.
 */
export function parseReportedNumber(raw: unknown): ReportedNumber | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw, percent: false } : undefined;
  if (typeof raw !== 'string') return undefined;
  const match = /^([-+]?[\d,]*\.?\d+(?:[eE][-+]?\d+)?)\s*(%?)\s*(?:(?:±|\+\/-|\+-)\s*([\d,]*\.?\d+)\s*%?)?$/.exec(
    raw.trim(),
  );
  if (!match) return undefined;
  const [, number, percent, stderr] = match;
  // A comma is only a thousands separator when it splits groups of three digits (`1,234`), not a decimal comma.
  const plain = (s: string) =>
    /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) || !s.includes(',') ? s.replaceAll(',', '') : '';
  const value = Number(plain(number ?? ''));
  if (plain(number ?? '') === '' || !Number.isFinite(value)) return undefined;
  const result: ReportedNumber = { value, percent: percent === '%' };
  if (stderr !== undefined) {
    const err = Number(plain(stderr));
    if (plain(stderr) === '' || !Number.isFinite(err)) return undefined;
    result.stderr = err;
  }
  return result;
}

/** A Hugging Face repo id: `org/name`, or a legacy root id such as `gpt2`. */
export const huggingfaceRepoId = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

/** The model a Hugging Face repo id names: `allenai/Llama-3.1-Tulu-3-405B` → name, id and developer slug. */
export function huggingfaceModelRef(id: string): ModelRef {
  const slash = id.indexOf('/');
  if (slash < 0) return { name: id, huggingfaceId: id };
  return { name: id.slice(slash + 1), huggingfaceId: id, organization: id.slice(0, slash) };
}

/**
 * The model repo a downloaded file belongs to, read from its path only when the path says so unambiguously:
 * the Hugging Face cache layout (`models--allenai--Llama-3.1-Tulu-3-405B/snapshots/<rev>/...`), a
 * `https://huggingface.co/<org>/<repo>/(blob|raw|resolve)/<rev>/...` address, or `<org>/<repo>/` directly before
 * the file's place in the repo (`rest`, a regular expression source such as `\\.eval_results/[^/]+\\.ya?ml`).
 * With `anywhere` false that last form must be the whole path: a README.md two folders deep in any local path
 * (`test/fixtures/README.md`) says nothing about a repo, whereas `.eval_results/` only exists at a repo's root.
 */
export function huggingfaceIdFromPath(fileName: string, rest: string, anywhere: boolean): string | undefined {
  const path = fileName.replaceAll('\\', '/');
  const inRepo = new RegExp(`^(?:${rest})$`);
  const cache = /(?:^|\/)models--([\w.-]+?)--([\w.-]+)\/snapshots\/[^/]+\/(.+)$/.exec(path);
  if (cache) return inRepo.test(cache[3] ?? '') ? `${cache[1]}/${cache[2]}` : undefined;
  const url = /^https?:\/\/huggingface\.co\/([\w.-]+)\/([\w.-]+)\/(?:blob|raw|resolve)\/[^/]+\/(.+)$/.exec(path);
  if (url) return inRepo.test(url[3] ?? '') ? `${url[1]}/${url[2]}` : undefined;
  const plain = new RegExp(`${anywhere ? '(?:^|/)' : '^'}([A-Za-z0-9][\\w.-]*)/([A-Za-z0-9][\\w.-]*)/(?:${rest})$`);
  const match = plain.exec(path);
  return match ? `${match[1]}/${match[2]}` : undefined;
}
