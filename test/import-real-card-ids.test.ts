/**
 * Real model cards saved as `org_repo.md` whose name splits several ways (test/fixtures/huggingface-model-card/
 * real/ambiguous/, REAL-SOURCES.md): 44 of the shared folder's cards were refused for it. The repo id is read from
 * evidence, never guessed, and the report says which (`src/formats/model-card-identity.ts`, steps 6 and 7):
 *
 * - `EleutherAI_llemma_7b.md` links `huggingface.co/EleutherAI/llemma_34b`: `EleutherAI` is a namespace, so
 *   `EleutherAI/llemma_7b` (not `EleutherAI_llemma/7b`);
 * - `digiplay_Photon_v1.md` after `digiplay_AM-mix1.md` (one split only): the graph holds models under `digiplay/`;
 *   imported again, the graph holds `digiplay/Photon_v1` itself;
 * - `SG161222_RealVisXL_V3.0.md`: nothing settles it, still refused, saying what was looked for;
 * - the CLI tries such a card again after the run's other files: `vikp_surya_rec.md` sorts before
 *   `vikp_texify.md`, which brings the namespace.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunReport } from '../src/import/report.ts';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { rows } from './helpers/db.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = path.join(root, 'test/fixtures/huggingface-model-card/real/ambiguous');
const card = (name: string) => path.join(folder, name);

describeEachBackend('model cards named org_repo.md that split several ways', (backend) => {
  const db = () => backend().database.db;
  const importCard = (name: string) =>
    runImport({ db: db(), fileName: `hf-model-cards/${name}`, path: card(name), actor: 'card-ids' });
  const hubIdOf = async (id: string) =>
    rows(
      db(),
      sql`select x.value from model_external_id x where x.namespace = 'huggingface' and lower(x.value) = lower(${id})`,
    );

  test('EleutherAI_llemma_7b.md: a link to EleutherAI/llemma_34b makes it EleutherAI/llemma_7b', async () => {
    const report = await importCard('EleutherAI_llemma_7b.md');
    expect(report.problems).toEqual([]);
    expect(report.repoId).toEqual({
      id: 'EleutherAI/llemma_7b',
      by: 'card-namespace',
      evidence: 'the card names huggingface.co/EleutherAI/llemma_34b',
    });
    expect(await hubIdOf('EleutherAI/llemma_7b')).toEqual([{ value: 'EleutherAI/llemma_7b' }]);
  });

  test('digiplay_Photon_v1.md: settled by the graph’s digiplay/ models, then by its own id', async () => {
    expect((await importCard('digiplay_AM-mix1.md')).repoId).toEqual({ id: 'digiplay/AM-mix1', by: 'file-name' });
    const first = await importCard('digiplay_Photon_v1.md');
    expect(first.written).toBe(true);
    expect(first.repoId).toEqual({
      id: 'digiplay/Photon_v1',
      by: 'graph-namespace',
      evidence: 'the graph holds models under digiplay/',
    });
    const again = await importCard('digiplay_Photon_v1.md');
    expect(again.repoId).toEqual({
      id: 'digiplay/Photon_v1',
      by: 'graph-id',
      evidence: 'a model of the graph has that id',
    });
    expect(again.resolutions.filter((r) => r.by === 'created')).toEqual([]);
    expect(await hubIdOf('digiplay/Photon_v1')).toEqual([{ value: 'digiplay/Photon_v1' }]);
  });

  test('SG161222_RealVisXL_V3.0.md: nothing settles the split, refused with what was looked for', async () => {
    const report = await importCard('SG161222_RealVisXL_V3.0.md');
    expect(report.refused).toBe(true);
    expect(report.problems).toEqual([
      {
        kind: 'problem',
        location: 'file',
        field: 'huggingfaceId',
        message:
          'cannot tell which Hugging Face repo this card is for: the file name could be SG161222/RealVisXL_V3.0 or SG161222_RealVisXL/V3.0; neither the card (links, ids under one of those namespaces, model-index name, model_name, titles) nor the organization registry nor the graph (model ids, namespaces) settles which; pass --hf-id (API: huggingfaceId)',
      },
    ]);
  });
});

/** `npm run import -- <dir> --report <json>` on an embedded database of its own; the report and the output. */
async function importFolder(dir: string) {
  const { DATABASE_URL: _url, ...env } = process.env;
  const json = path.join(dir, 'report.json');
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/scripts/import.ts', path.join(dir, 'cards'), '--report', json],
      {
        cwd: root,
        env: { ...env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent', SEED: 'curated' },
        timeout: 240_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
  expect(run.code, run.stderr).toBe(0);
  return { ...run, report: JSON.parse(await readFile(json, 'utf8')) as RunReport };
}

describe('npm run import: a card whose name splits several ways is tried again after the other files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-card-ids-'));
    for (const name of ['vikp_surya_rec.md', 'vikp_texify.md']) await cp(card(name), path.join(dir, 'cards', name));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('vikp_surya_rec.md, refused before vikp_texify.md is in, is imported as vikp/surya_rec', async () => {
    const { stdout, report } = await importFolder(dir);
    expect(stdout).toContain(
      `${path.join(dir, 'cards', 'vikp_surya_rec.md')}: tried again after the run's other files`,
    );
    expect(report.files.map((entry) => [path.basename(entry.file), entry.outcome, entry.repoId])).toEqual([
      [
        'vikp_surya_rec.md',
        'imported',
        { id: 'vikp/surya_rec', by: 'graph-namespace', evidence: 'the graph holds models under vikp/' },
      ],
      ['vikp_texify.md', 'imported', { id: 'vikp/texify', by: 'file-name' }],
    ]);
  }, 300_000);
});

describe('npm run import: tried again while a pass settles one', () => {
  let dir = '';
  // Written for this test (not real cards): aa_r_s.md is settled only by the namespace aa_r/, which comes with
  // the base model of aaa_b_c.md, itself settled only once aaa_one.md (after both, by name) brought aaa/.
  const cards = {
    'aa_r_s.md': '---\nlicense: mit\n---\n# A model\n',
    'aaa_b_c.md': '---\nlicense: mit\nbase_model: aa_r/base\n---\n# Another model\n',
    'aaa_one.md': '---\nlicense: mit\n---\n# A third model\n',
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-card-ids-'));
    await mkdir(path.join(dir, 'cards'));
    for (const [name, text] of Object.entries(cards)) await writeFile(path.join(dir, 'cards', name), text);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('aa_r_s.md is settled in the second pass, by what the first pass brought', async () => {
    const { report } = await importFolder(dir);
    expect(report.files.map((entry) => [path.basename(entry.file), entry.outcome, entry.repoId?.id])).toEqual([
      ['aa_r_s.md', 'imported', 'aa_r/s'],
      ['aaa_b_c.md', 'imported', 'aaa/b_c'],
      ['aaa_one.md', 'imported', 'aaa/one'],
    ]);
  }, 300_000);
});
