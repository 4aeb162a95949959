/**
 * The import report: per file and format, built from real imports (a real Papers with Code task file, a CSV
 * refused for its rows); its markdown and JSON; the cap that keeps a stored report small; and the CLI's
 * `--report` and `--strict`, which goes on after a file it cannot import; the import_run record and its
 * GraphQL fields (`importFile`'s `runId`, `importRun`, `importRuns`), for editors only.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  capReport,
  failedEntry,
  fileEntry,
  type FileEntry,
  isLoose,
  runReport,
  type RunReport,
  toMarkdown,
} from '../src/import/report.ts';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { withApiKeys } from './helpers/auth.ts';
import { count } from './helpers/db.ts';
import { execute, executeAs } from './helpers/graphql.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (file: string) => path.join('test', 'fixtures', file);
const COQA = fixture('papers-with-code/real/coqa.json');
const BAD_ROWS = fixture('csv/bad-rows.csv');
const RESULTS = fixture('csv/results.csv');
const times = { startedAt: new Date('2026-01-01T00:00:00Z'), finishedAt: new Date('2026-01-01T00:00:02Z') };

describeEachBackend('import report from real imports', (backend) => {
  let entries: FileEntry[] = [];
  let run: RunReport;

  beforeAll(async () => {
    const db = backend().database.db;
    for (const file of [COQA, BAD_ROWS]) {
      entries.push(fileEntry(await runImport({ db, fileName: file, path: path.join(root, file), actor: 'test' })));
    }
    entries.push(failedEntry('notes.txt', 'unknown-format', 'Cannot tell the format of notes.txt'));
    run = runReport(entries, { actor: 'test', dryRun: false, ...times });
  }, 120_000);
  afterAll(() => {
    entries = [];
  });

  test('a real file imported: its records, created entities and matches, all counted', () => {
    const coqa = entries[0] as FileEntry;
    expect(coqa).toMatchObject({ file: COQA, format: 'papers-with-code', outcome: 'imported' });
    expect(coqa.refusal).toBeUndefined();
    expect(coqa.records).toBeGreaterThan(0);
    expect(coqa.results.inserted).toBe(coqa.records);
    const createdTotal = Object.values(coqa.created).reduce((n, c) => n + c, 0);
    expect(createdTotal).toBe(coqa.createdList.length);
    expect(coqa.createdList.every((r) => r.by === 'created')).toBe(true);
    // The papers become sources, the models are new to the seeded graph.
    expect(coqa.created.Source).toBeGreaterThan(0);
    expect(coqa.created.Model).toBeGreaterThan(0);
    expect(coqa.looseMatches.every(isLoose)).toBe(true);
  });

  test('a refused file: its typed reason and every problem with its place; nothing counted as written', () => {
    const bad = entries[1] as FileEntry;
    expect(bad).toMatchObject({ file: BAD_ROWS, format: 'csv', outcome: 'refused', matched: 0, created: {} });
    expect(bad.results).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
    expect(bad.refusal?.reason).toBe('invalid-content');
    expect(bad.refusal?.problemCount).toBe(10);
    expect(bad.refusal?.problems[0]).toEqual({
      location: 'line 3',
      field: 'value',
      message: 'value must be a number, got "n/a"',
    });
  });

  test('totals per format and for the run add up from the files', () => {
    const coqa = entries[0] as FileEntry;
    expect(Object.keys(run.byFormat).sort()).toEqual(['csv', 'papers-with-code', 'unknown']);
    // Records read count even in a refused file; what it would have written does not.
    expect(run.byFormat.csv).toMatchObject({ files: 1, imported: 0, refused: 1, created: 0, matched: 0, records: 2 });
    expect(run.byFormat.unknown).toMatchObject({ files: 1, refused: 1 });
    expect(run.totals).toMatchObject({
      files: 3,
      imported: 1,
      refused: 2,
      failed: 0,
      records: coqa.records + 2,
      results: coqa.results,
      matched: coqa.matched,
      skipped: coqa.skippedCount,
    });
  });

  test('markdown: the per-format table, the refused files with their first problem, each file’s section', () => {
    const markdown = toMarkdown(run);
    expect(markdown).toContain('3 files by test, 2026-01-01T00:00:00.000Z to 2026-01-01T00:00:02.000Z (2.0 s)');
    expect(markdown).toContain(
      `| papers-with-code | 1 | ${run.byFormat['papers-with-code']?.records.toLocaleString('en-US')} |`,
    );
    expect(markdown).toContain(
      `| ${BAD_ROWS} | csv | invalid-content | line 3 (value): value must be a number, got "n/a" |`,
    );
    expect(markdown).toContain('| notes.txt | ? | unknown-format | file: Cannot tell the format of notes.txt |');
    expect(markdown).toContain(`### ${COQA}`);
    expect(markdown).toContain('- **refused** (invalid-content); nothing of the file was written:');
    expect(markdown).toContain('  - line 7: malformed CSV');
  });

  test('capped for storage: lists shortened, counts whole, the truncation stated', () => {
    const whole = capReport(run, 10_000_000);
    expect(whole).toEqual({ report: run, truncated: false });
    const size = Buffer.byteLength(JSON.stringify(run));
    const capped = capReport(run, Math.floor(size / 2));
    expect(capped.truncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(capped.report))).toBeLessThanOrEqual(size / 2);
    expect(capped.report.totals).toEqual(run.totals);
    const tiny = capReport(run, 1500);
    expect(tiny.truncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(tiny.report))).toBeLessThanOrEqual(1500);
    // Refused files are kept before imported ones.
    expect(tiny.report.files.every((entry) => entry.outcome !== 'imported')).toBe(true);
  });
});

describeEachBackend('import runs through GraphQL', (backend) => {
  const test = withApiKeys(backend);
  const IMPORT = /* GraphQL */ `
    mutation ($input: ImportFileInput!) {
      importFile(input: $input) {
        ... on ImportPayload {
          runId
          written
        }
        ... on ValidationError {
          message
        }
      }
    }
  `;
  const RUN = /* GraphQL */ `
    query ($id: ID!) {
      importRun(id: $id) {
        id
        actor
        files
        refusedFiles
        truncated
        reportBytes
        report
        markdown
      }
    }
  `;
  const RUNS = /* GraphQL */ `
    query {
      importRuns(first: 10) {
        totalCount
        edges {
          node {
            id
            files
          }
        }
      }
    }
  `;
  let coqa = '';
  beforeAll(async () => {
    coqa = await readFile(path.join(root, COQA), 'utf8');
  });

  test('importFile records a run with its report; a dry run and a refused file record none', async ({ keys }) => {
    const db = backend().database.db;
    const app = backend().app;
    const before = await count(db, 'import_run');
    const dry = await executeAs(app, keys.editor, IMPORT, {
      input: { fileName: 'coqa.json', content: coqa, dryRun: true },
    });
    expect(dry.body.data?.importFile).toEqual({ runId: null, written: false });
    const refused = await executeAs(app, keys.editor, IMPORT, {
      input: { fileName: 'bad.csv', content: await readFile(path.join(root, BAD_ROWS), 'utf8') },
    });
    expect(refused.body.data?.importFile.message).toBeDefined();
    expect(await count(db, 'import_run')).toBe(before);

    const done = await executeAs(app, keys.editor, IMPORT, { input: { fileName: 'coqa.json', content: coqa } });
    const runId = done.body.data?.importFile.runId as string;
    expect(done.body.data?.importFile.written).toBe(true);
    expect(await count(db, 'import_run')).toBe(before + 1);

    const read = await executeAs(app, keys.editor, RUN, { id: runId });
    expect(read.body.errors).toBeUndefined();
    const run = read.body.data?.importRun;
    expect(run).toMatchObject({ id: runId, actor: keys.editorActor, files: 1, refusedFiles: 0, truncated: false });
    const report = run.report as RunReport;
    expect(report.files.map((entry) => [entry.file, entry.format, entry.outcome])).toEqual([
      ['coqa.json', 'papers-with-code', 'imported'],
    ]);
    expect(run.reportBytes).toBe(Buffer.byteLength(JSON.stringify(report)));
    expect(run.markdown).toContain('| papers-with-code | 1 |');

    // A second import of the same file: a second run, listed first.
    const again = await executeAs(app, keys.editor, IMPORT, { input: { fileName: 'coqa.json', content: coqa } });
    const runs = await executeAs(app, keys.editor, RUNS);
    expect(runs.body.data?.importRuns.totalCount).toBe(before + 2);
    expect(runs.body.data?.importRuns.edges.slice(0, 2).map((edge: { node: { id: string } }) => edge.node.id)).toEqual([
      again.body.data?.importFile.runId,
      runId,
    ]);
    const second = (await executeAs(app, keys.editor, RUN, { id: again.body.data?.importFile.runId })).body.data
      ?.importRun.report as RunReport;
    expect(second.totals.created).toBe(0);
    expect(second.totals.results.inserted).toBe(0);
  }, 120_000);

  test('editors only: anonymous reads are refused, by field and through Query.node', async ({ keys }) => {
    const app = backend().app;
    const runs = await execute(app, RUNS);
    expect(runs.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const latest = (await executeAs(app, keys.editor, RUNS)).body.data?.importRuns.edges[0]?.node.id as string;
    expect(latest).toBeDefined();
    const one = await execute(app, RUN, { id: latest });
    expect(one.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const node = await execute(app, `query ($id: ID!) { node(id: $id) { ... on ImportRun { actor report } } }`, {
      id: latest,
    });
    expect(node.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(node.body.data ?? {})).not.toContain('edith');
  }, 120_000);

  test('importRun: NOT_FOUND for a run that does not exist, BAD_USER_INPUT for another type’s ID', async ({ keys }) => {
    const app = backend().app;
    const missing = await executeAs(app, keys.editor, RUN, { id: Buffer.from('ImportRun:999999').toString('base64') });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const other = await executeAs(app, keys.editor, RUN, { id: Buffer.from('Model:1').toString('base64') });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }, 120_000);
});

describe('npm run import --report (the CLI, on an embedded database)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-report-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const { DATABASE_URL: _url, ...env } = process.env;
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/scripts/import.ts', ...args],
        {
          cwd: root,
          env: { ...env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent', SEED_ON_START: 'true' },
          timeout: 240_000,
          maxBuffer: 64 << 20,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  test('goes on past refused and unreadable files, writes both reports, exit 0 (1 with --strict)', async () => {
    const md = path.join(dir, 'report.md');
    const json = path.join(dir, 'report.json');
    const files = [BAD_ROWS, fixture('REAL-SOURCES.md'), RESULTS];
    const run = await cli([...files, '--report', md, '--report', json]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('summary: 3 files, 1 imported, 2 refused, 0 failed');
    expect(run.stdout).toMatch(/recorded as import run \S+ \(Query.importRun\)/);
    const report = JSON.parse(await readFile(json, 'utf8')) as RunReport;
    expect(report.files.map((entry) => [entry.file, entry.outcome, entry.refusal?.reason])).toEqual([
      [BAD_ROWS, 'refused', 'invalid-content'],
      [fixture('REAL-SOURCES.md'), 'refused', 'unknown-format'],
      [RESULTS, 'imported', undefined],
    ]);
    expect(report.totals.results.inserted + report.totals.results.unchanged).toBe(7);
    expect(report.actor).toBe('import-cli');
    const markdown = await readFile(md, 'utf8');
    expect(markdown).toContain('# Import report');
    expect(markdown).toContain('| csv | 2 | 9 |');

    const strict = await cli([BAD_ROWS, '--strict', '--dry-run']);
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.stdout).not.toContain('recorded as import run');
  }, 300_000);

  test('a report file that is neither .md nor .json is a usage error', async () => {
    const run = await cli([RESULTS, '--report', path.join(dir, 'report.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('markdown (.md) or JSON (.json)');
  }, 120_000);
});
