/**
 * PGlite is a single-process database: two processes opening one data folder corrupt what each sees. A lock
 * file keeps a second `npm start`, `db:seed` or `db:migrate` out while one runs; a lock left by a process that
 * died is taken over.
 *
 * Why it is built this way:
 * - The lock is created whole or not at all: its content is written to a private file first, then hard-linked
 *   to the lock's name (link fails if the name exists), so no process ever reads a half-written lock.
 * - The owner is its PID and that process's start time (Linux `/proc/<pid>/stat`), so a PID reused by an
 *   unrelated process after a crash does not keep the folder locked.
 * - A stale lock is taken over by renaming it aside (atomic) and checking that what was moved is the lock that
 *   was judged stale; if another process took the folder over in between, its fresh lock is put back.
 */
import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${pid}. Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes on one database.`,
    );
    this.name = 'DataDirInUseError';
  }
}

type Owner = { pid: number; started: string | null; token: string };

/** Start time of a process in clock ticks since boot (Linux), or null where /proc is not available. */
async function startTime(pid: number): Promise<string | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  // Fields after the command name, which is in parentheses and may itself hold spaces or parentheses.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields?.[19] ?? null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files of earlier versions hold only a PID. */
function parseOwner(text: string): Owner | null {
  if (/^\d+$/.test(text.trim())) return { pid: Number(text.trim()), started: null, token: '' };
  try {
    const owner = JSON.parse(text) as Partial<Owner>;
    return Number.isInteger(owner.pid) && (owner.pid as number) > 0 ? (owner as Owner) : null;
  } catch {
    return null;
  }
}

async function isAlive(owner: Owner | null): Promise<boolean> {
  // Our own PID: a lock this process left (reopening after a crash of its database handle), not a rival.
  if (!owner || owner.pid === process.pid || !isRunning(owner.pid)) return false;
  if (owner.started === null) return true;
  return (await startTime(owner.pid)) === owner.started;
}

/** Takes the lock of `dataDir` for this process; resolves to a function that releases it. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'modelgraph.lock');
  const token = randomBytes(8).toString('hex');
  const mine = JSON.stringify({ pid: process.pid, started: await startTime(process.pid), token } satisfies Owner);
  const draft = `${file}.${token}`;
  for (let attempt = 0; attempt < 10; attempt++) {
    await writeFile(draft, mine);
    try {
      await link(draft, file);
      return async () => {
        // Only our own lock: never one that replaced it.
        if ((await readFile(file, 'utf8').catch(() => '')) === mine) await unlink(file).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(draft).catch(() => {});
    }
    const seen = await readFile(file, 'utf8').catch(() => null);
    if (seen === null) continue; // released meanwhile: try again
    const owner = parseOwner(seen);
    if (await isAlive(owner)) throw new DataDirInUseError(dataDir, owner!.pid);
    // Stale: move it aside, then make sure what moved is the lock judged stale, not a newer one.
    const aside = `${file}.stale.${token}`;
    try {
      await rename(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = await readFile(aside, 'utf8').catch(() => null);
    if (moved !== seen) await link(aside, file).catch(() => {});
    await unlink(aside).catch(() => {});
  }
  throw new Error(`Could not take the lock of ${dataDir}: other processes kept replacing it`);
}
