/**
 * Readers of field values shared by the parsers: paths as problems name them (`formatPath`), objects, text,
 * dates, and scores as files print them (`parseReportedNumber`).
 */

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

/** An absolute http(s) URL without spaces, as the database's sources hold them. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value);
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
  // A comma is only a thousands separator when it splits groups of three digits (`1,234`), not a decimal comma
  // (`0,912` is 0.912 written the European way, never 912).
  const plain = (s: string) =>
    /^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(s) || !s.includes(',') ? s.replaceAll(',', '') : '';
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

/** Unix seconds (the harness's `date`) or an ISO timestamp as `YYYY-MM-DD` (UTC). */
export function unixDate(value: unknown): string | undefined {
  const seconds =
    typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (Number.isFinite(seconds)) {
    const date = new Date(seconds * 1000);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return undefined;
}

export function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? typeof value;
}

export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/**
 * Names of metrics that are proportions by definition (accuracy, exact match, F1, pass@k), in any spelling; not
 * statistics about one (MTEB's `cos_sim_accuracy_threshold`, `accuracy_stderr`, `v_measure_std`,
 * `nauc_precision_at_10_diff1`), which have scales of their own.
 */
export function isProportionMetric(name: string): boolean {
  if (/(^|[_\s.-])(threshold|std|stderr|nauc|diff1)($|[_\s.-])/i.test(name)) return false;
  return (
    /(^|[_\s.-])(acc|accuracy|acc_norm|exact[_\s-]?match|em|f1|mc1|mc2|precision|recall)($|[_\s.-])/i.test(name) ||
    passAtK(name) !== undefined
  );
}

/** `pass@1`, `pass_at_10`: the pass-rate metric at k. */
export function passAtK(metricName: string): number | undefined {
  const match = /^pass(?:@|_at_|@k=)(\d+)$/i.exec(metricName.trim());
  return match ? Number(match[1]) : undefined;
}
