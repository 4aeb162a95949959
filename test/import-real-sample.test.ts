/**
 * A second run over real files of every format changes nothing: a sample of the shared folder of real files
 * (`../shared/data/real/` beside the repository, see its SOURCES.md), imported as `npm run import` imports a
 * folder (in path order, one identity cache per run), then imported again by a new run. The second run inserts,
 * updates and creates nothing, and every table but the audit trail and `import_run` has the same rows.
 *
 * The sample is bounded and deterministic: per folder of files (a format's folder, or each suite of Every Eval
 * Ever), the files of at most MAX_BYTES that come first when ordered by the SHA-256 of their path, so the same
 * files are picked on every machine and a file added to the folder leaves the others' picks as they were. Model
 * cards without a model-index (no results) are left out of the draw. Without the shared folder the sample is
 * drawn the same way from the real files copied under test/fixtures (REAL-SOURCES.md).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { detectFormat } from '../src/formats/index.ts';
import { IdentityCache } from '../src/import/identity/cache.ts';
import { type ImportReport, runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { digest } from './helpers/db.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const shared = path.resolve(root, '..', 'shared', 'data', 'real');
const fixtures = path.join(root, 'test', 'fixtures');

/** Files drawn per folder: more model cards, the format whose files name the most shared benchmarks. */
const PER_FOLDER = 3;
const PER_FOLDER_CARDS = 10;
/** Larger files are left out of the draw, to keep the two runs under a minute on PGlite. */
const MAX_BYTES = 160_000;

const IMPORTABLE = /\.(csv|json|ya?ml|md)$/i;

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Candidate = { file: string; name: string; folder: string; format: string; hash: string };

/** Every importable file under `dir` whose format is detected, with the folder it is drawn from. */
async function candidates(dir: string, underReal: boolean): Promise<Candidate[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const found: Candidate[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !IMPORTABLE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, file).split(path.sep);
    const real = relative.indexOf('real');
    if (underReal && real < 0) continue;
    // The name the importer is given: the path below the folder of real files, as the CLI gives a folder's files.
    const name = (underReal ? relative.slice(real + 1) : relative).join('/');
    const info = await stat(file);
    if (info.size > MAX_BYTES) continue;
    const text = await readFile(file, 'utf8');
    const format = detectFormat(name, text.slice(0, 4096))?.format;
    if (!format || format === 'graph-json') continue;
    if (format === 'huggingface-model-card' && !/^model-index:/m.test(text)) continue;
    // Every Eval Ever keeps a folder per suite (hfopenllm_v2, helm_lite...): each is drawn from on its own.
    const top = underReal ? relative.slice(0, real).join('/') : (relative[0] as string);
    const below = underReal ? relative.slice(real + 1) : relative.slice(1);
    const folder = format === 'every-eval-ever' && below.length > 1 ? `${top}/${below[0]}` : top;
    found.push({ file, name, folder, format, hash: createHash('sha256').update(name).digest('hex') });
  }
  return found;
}

async function sample(): Promise<{ from: string; files: Candidate[] }> {
  const fromShared = existsSync(shared);
  const all = await candidates(fromShared ? shared : fixtures, !fromShared);
  const byFolder = new Map<string, Candidate[]>();
  for (const candidate of all) byFolder.set(candidate.folder, [...(byFolder.get(candidate.folder) ?? []), candidate]);
  const files = [...byFolder.values()].flatMap((group) =>
    group
      .sort((a, b) => byCodeUnits(a.hash, b.hash))
      .slice(0, group[0]?.format === 'huggingface-model-card' ? PER_FOLDER_CARDS : PER_FOLDER),
  );
  // Imported in path order, as `npm run import <folder>` does.
  files.sort((a, b) => byCodeUnits(a.name, b.name));
  return { from: fromShared ? '../shared/data/real' : 'test/fixtures', files };
}

const drawn = await sample();

describeEachBackend(`a second import of a sample of real files (${drawn.from}) changes nothing`, (backend) => {
  const db = () => backend().database.db;

  async function run(): Promise<ImportReport[]> {
    const identityCache = new IdentityCache();
    const reports: ImportReport[] = [];
    for (const { file, name } of drawn.files) {
      reports.push(await runImport({ db: db(), fileName: name, path: file, actor: 'import-test', identityCache }));
    }
    return reports;
  }

  test('the sample holds files of every format the folder has', () => {
    const formats = new Set(drawn.files.map((file) => file.format));
    expect([...formats].sort()).toEqual(
      expect.arrayContaining(['every-eval-ever', 'huggingface-model-card', 'lm-eval-harness', 'papers-with-code']),
    );
    expect(drawn.files.filter((file) => file.format === 'huggingface-model-card').length).toBeGreaterThanOrEqual(5);
  });

  test('the second run inserts, updates and creates nothing, and leaves every table as it was', async () => {
    const first = await run();
    const imported = first.filter((report) => !report.refused);
    expect(imported.length, 'most of the sample is imported').toBeGreaterThan(first.length / 2);
    expect(imported.reduce((n, report) => n + report.results.inserted, 0)).toBeGreaterThan(0);
    const before = await digest(db());

    const second = await run();
    // A refused file writes nothing (its counts are what was rolled back): it must be refused both times.
    const changed = second.flatMap((report, index) => {
      const refusedBefore = first[index]?.refused;
      if (report.refused && refusedBefore) return [];
      const created = report.resolutions.filter((r) => r.by === 'created').map((r) => `${r.type} ${r.reference}`);
      const { inserted, updated } = report.results;
      return inserted || updated || created.length || report.refused !== refusedBefore
        ? [{ file: report.file, inserted, updated, created, refused: report.refused, refusedBefore }]
        : [];
    });
    expect(changed).toEqual([]);
    expect(await digest(db())).toEqual(before);
  }, 120_000);
});
