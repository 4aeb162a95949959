/**
 * The seeded database shipped with the repository (`data/snapshot/pglite-landscape.tar.br`): the PGlite cluster
 * that a first start with the default seed makes (initdb, the migrations, the curated seed, the landscape from its
 * prepared rows), closed cleanly and archived (src/db/cluster-archive.ts). A first start on an empty data folder
 * unpacks it instead of doing that work (about 1 s instead of 10 to 15 s): `npm start` then finds a database that
 * is migrated and seeded, as a restart does.
 *
 * It applies only while it is what the tree would make: its stamp (`pglite-landscape.json`) is a hash of what
 * the database is made from (the PGlite version, drizzle/, src/db/sql/, data/seed/, data/registry/ and the
 * landscape's two files, whose prepared rows change with the importer: test/landscape.test.ts), and a first start
 * whose tree hashes otherwise takes the usual path. `npm run db:snapshot` makes it again; test/snapshot.test.ts
 * fails while the stamp differs from the tree's, and checks that the shipped database holds every row and
 * sequence the usual path writes.
 *
 * Not byte for byte reproducible: PostgreSQL writes the time of the load into rows (created_at, the audit trail)
 * and a random system identifier into the cluster; the stamp and the rows (times aside) are.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createDatabase } from '../db/client.ts';
import { compressArchive, decompressArchive, folderBytes, packFolder, unpackInto } from '../db/cluster-archive.ts';
import { projectPath, projectRoot } from '../paths.ts';
import { prepareDatabase } from './prepare.ts';

const FORMAT = 'modelgraph pglite snapshot 1';

export const defaultSnapshotFile = projectPath('data', 'snapshot', 'pglite-landscape.tar.br');
const stampFileOf = (archive: string) => archive.replace(/\.tar\.br$/, '.json');

export type SnapshotStamp = {
  format: typeof FORMAT;
  /** sha256 over the PGlite version and every input file (path and content). */
  stamp: string;
  pglite: string;
  /** sha256 of the archive, so that a stamp never vouches for another archive. */
  archive: string;
  /** Sizes, for the record: the archive and the cluster it unpacks to. */
  bytes: number;
  clusterBytes: number;
};

/** The folders and files a seeded database is made from (besides the code, which the tests check). */
const INPUTS = [
  'drizzle',
  'src/db/sql',
  'data/seed',
  'data/registry',
  'data/landscape/every-eval-ever.tsv.gz',
  'data/landscape/every-eval-ever.prepared.gz',
];

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === '@electric-sql/pglite') return String(manifest.version);
  }
  throw new Error('cannot find the version of @electric-sql/pglite');
}

/** An input's files, relative to the project, sorted: a folder's whole content, or the file itself. */
function filesOf(input: string): string[] {
  const full = projectPath(input);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [input];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(projectRoot, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The stamp of this tree: what a snapshot made from it would carry. */
export function treeStamp(): { stamp: string; pglite: string } {
  const pglite = pgliteVersion();
  const hash = createHash('sha256').update(`${FORMAT}\0pglite ${pglite}\0`);
  for (const file of INPUTS.flatMap(filesOf)) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(projectPath(file)))
      .update('\0');
  }
  return { stamp: hash.digest('hex'), pglite };
}

/** Why the snapshot does not apply to this tree (null: it does). */
export async function snapshotMismatch(archive = defaultSnapshotFile): Promise<string | null> {
  const stamp = await readStamp(archive);
  if (!stamp) return 'none shipped';
  if (stamp.format !== FORMAT) return `another format (${stamp.format})`;
  const tree = treeStamp();
  if (stamp.pglite !== tree.pglite) return `made with PGlite ${stamp.pglite}, this is ${tree.pglite}`;
  if (stamp.stamp !== tree.stamp) return 'made from other migrations, seed or landscape (npm run db:snapshot)';
  return null;
}

async function readStamp(archive: string): Promise<SnapshotStamp | undefined> {
  try {
    return JSON.parse(await readFile(stampFileOf(archive), 'utf8')) as SnapshotStamp;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * For `createDatabase({ beforeInitdb })`: puts the shipped cluster where PGlite would run initdb, when it applies
 * to this tree. Unpacked beside it and renamed into place, so that an interrupted start leaves no half cluster.
 * Resolves to why it did not (null: it did).
 */
export async function restoreSnapshot(clusterDir: string, archive = defaultSnapshotFile): Promise<string | null> {
  const mismatch = await snapshotMismatch(archive);
  if (mismatch) return mismatch;
  if (existsSync(clusterDir) && readdirSync(clusterDir).length > 0) return 'the folder is not empty';
  const bytes = await readFile(archive);
  const stamp = (await readStamp(archive))!;
  if (createHash('sha256').update(bytes).digest('hex') !== stamp.archive) {
    return 'the archive is not the one its stamp was written for';
  }
  const staging = `${clusterDir}.unpacking-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  unpackInto(await decompressArchive(bytes), staging);
  await rm(clusterDir, { recursive: true, force: true });
  await rename(staging, clusterDir);
  return null;
}

/**
 * Makes the snapshot from this tree: a first start's database on a new data folder, closed cleanly (no recovery
 * at the next start, and the sequences where the load left them), with one WAL segment: recycling is off, so the
 * WAL written before the last checkpoint is deleted rather than kept as segments full of old records.
 */
export async function makeSnapshot(archive = defaultSnapshotFile): Promise<SnapshotStamp> {
  const dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-snapshot-'));
  try {
    const database = await createDatabase({
      dataDir: dir,
      pgliteSettings: { wal_recycle: 'off', min_wal_size: '32MB' },
    });
    try {
      await prepareDatabase(database, { seed: 'landscape' });
      await database.db.execute(sql`select pg_switch_wal()`);
      await database.db.execute(sql`checkpoint`);
    } finally {
      await database.close();
    }
    const cluster = path.join(dir, 'pglite');
    const bytes = await compressArchive(packFolder(cluster));
    const stamp: SnapshotStamp = {
      format: FORMAT,
      ...treeStamp(),
      archive: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      clusterBytes: folderBytes(cluster),
    };
    await writeFile(archive, bytes);
    await writeFile(stampFileOf(archive), `${JSON.stringify(stamp, null, 2)}\n`);
    return stamp;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
