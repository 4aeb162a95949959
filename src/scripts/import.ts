/**
 * `npm run import -- <file|dir>... [--format <f>] [--hf-id <org/repo>] [--dry-run] [--skip-invalid] [--json] [--report <file.md|file.json>]... [--strict]`
 *
 * Imports evaluation results and model facts from the files evaluation tools and hubs produce. Each file is
 * all or nothing: a malformed file is reported (file, line or path, field) and nothing of it is written,
 * unless `--skip-invalid`, which writes the valid records and lists the rejected ones. `--dry-run` reports
 * what would be created, updated and left unchanged, and writes nothing. Directories are walked for
 * .csv/.json/.yaml/.yml/.md files. A file whose import fails unexpectedly is reported and changes nothing; the
 * run goes on. `--report` writes the run's report (markdown for people, JSON for tools; see report.ts) and the
 * run ends with a summary per format. Exit code: 0, unless `--strict` and a file was refused or failed (1), or
 * on bad arguments (2).
 */
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeGlobalID } from '@pothos/plugin-relay';
import cliProgress from 'cli-progress';
import { formats, importFormats, type ImportFormat } from '../formats/index.ts';
import { ImportFormatError, type ImportReport, runImport } from '../import/run.ts';
import { IdentityCache } from '../import/identity/cache.ts';
import { recordImportRun } from '../import/import-run.ts';
import { failedEntry, fileEntry, type FileEntry, runReport, type RunReport, toMarkdown } from '../import/report.ts';
import { loadConfig } from '../config.ts';
import { prepareDatabase } from '../seed/prepare.ts';
import type { Database } from '../db/client.ts';
import { parseCommandLine, runWithDatabase } from './cli.ts';

const usage = `usage: npm run import -- <file|dir>... [--format <format>] [--hf-id <org/repo>] [--dry-run] [--skip-invalid] [--json]
                         [--report <report.md|report.json>]... [--strict]
--hf-id: the Hugging Face repo of the one model card given (when its path does not say it)
formats (detected from content when --format is omitted):
${formats.map((format) => `  ${format.format.padEnd(26)}${format.description}`).join('\n')}`;

const { positionals, values } = parseCommandLine(
  {
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'hf-id': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      report: { type: 'string', multiple: true, default: [] },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  },
  usage,
);
if (positionals.length === 0) {
  console.error(`no file given\n${usage}`);
  process.exit(2);
}
if (values.format !== undefined && !importFormats.includes(values.format as ImportFormat)) {
  console.error(`unknown format "${values.format}"\n${usage}`);
  process.exit(2);
}

const REPORT_FILE = /\.(md|json)$/i;
const badReport = values.report.find((file) => !REPORT_FILE.test(file));
if (badReport !== undefined) {
  console.error(`--report ${badReport}: the report is written as markdown (.md) or JSON (.json)\n${usage}`);
  process.exit(2);
}

const IMPORTABLE = /\.(csv|json|ya?ml|md)$/i;

async function filesOf(target: string): Promise<string[]> {
  const info = await stat(target);
  if (!info.isDirectory()) return [target];
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && IMPORTABLE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const number = (n: number) => n.toLocaleString('en-US');

function summary(report: ImportReport): string {
  const r = report.results;
  const created = new Map<string, number>();
  for (const resolution of report.resolutions) {
    if (resolution.by === 'created') created.set(resolution.type, (created.get(resolution.type) ?? 0) + 1);
  }
  const matched = report.resolutions.filter((resolution) => resolution.by !== 'created').length;
  // A refused file's counts are what it got through before the rollback: say so.
  const verb = report.refused ? 'rolled back: ' : report.dryRun ? 'would be ' : '';
  const state = report.refused ? 'REFUSED, nothing written' : report.dryRun ? 'dry run, nothing written' : 'imported';
  const lines = [
    `${report.file} (${report.format}): ${state}`,
    `  records read: ${number(report.records)}`,
    `  results ${verb}inserted ${number(r.inserted)}, updated ${number(r.updated)}, unchanged ${number(r.unchanged)}`,
  ];
  if (report.lineageEdges.inserted + report.lineageEdges.unchanged) {
    lines.push(
      `  lineage edges ${verb}inserted ${report.lineageEdges.inserted}, unchanged ${report.lineageEdges.unchanged}`,
    );
  }
  for (const [kind, c] of Object.entries(report.graph ?? {})) {
    if (kind === 'results' || kind === 'pruned') continue;
    lines.push(
      `  ${kind} ${verb}inserted ${number(c.inserted)}, updated ${number(c.updated)}, unchanged ${number(c.unchanged)}`,
    );
  }
  if (report.licensesSet) lines.push(`  licenses ${verb}set: ${report.licensesSet}`);
  for (const [what, c] of [
    ['model languages', report.languages],
    ['model tasks', report.tasks],
  ] as const) {
    if (c.inserted + c.unchanged) lines.push(`  ${what} ${verb}inserted ${c.inserted}, unchanged ${c.unchanged}`);
  }
  const claims = report.trainingDataClaims;
  if (claims.inserted + claims.updated + claims.unchanged) {
    lines.push(
      `  training-data claims ${verb}inserted ${claims.inserted}, updated ${claims.updated}, unchanged ${claims.unchanged}`,
    );
  }
  if (report.repoId) {
    const { id, by, evidence } = report.repoId;
    lines.push(`  Hugging Face repo id: ${id} (told by ${by}${evidence ? `: ${evidence}` : ''})`);
  }
  lines.push(
    `  names matched: ${matched}; ${verb}created: ${created.size ? [...created].map(([type, n]) => `${n} ${type}`).join(', ') : 'nothing'}`,
  );
  for (const resolution of report.resolutions.slice(0, 200)) {
    const how =
      resolution.by === 'created' ? `${verb}created` : `matched by ${resolution.by}, ${resolution.confidence}`;
    lines.push(`    ${resolution.type} "${resolution.reference}" -> ${resolution.slug} (${how})`);
  }
  if (report.resolutions.length > 200) lines.push(`    ... and ${report.resolutions.length - 200} more`);
  if (report.problemCount) {
    lines.push(`  problems: ${number(report.problemCount)}${report.written ? ' (records skipped)' : ''}`);
    for (const problem of report.problems) {
      lines.push(
        `    ${report.file}:${problem.location}${problem.field ? ` ${problem.field}` : ''}: ${problem.message}`,
      );
    }
    if (report.problemCount > report.problems.length) {
      lines.push(`    ... and ${number(report.problemCount - report.problems.length)} more`);
    }
  }
  if (report.skippedCount) {
    lines.push(`  skipped by the format's rules: ${number(report.skippedCount)}`);
    for (const skipped of report.skipped) lines.push(`    ${report.file}:${skipped.location}: ${skipped.message}`);
    if (report.skippedCount > report.skipped.length) {
      lines.push(`    ... and ${number(report.skippedCount - report.skipped.length)} more`);
    }
  }
  return lines.join('\n');
}

function formatTable(run: RunReport): string {
  const rows = Object.entries(run.byFormat).map(
    ([format, t]) =>
      `  ${format.padEnd(26)}${number(t.files).padStart(7)} files ${number(t.records).padStart(9)} records ${number(t.created).padStart(8)} created ${number(t.matched).padStart(8)} matched ${number(t.refused + t.failed).padStart(5)} refused ${number(t.skipped + t.rejected).padStart(7)} skipped`,
  );
  const t = run.totals;
  return [
    `summary: ${number(t.files)} files, ${number(t.imported)} imported, ${number(t.refused)} refused, ${number(t.failed)} failed (${run.startedAt} to ${run.finishedAt})`,
    ...rows,
  ].join('\n');
}

async function importFile(database: Database, file: string): Promise<{ entry: FileEntry; report?: ImportReport }> {
  const size = (await stat(file)).size;
  // A bar only where it helps: large files on a terminal, never in --json output.
  const bar =
    !values.json && process.stderr.isTTY && size > 1 << 20
      ? new cliProgress.SingleBar(
          {
            format: `${path.basename(file)} [{bar}] {percentage}% | {records} records | {eta_formatted} left`,
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  bar?.start(size, 0, { records: 0 });
  let records = 0;
  try {
    const report = await runImport({
      db: database.db,
      fileName: file,
      path: file,
      ...(values.format ? { format: values.format as ImportFormat } : {}),
      ...(values['hf-id'] ? { huggingfaceId: values['hf-id'] } : {}),
      actor: ACTOR,
      identityCache,
      dryRun: values['dry-run'],
      skipInvalid: values['skip-invalid'],
      onProgress: (n) => {
        records = n;
        bar?.update({ records: number(n) });
      },
      onBytes: (bytes) => bar?.update(bytes, { records: number(records) }),
    });
    bar?.update(size);
    return { entry: fileEntry(report), report };
  } catch (error) {
    if (error instanceof ImportFormatError) return { entry: failedEntry(file, 'unknown-format', error.message) };
    // Not the file's known fault (a bug, an outage): its transaction was rolled back; the run goes on.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { entry: failedEntry(file, 'unexpected-error', message) };
  } finally {
    bar?.stop();
  }
}

const ACTOR = 'import-cli';
/** One set of lookup tables for the whole run, instead of a reload per file. */
const identityCache = new IdentityCache();

await runWithDatabase(async (database) => {
  // The same state the server would start from: migrated, and seeded on first use (SEED_ON_START).
  await prepareDatabase(database, { seed: loadConfig().seedOnStart });
  const files: string[] = [];
  try {
    for (const target of positionals) files.push(...(await filesOf(target)));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  // One repo id names one card: with several files it would tie them all to the same model.
  if (values['hf-id'] !== undefined && files.length !== 1) {
    console.error(`--hf-id names the repo of one model card; ${files.length} files were given\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const startedAt = new Date();
  const reports: ImportReport[] = [];
  const entries: FileEntry[] = [];
  const show = (file: string, entry: FileEntry, report?: ImportReport) => {
    if (values.json) return;
    if (report) console.log(summary(report));
    else console.error(`${file}: ${entry.outcome}, nothing written: ${entry.refusal?.problems[0]?.message}`);
  };
  for (const file of files) {
    const { entry, report } = await importFile(database, file);
    entries.push(entry);
    if (report) reports.push(report);
    show(file, entry, report);
  }
  // A card whose name splits several ways may be settled by what later files of the run brought (models under
  // its namespace), or by another such card settled meanwhile: they are tried again at the end, pass after pass
  // while a pass settles one, so the outcome does not hang on the files' order and a second run settles nothing more.
  const unsettled = (entry: FileEntry) => entry.refusal?.problems.some((p) => p.field === 'huggingfaceId') ?? false;
  for (let pending = entries.flatMap((entry, i) => (unsettled(entry) ? [i] : [])); pending.length > 0;) {
    for (const i of pending) {
      const { file } = entries[i]!;
      const again = await importFile(database, file);
      entries[i] = again.entry;
      if (again.report) {
        const at = reports.findIndex((r) => r.file === file);
        if (at >= 0) reports[at] = again.report;
        else reports.push(again.report);
      }
      if (!values.json) console.log(`${file}: tried again after the run's other files`);
      show(file, again.entry, again.report);
    }
    const left = pending.filter((i) => unsettled(entries[i]!));
    pending = left.length < pending.length ? left : [];
  }
  const run = runReport(entries, { actor: ACTOR, dryRun: values['dry-run'], startedAt, finishedAt: new Date() });
  for (const target of values.report) {
    await writeFile(
      target,
      target.toLowerCase().endsWith('.md') ? toMarkdown(run) : `${JSON.stringify(run, null, 2)}\n`,
    );
  }
  // A dry run writes nothing, not even its record.
  const runId = values['dry-run'] ? undefined : await recordImportRun(database.db, run);
  if (values.json) console.log(JSON.stringify(reports, null, 2));
  else
    console.log(
      `${formatTable(run)}${runId === undefined ? '' : `\nrecorded as import run ${encodeGlobalID('ImportRun', runId)} (Query.importRun)`}`,
    );
  if (values.strict && run.totals.refused + run.totals.failed > 0) process.exitCode = 1;
});
