/**
 * The shipped seeded database (src/seed/snapshot.ts): it is what this tree makes (its stamp), a first start on an
 * empty data folder unpacks it only when it is, and it holds every row and sequence that the usual first start
 * (migrations, curated seed, prepared landscape) writes.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabase } from '../src/db/client.ts';
import { compressArchive, decompressArchive, packFolder, unpackInto } from '../src/db/cluster-archive.ts';
import { prepareDatabase } from '../src/seed/prepare.ts';
import { defaultSnapshotFile, restoreSnapshot, snapshotMismatch, treeStamp } from '../src/seed/snapshot.ts';
import { postgresUrl } from './helpers/backends.ts';
import { contents, rows, sequences } from './helpers/db.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-snapshot-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('the shipped snapshot is stamped for this tree (else: npm run db:snapshot)', async () => {
  // When this fails, the migrations, src/db/sql, the seed, the registry or the landscape changed since the
  // shipped database was made: run `npm run db:snapshot` and commit data/snapshot/.
  expect(await snapshotMismatch(), 'run npm run db:snapshot').toBeNull();
});

test('a folder round-trips through the archive, and the same files give the same bytes', async () => {
  const folder = path.join(dir, 'round-trip');
  await mkdir(path.join(folder, 'base', '5'), { recursive: true });
  await writeFile(path.join(folder, 'PG_VERSION'), '17\n');
  await writeFile(path.join(folder, 'base', '5', '16384'), Buffer.alloc(20_000, 7));
  await writeFile(path.join(folder, 'base', '5', 'empty'), '');
  const tar = packFolder(folder);
  expect(packFolder(folder).equals(tar)).toBe(true);
  const copy = path.join(dir, 'round-trip-copy');
  unpackInto(await decompressArchive(await compressArchive(tar)), copy);
  expect(packFolder(copy).equals(tar)).toBe(true);
  expect(await readFile(path.join(copy, 'base', '5', '16384'))).toEqual(Buffer.alloc(20_000, 7));
});

describe('restoring applies only to the tree the archive was made from, and only to an empty folder', () => {
  let archive: string;
  const stampFile = () => archive.replace(/\.tar\.br$/, '.json');
  beforeAll(async () => {
    const cluster = path.join(dir, 'cluster');
    await mkdir(cluster, { recursive: true });
    await writeFile(path.join(cluster, 'PG_VERSION'), '17\n');
    archive = path.join(dir, 'test.tar.br');
    const bytes = await compressArchive(packFolder(cluster));
    await writeFile(archive, bytes);
    await writeFile(
      stampFile(),
      JSON.stringify({
        format: 'modelgraph pglite snapshot 1',
        ...treeStamp(),
        archive: createHash('sha256').update(bytes).digest('hex'),
      }),
    );
  });

  test('an empty folder gets the cluster; a folder with files in it is left alone', async () => {
    const target = path.join(dir, 'restored', 'pglite');
    expect(await restoreSnapshot(target, archive)).toBeNull();
    expect(await readFile(path.join(target, 'PG_VERSION'), 'utf8')).toBe('17\n');
    await writeFile(path.join(target, 'PG_VERSION'), '16\n');
    expect(await restoreSnapshot(target, archive)).toMatch(/not empty/);
    expect(await readFile(path.join(target, 'PG_VERSION'), 'utf8')).toBe('16\n');
  });

  test('another stamp, or another archive than the stamp was written for, is not unpacked', async () => {
    const stamp = JSON.parse(await readFile(stampFile(), 'utf8')) as Record<string, unknown>;
    await writeFile(stampFile(), JSON.stringify({ ...stamp, stamp: '0'.repeat(64) }));
    const target = path.join(dir, 'other-stamp', 'pglite');
    expect(await restoreSnapshot(target, archive)).toMatch(/other migrations, seed or landscape/);
    await writeFile(stampFile(), JSON.stringify({ ...stamp, archive: '0'.repeat(64) }));
    expect(await restoreSnapshot(target, archive)).toMatch(/not the one its stamp/);
    expect(existsSync(target)).toBe(false);
    await writeFile(stampFile(), JSON.stringify(stamp));
  });
});

// PGlite only (the snapshot is a PGlite cluster): not run again on the PostgreSQL run of the suite.
test.skipIf(Boolean(postgresUrl))(
  'the shipped database holds what a first start writes: every row, id, audit entry and sequence',
  { timeout: 600_000 },
  async () => {
    const restored = await createDatabase({
      dataDir: path.join(dir, 'shipped'),
      beforeInitdb: async (cluster) => expect(await restoreSnapshot(cluster)).toBeNull(),
    });
    const usual = await createDatabase({});
    try {
      await prepareDatabase(restored, { seed: 'landscape' });
      await prepareDatabase(usual, { seed: 'landscape' });
      const marks = sql`select content_hash, summary from seed_run order by id`;
      expect(await rows(restored.db, marks)).toEqual(await rows(usual.db, marks));
      const expected = await contents(usual.db);
      expect(Number.parseInt(expected.benchmark_result ?? '0')).toBeGreaterThan(30_000);
      expect(await contents(restored.db)).toEqual(expected);
      expect(await sequences(restored.db)).toEqual(await sequences(usual.db));
    } finally {
      await restored.close();
      await usual.close();
    }
  },
);

test('the default snapshot file is in data/snapshot/', () => {
  expect(path.relative(process.cwd(), defaultSnapshotFile)).toBe(
    path.join('data', 'snapshot', 'pglite-landscape.tar.br'),
  );
});
