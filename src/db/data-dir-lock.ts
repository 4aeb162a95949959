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
 * - A stale lock is removed only by the holder of a second, short-lived takeover lock (created the same way),
 *   after checking under it that the lock is still the stale one: a fresh lock created meanwhile is never removed.
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

/** Creates `file` holding `content`, whole, unless it exists (a private draft hard-linked to the name). */
async function createExclusive(file: string, content: string, token: string): Promise<boolean> {
  const draft = `${file}.${token}`;
  await writeFile(draft, content);
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(draft).catch(() => {});
  }
}

/** Removes `file` if it still holds `content` (a lock judged stale), by moving it aside and checking. */
async function removeIfUnchanged(file: string, content: string, token: string): Promise<void> {
  const aside = `${file}.stale.${token}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  // Someone replaced it between our read and the move: put theirs back.
  if ((await readFile(aside, 'utf8').catch(() => null)) !== content) await link(aside, file).catch(() => {});
  await unlink(aside).catch(() => {});
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the lock of `dataDir` for this process; resolves to a function that releases it. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'modelgraph.lock');
  // Only the holder of this second lock may remove a stale main lock, so two processes can never both judge one
  // stale and then remove a fresh lock the other created in between.
  const takeover = `${file}.takeover`;
  const token = randomBytes(8).toString('hex');
  const mine = JSON.stringify({ pid: process.pid, started: await startTime(process.pid), token } satisfies Owner);
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await createExclusive(file, mine, token)) {
      return async () => {
        // Only our own lock: never one that replaced it.
        if ((await readFile(file, 'utf8').catch(() => '')) === mine) await unlink(file).catch(() => {});
      };
    }
    const seen = await readFile(file, 'utf8').catch(() => null);
    if (seen === null) continue; // released meanwhile: try again
    const owner = parseOwner(seen);
    if (await isAlive(owner)) throw new DataDirInUseError(dataDir, owner!.pid);
    if (!(await createExclusive(takeover, mine, token))) {
      // Another process is taking over: wait for it, unless it died doing so (then clear its takeover).
      const holder = await readFile(takeover, 'utf8').catch(() => null);
      if (holder !== null && !(await isAlive(parseOwner(holder)))) await removeIfUnchanged(takeover, holder, token);
      else await pause(20);
      continue;
    }
    try {
      // Under the takeover lock, the main lock can only have been released or replaced by a fresh one.
      if ((await readFile(file, 'utf8').catch(() => null)) === seen) await unlink(file).catch(() => {});
    } finally {
      await unlink(takeover).catch(() => {});
    }
  }
  throw new Error(`Could not take the lock of ${dataDir}: other processes kept replacing it`);
}
