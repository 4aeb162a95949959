/**
 * The landscape: the public Every Eval Ever records shipped with the repository in a compact form
 * (`data/landscape/every-eval-ever.tsv.gz`), loaded on first start next to the curated seed.
 *
 * The file holds the records themselves, not what the parser made of them, so that every fix to the Every
 * Eval Ever parser and to import resolution applies to the landscape without rebuilding it. One line per
 * record file: its path in the Every Eval Ever `data/` folder, a tab, and the record's JSON with the
 * whitespace outside strings removed (every token kept as written, so a score's printed form survives).
 * Lines are sorted by path and gzipped at level 9, so a rebuild from the same files is byte-identical.
 *
 * Loading goes through `importItems`, the importers' own writer: one transaction, the lookup tables loaded
 * once, entities created and results upserted thousands at a time. Records the importer refuses are
 * skipped and counted, never fatal. A `seed_run` row named `landscape:<sha256 of the file>` marks the
 * load, so a second start reads nothing.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { getTableName, sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import * as t from '../db/schema.ts';
import { detect, parse } from '../formats/every-eval-ever.ts';
import type { ImportItem } from '../formats/records.ts';
import { importItems, type ImportReport } from '../import/write.ts';
import { withoutSecondaryIndexes } from '../db/bulk-load.ts';
import { nameTransaction } from '../write/transaction.ts';
import { projectPath } from '../paths.ts';

/** The landscape shipped with the repository. */
export const defaultLandscapeFile = projectPath('data', 'landscape', 'every-eval-ever.tsv.gz');

/**
 * The tables a landscape load writes many rows to (the audit trail's `change` included). `search_document` and
 * `search_word` too: updating their GIN indexes entry by entry cost three quarters of inserting a source or a model.
 */
export const BULK_TABLES = [
  t.source,
  t.organization,
  t.model,
  t.dataset,
  t.metric,
  t.benchmarkResult,
  t.modelExternalId,
  t.modelDeveloper,
  t.change,
  t.searchDocument,
  t.searchWord,
].map((table) => getTableName(table));

/** Prefix of the `seed_run.content_hash` of a landscape load. */
const RUN_PREFIX = 'landscape:';

export type LandscapeEntry = { path: string; json: string };

/**
 * JSON without the whitespace between tokens. Lossless: strings and number tokens are copied as written
 * (JSON.stringify would print `1.0` as `1` and lose the reported form of a score).
 */
export function minifyJson(text: string): string {
  let out = '';
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return out + text.slice(start);
}

/** A JSON document with the record's top-level keys (the folder also holds `eval.schema.json`). */
function isRecord(text: string): boolean {
  if (!detect('', text.slice(0, 4096))) return false;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    return typeof value.schema_version === 'string' && Array.isArray(value.evaluation_results);
  } catch {
    // A broken record is shipped as it is: the importer reports it at load, as an import of the file would.
    return true;
  }
}

/** Every file under `dir`, as paths relative to it with `/` separators. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/**
 * The compact file of the Every Eval Ever records under `folder` (its `data/` folder, or part of it): every
 * `.json` file that looks like a record (the schema and other JSON are left out), sorted by path.
 */
export async function buildLandscape(folder: string): Promise<{ bytes: Buffer; records: number; left: string[] }> {
  const lines: string[] = [];
  const left: string[] = [];
  const paths = (await filesUnder(folder)).filter((file) => file.endsWith('.json'));
  // Byte order of the paths, not the locale's: the same on every machine.
  paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const file of paths) {
    const text = await readFile(path.join(folder, file), 'utf8');
    if (!isRecord(text) || /[\t\n]/.test(file)) {
      left.push(file);
      continue;
    }
    const json = minifyJson(text.replace(/^\uFEFF/, ''));
    lines.push(`${file}\t${json}`);
  }
  const bytes = gzipSync(lines.length ? `${lines.join('\n')}\n` : '', { level: 9 });
  return { bytes, records: lines.length, left };
}

/** The entries of a landscape file, in order; `limit` keeps the first ones (tests load a slice). */
export function readLandscape(bytes: Buffer, limit = Infinity): LandscapeEntry[] {
  const entries: LandscapeEntry[] = [];
  for (const line of gunzipSync(bytes).toString('utf8').split('\n')) {
    if (entries.length >= limit) break;
    const tab = line.indexOf('\t');
    if (tab > 0) entries.push({ path: line.slice(0, tab), json: line.slice(tab + 1) });
  }
  return entries;
}

/** The records' import items, each place prefixed with its record's path. */
export async function* landscapeItems(entries: LandscapeEntry[]): AsyncGenerator<ImportItem> {
  for (const entry of entries) {
    for await (const item of parse({ fileName: entry.path, text: entry.json })) {
      yield { ...item, location: `${entry.path}: ${item.location}` };
    }
  }
}

export type LandscapeLoad = {
  /** False when this landscape file had already been loaded: nothing was read or written. */
  loaded: boolean;
  contentHash: string;
  records: number;
  report?: ImportReport;
};

/** Whether a landscape (any version of the file) has been loaded into this database. */
export async function hasLandscape(db: AppDb): Promise<boolean> {
  const rows = await db
    .select({ id: t.seedRun.id })
    .from(t.seedRun)
    .where(sql`${t.seedRun.contentHash} like ${`${RUN_PREFIX}%`}`)
    .limit(1);
  return rows.length > 0;
}

/**
 * Loads a landscape file (the shipped one by default) through the importer, unless this very file was loaded
 * before. `limit` loads only the first records (tests).
 */
export async function loadLandscape(
  db: AppDb,
  { file = defaultLandscapeFile, limit }: { file?: string; limit?: number } = {},
): Promise<LandscapeLoad> {
  const bytes = await readFile(file);
  const entries = readLandscape(bytes, limit);
  const contentHash = landscapeRunHash(bytes, limit);
  const done = await db
    .select({ id: t.seedRun.id })
    .from(t.seedRun)
    .where(sql`${t.seedRun.contentHash} = ${contentHash}`)
    .limit(1);
  if (done.length > 0) return { loaded: false, contentHash, records: entries.length };

  const report = await db.transaction(async (tx) => {
    await nameTransaction(tx, { actor: 'seed', operation: 'seed landscape' });
    const { value: report } = await withoutSecondaryIndexes(tx, BULK_TABLES, () =>
      // The importer's own transaction becomes a savepoint of this one, so the index swap and the load commit
      // together.
      importItems(tx as unknown as AppDb, landscapeItems(entries), {
        fileName: 'the landscape (Every Eval Ever)',
        format: 'every-eval-ever',
        actor: 'seed',
        skipInvalid: true,
      }),
    );
    // Refused whole (a database refusal no check foresaw): nothing was written, so nothing is marked loaded.
    if (!report.written) return report;
    await tx.insert(t.seedRun).values({
      contentHash,
      summary: {
        records: entries.length,
        results: report.results,
        created: createdCounts(report),
        refused: report.problemCount,
        skipped: report.skippedCount,
      },
    });
    return report;
  });
  if (!report.written) return { loaded: false, contentHash, records: entries.length, report };
  await analyzeLoaded(db);
  return { loaded: true, contentHash, records: entries.length, report };
}

/** The `seed_run.content_hash` of a landscape file's load (of its first `limit` records). */
export function landscapeRunHash(bytes: Buffer, limit?: number): string {
  return `${RUN_PREFIX}${createHash('sha256').update(bytes).digest('hex')}${limit === undefined ? '' : `:first-${limit}`}`;
}

/**
 * Fresh statistics for the planner after a load: PGlite never runs autovacuum's ANALYZE, and a server's would come
 * later. The preferred results and comparable sets were recomputed when the load committed.
 */
export async function analyzeLoaded(db: AppDb): Promise<void> {
  for (const table of [...BULK_TABLES, 'result_preference', 'comparability_set'])
    await db.execute(sql`analyze ${sql.identifier(table)}`);
}

/** Entities the load created, by type. */
export function createdCounts(report: ImportReport): Record<string, number> {
  const counts: Record<string, number> = { Model: 0, Organization: 0, Dataset: 0, Metric: 0, Source: 0 };
  for (const r of report.resolutions) if (r.by === 'created') counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

/** One line for the log: what the load did and what it left out. */
export function describeLoad(load: LandscapeLoad): string {
  const report = load.report;
  if (!report) return `landscape already loaded (${load.records} records); nothing read`;
  if (!report.written) {
    return `landscape NOT loaded: ${report.problems.map((p) => `${p.location}: ${p.message}`).join('; ')}`;
  }
  const { inserted, updated, unchanged } = report.results;
  const first = report.problems[0] ?? report.skipped[0];
  return (
    `landscape: ${load.records} Every Eval Ever records, results ${inserted} inserted, ${updated} updated, ` +
    `${unchanged} unchanged; created ${Object.entries(createdCounts(report))
      .map(([type, n]) => `${n} ${type}`)
      .join(', ')}; ${report.problemCount} refused, ${report.skippedCount} skipped` +
    (first ? ` (first: ${first.location}${first.field ? ` ${first.field}` : ''}: ${first.message})` : '')
  );
}
