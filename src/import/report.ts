/**
 * The report of an import run, for people (markdown) and tools (JSON): per file and per format, what was
 * created, what matched loosely, which merges were avoided, which records were skipped and why, and which files
 * were refused (with a typed reason and the place). Built from the per-file `ImportReport`s of `runImport`, plus
 * the files that never got one (format unknown, unexpected error): those change nothing and are listed too.
 */
import type { Resolution } from './resolve.ts';
import type { ImportReport } from './write.ts';

/** What happened to a file. `failed`: an unexpected error, rolled back (nothing of the file was written). */
export type FileOutcome = 'imported' | 'dry-run' | 'refused' | 'failed';

/**
 * Why a file was refused: `unknown-format` (no importer recognises it), `invalid-content` (problems with their
 * place; nothing written), `nothing-readable` (not one record could be read), `unexpected-error` (a bug or an
 * outage, not the file's known fault).
 */
export type RefusalReason = 'unknown-format' | 'invalid-content' | 'nothing-readable' | 'unexpected-error';

export type Place = { location: string; field?: string; message: string };

/**
 * A resolution as the report reads it. `avoided` (why a loose match was not taken, e.g. "task types differ") is
 * read when the resolver records it.
 */
export type ReportedResolution = Resolution & { avoided?: string };

export type Counts = { inserted: number; updated: number; unchanged: number };

export type FileEntry = {
  file: string;
  /** Null when the format could not be told. */
  format: string | null;
  outcome: FileOutcome;
  records: number;
  results: Counts;
  /** Entities created, by type (Model, Dataset, Metric...). */
  created: Record<string, number>;
  /** Names resolved to an existing entity, exactly or loosely. */
  matched: number;
  /** The entities created (first MAX_LISTED). */
  createdList: ReportedResolution[];
  /** Matches by a loose rule (name or alias compared loosely, or a stated confidence below 1), all of them listed. */
  looseMatches: ReportedResolution[];
  looseCount: number;
  /** Loose matches the resolver declined (and created a new entity instead), with its reason. */
  mergesAvoided: ReportedResolution[];
  /** Matches by name on which the file's identifier (a dataset's Hub id) was recorded, with that identifier. */
  idsRecorded: ReportedResolution[];
  /**
   * A model card's Hugging Face repo id when neither given nor in its path: how it was told (`file-name`: one
   * split only; `card-text`, `model-index`, `namespace`, `card-namespace`, `graph-id`, `graph-namespace`).
   */
  repoId?: { id: string; by: string; evidence?: string };
  skippedCount: number;
  skipped: Place[];
  /** Records left out with --skip-invalid (the file was still imported). */
  rejectedCount: number;
  rejected: Place[];
  refusal?: { reason: RefusalReason; problemCount: number; problems: Place[] };
};

export type Totals = {
  files: number;
  imported: number;
  refused: number;
  failed: number;
  records: number;
  results: Counts;
  created: number;
  matched: number;
  loose: number;
  mergesAvoided: number;
  skipped: number;
  rejected: number;
};

export type RunReport = {
  actor: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  totals: Totals;
  byFormat: Record<string, Totals>;
  files: FileEntry[];
};

/** Items kept per list and file in the report (counts are always whole). */
export const MAX_LISTED = 200;

/** The resolver's own judgement (src/import/resolve.ts): a name equal only after normalization is loose. */
export function isLoose(resolution: ReportedResolution): boolean {
  return resolution.confidence === 'loose';
}

const place = ({ location, field, message }: Place): Place => ({ location, ...(field ? { field } : {}), message });

/** The entry of a file that `runImport` reported on. */
export function fileEntry(report: ImportReport): FileEntry {
  const resolutions = report.resolutions as ReportedResolution[];
  const created: Record<string, number> = {};
  for (const resolution of resolutions) {
    if (resolution.by === 'created') created[resolution.type] = (created[resolution.type] ?? 0) + 1;
  }
  // graph-json reports inserted rows per kind instead of resolutions.
  for (const [kind, counts] of Object.entries(report.graph ?? {})) {
    if (kind !== 'results' && kind !== 'pruned' && counts.inserted) created[kind] = counts.inserted;
  }
  const loose = resolutions.filter(isLoose);
  const createdList = resolutions.filter((r) => r.by === 'created');
  const outcome: FileOutcome = report.refused ? 'refused' : report.dryRun ? 'dry-run' : 'imported';
  // A refused file was rolled back: what it would have written is not reported as done.
  const kept = !report.refused;
  const entry: FileEntry = {
    file: report.file,
    format: report.format,
    outcome,
    records: report.records,
    results: kept ? { ...report.results } : { inserted: 0, updated: 0, unchanged: 0 },
    created: kept ? created : {},
    matched: kept ? resolutions.length - createdList.length : 0,
    createdList: kept ? createdList.slice(0, MAX_LISTED) : [],
    looseMatches: kept ? loose.slice(0, MAX_LISTED) : [],
    looseCount: kept ? loose.length : 0,
    mergesAvoided: kept ? resolutions.filter((r) => r.avoided !== undefined) : [],
    idsRecorded: kept ? resolutions.filter((r) => r.recorded !== undefined) : [],
    ...(report.repoId ? { repoId: report.repoId } : {}),
    skippedCount: report.skippedCount,
    skipped: report.skipped.map(place),
    rejectedCount: report.refused ? 0 : report.problemCount,
    rejected: report.refused ? [] : report.problems.map(place),
  };
  if (report.refused) {
    entry.refusal = {
      reason: report.records === 0 ? 'nothing-readable' : 'invalid-content',
      problemCount: report.problemCount,
      problems: report.problems.map(place),
    };
  }
  return entry;
}

/** The entry of a file that got no report: its format is unknown, or its import failed unexpectedly. */
export function failedEntry(file: string, reason: RefusalReason, message: string, format?: string): FileEntry {
  return {
    file,
    format: format ?? null,
    outcome: reason === 'unexpected-error' ? 'failed' : 'refused',
    records: 0,
    results: { inserted: 0, updated: 0, unchanged: 0 },
    created: {},
    matched: 0,
    createdList: [],
    looseMatches: [],
    looseCount: 0,
    mergesAvoided: [],
    idsRecorded: [],
    skippedCount: 0,
    skipped: [],
    rejectedCount: 0,
    rejected: [],
    refusal: { reason, problemCount: 1, problems: [{ location: 'file', message }] },
  };
}

function emptyTotals(): Totals {
  return {
    files: 0,
    imported: 0,
    refused: 0,
    failed: 0,
    records: 0,
    results: { inserted: 0, updated: 0, unchanged: 0 },
    created: 0,
    matched: 0,
    loose: 0,
    mergesAvoided: 0,
    skipped: 0,
    rejected: 0,
  };
}

function add(totals: Totals, entry: FileEntry): void {
  totals.files++;
  if (entry.outcome === 'imported' || entry.outcome === 'dry-run') totals.imported++;
  if (entry.outcome === 'refused') totals.refused++;
  if (entry.outcome === 'failed') totals.failed++;
  totals.records += entry.records;
  totals.results.inserted += entry.results.inserted;
  totals.results.updated += entry.results.updated;
  totals.results.unchanged += entry.results.unchanged;
  totals.created += Object.values(entry.created).reduce((n, c) => n + c, 0);
  totals.matched += entry.matched;
  totals.loose += entry.looseCount;
  totals.mergesAvoided += entry.mergesAvoided.length;
  totals.skipped += entry.skippedCount;
  totals.rejected += entry.rejectedCount;
}

export function runReport(
  files: FileEntry[],
  meta: { actor: string; dryRun: boolean; startedAt: Date; finishedAt: Date },
): RunReport {
  const totals = emptyTotals();
  const byFormat: Record<string, Totals> = {};
  for (const entry of files) {
    add(totals, entry);
    add((byFormat[entry.format ?? 'unknown'] ??= emptyTotals()), entry);
  }
  return {
    actor: meta.actor,
    dryRun: meta.dryRun,
    startedAt: meta.startedAt.toISOString(),
    finishedAt: meta.finishedAt.toISOString(),
    totals,
    byFormat,
    files,
  };
}

/**
 * The report cut to at most `maxBytes` of JSON for storage: per-file lists are shortened first (counts stay
 * whole), then the files beyond what fits are dropped (the totals still count them). `truncated` says so.
 */
export function capReport(report: RunReport, maxBytes: number): { report: RunReport; truncated: boolean } {
  const size = (r: RunReport) => Buffer.byteLength(JSON.stringify(r));
  if (size(report) <= maxBytes) return { report, truncated: false };
  for (const keep of [20, 3, 0]) {
    const files = report.files.map((entry) => shorten(entry, keep));
    const shortened = { ...report, files };
    if (size(shortened) <= maxBytes) return { report: shortened, truncated: true };
  }
  // Even bare entries do not fit: keep the files that need attention first, as many as fit.
  const bare = report.files.map((entry) => shorten(entry, 0));
  bare.sort((a, b) => Number(a.outcome === 'imported') - Number(b.outcome === 'imported'));
  const kept: FileEntry[] = [];
  let bytes = size({ ...report, files: [] });
  for (const entry of bare) {
    const entryBytes = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (bytes + entryBytes > maxBytes) break;
    kept.push(entry);
    bytes += entryBytes;
  }
  return { report: { ...report, files: kept }, truncated: true };
}

function shorten(entry: FileEntry, keep: number): FileEntry {
  const shortened: FileEntry = {
    ...entry,
    createdList: entry.createdList.slice(0, keep),
    looseMatches: entry.looseMatches.slice(0, keep),
    mergesAvoided: entry.mergesAvoided.slice(0, keep),
    idsRecorded: entry.idsRecorded.slice(0, keep),
    skipped: entry.skipped.slice(0, keep),
    rejected: entry.rejected.slice(0, keep),
  };
  if (entry.refusal) {
    // The refusal's first problem is kept always: it is why nothing of the file is in the graph.
    shortened.refusal = { ...entry.refusal, problems: entry.refusal.problems.slice(0, Math.max(keep, 1)) };
  }
  return shortened;
}

// ---------------------------------------------------------------------------------------------------------
// Markdown

const number = (n: number) => n.toLocaleString('en-US');
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const placeText = (p: Place) => `${p.location}${p.field ? ` (${p.field})` : ''}: ${p.message}`;
const resolutionText = (r: ReportedResolution) => `${r.type} "${r.reference}" → ${r.slug} (${r.by}, ${r.confidence})`;
const more = (shown: number, total: number) => (total > shown ? [`- … and ${number(total - shown)} more`] : []);

function totalsRow(label: string, t: Totals): string {
  const skipped = t.skipped + t.rejected;
  return `| ${cell(label)} | ${number(t.files)} | ${number(t.records)} | ${number(t.created)} | ${number(t.matched)} | ${number(t.loose)} | ${number(t.refused + t.failed)} | ${number(skipped)} |`;
}

function fileSection(entry: FileEntry, limit: number): string[] {
  const lines: string[] = [];
  if (entry.refusal) {
    lines.push(`- **${entry.outcome}** (${entry.refusal.reason}); nothing of the file was written:`);
    lines.push(...entry.refusal.problems.slice(0, limit).map((p) => `  - ${cell(placeText(p))}`));
    lines.push(
      ...more(Math.min(limit, entry.refusal.problems.length), entry.refusal.problemCount).map((l) => `  ${l}`),
    );
  }
  // The one reading of an `org_repo.md` name is no news; any other way the repo id was told is.
  if (entry.repoId && entry.repoId.by !== 'file-name') {
    const { id, by, evidence } = entry.repoId;
    lines.push(`- Hugging Face repo id ${cell(id)}, told by ${by}${evidence ? ` (${cell(evidence)})` : ''}`);
  }
  const created = Object.entries(entry.created);
  if (created.length) {
    lines.push(`- created: ${created.map(([type, n]) => `${number(n)} ${type}`).join(', ')}`);
    const total = created.reduce((n, [, c]) => n + c, 0);
    lines.push(
      ...entry.createdList.slice(0, limit).map((r) => `  - ${cell(`${r.type} "${r.reference}" → ${r.slug}`)}`),
    );
    lines.push(
      ...more(Math.min(limit, entry.createdList.length), entry.createdList.length ? total : 0).map((l) => `  ${l}`),
    );
  }
  if (entry.looseCount) {
    lines.push(`- loose matches (${number(entry.looseCount)}):`);
    lines.push(...entry.looseMatches.slice(0, limit).map((r) => `  - ${cell(resolutionText(r))}`));
    lines.push(...more(Math.min(limit, entry.looseMatches.length), entry.looseCount).map((l) => `  ${l}`));
  }
  if (entry.mergesAvoided.length) {
    lines.push(`- merges avoided (${number(entry.mergesAvoided.length)}):`);
    lines.push(...entry.mergesAvoided.slice(0, limit).map((r) => `  - ${cell(`${resolutionText(r)}: ${r.avoided}`)}`));
  }
  if (entry.idsRecorded.length) {
    lines.push(`- identifiers recorded on entities matched by name (${number(entry.idsRecorded.length)}):`);
    lines.push(
      ...entry.idsRecorded.slice(0, limit).map((r) => `  - ${cell(`${resolutionText(r)}: ${r.recorded} recorded`)}`),
    );
  }
  for (const [label, count, list] of [
    ['skipped by the format’s rules', entry.skippedCount, entry.skipped],
    ['rejected (--skip-invalid)', entry.rejectedCount, entry.rejected],
  ] as const) {
    if (!count) continue;
    lines.push(`- ${label} (${number(count)}):`);
    lines.push(...list.slice(0, limit).map((p) => `  - ${cell(placeText(p))}`));
    lines.push(...more(Math.min(limit, list.length), count).map((l) => `  ${l}`));
  }
  return lines;
}

/** The report for people: totals per format, then every file that needs a look (refused, skipped, loose). */
export function toMarkdown(report: RunReport, options: { perFile?: number } = {}): string {
  const limit = options.perFile ?? 20;
  const seconds = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000;
  const lines = [
    `# Import report${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    '',
    `${number(report.totals.files)} files by ${report.actor}, ${report.startedAt} to ${report.finishedAt} (${seconds.toFixed(1)} s): ` +
      `${number(report.totals.imported)} imported, ${number(report.totals.refused)} refused, ${number(report.totals.failed)} failed.`,
    `Results: ${number(report.totals.results.inserted)} inserted, ${number(report.totals.results.updated)} updated, ${number(report.totals.results.unchanged)} unchanged.`,
    '',
    '## By format',
    '',
    '| format | files | records | created | matched | loose | refused files | skipped records |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...Object.entries(report.byFormat)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([format, totals]) => totalsRow(format, totals)),
    totalsRow('**all**', report.totals),
  ];
  const refused = report.files.filter((entry) => entry.refusal);
  if (refused.length) {
    lines.push(
      '',
      '## Refused and failed files',
      '',
      '| file | format | reason | first problem |',
      '| --- | --- | --- | --- |',
    );
    for (const entry of refused) {
      const first = entry.refusal?.problems[0];
      lines.push(
        `| ${cell(entry.file)} | ${entry.format ?? '?'} | ${entry.refusal?.reason} | ${first ? cell(placeText(first)) : ''} |`,
      );
    }
  }
  const noteworthy = report.files.filter((entry) => fileSection(entry, 0).length);
  if (noteworthy.length) {
    lines.push('', '## Files');
    for (const entry of noteworthy) {
      lines.push(
        '',
        `### ${entry.file}`,
        '',
        `${entry.format ?? 'unknown format'}, ${entry.outcome}, ${number(entry.records)} records; ` +
          `results ${number(entry.results.inserted)} inserted, ${number(entry.results.updated)} updated, ${number(entry.results.unchanged)} unchanged; ${number(entry.matched)} names matched`,
        '',
      );
      lines.push(...fileSection(entry, limit));
    }
  }
  return `${lines.join('\n')}\n`;
}
