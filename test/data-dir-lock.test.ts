/**
 * The PGlite data-folder lock between processes: exactly one of several processes racing for a folder with a
 * stale lock gets it, and a lock whose PID now belongs to another process does not block start-up.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../src/db/data-dir-lock.ts';

const script = fileURLToPath(new URL('./fixtures/scripts/take-data-dir-lock.ts', import.meta.url));
const started: ChildProcess[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const child of started.splice(0)) child.kill();
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function folder() {
  const dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-lock-'));
  folders.push(dir);
  return dir;
}

type Contender = { ready: Promise<void>; go(): Promise<string> };

/** A process ready to try the lock when `go()` is called (all at once); winners keep running. */
function contender(dir: string): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  started.push(child);
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let i = buffered.indexOf('\n'); i !== -1; i = buffered.indexOf('\n')) {
      const line = buffered.slice(0, i);
      buffered = buffered.slice(i + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const nextLine = () =>
    new Promise<string>((resolve) => (lines.length ? resolve(lines.shift()!) : waiters.push(resolve)));
  return {
    ready: nextLine().then(() => undefined),
    go: () => {
      child.stdin!.write('go\n');
      return nextLine();
    },
  };
}

async function race(dir: string, count: number): Promise<string[]> {
  const contenders = Array.from({ length: count }, () => contender(dir));
  await Promise.all(contenders.map((c) => c.ready));
  return Promise.all(contenders.map((c) => c.go()));
}

/** A PID no process has: one past the highest PID the kernel hands out would do, but a dead child is surer. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

test('of six processes racing for a folder with a stale lock, exactly one gets it', async () => {
  for (let round = 0; round < 4; round++) {
    const dir = await folder();
    await writeFile(path.join(dir, 'modelgraph.lock'), String(await deadPid()));
    const outcomes = await race(dir, 6);
    expect(outcomes.filter((o) => o === 'acquired')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'in-use')).toHaveLength(5);
    for (const child of started.splice(0)) child.kill();
  }
}, 180_000);

test('a lock whose PID is alive but belongs to a process started later (a reused PID) is taken over', async () => {
  const dir = await folder();
  // The test runner's own parent is alive; the recorded start time is not its start time.
  const lock = path.join(dir, 'modelgraph.lock');
  await writeFile(lock, JSON.stringify({ pid: process.ppid, started: '1', token: 'old' }));
  const release = await lockDataDir(dir);
  expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: process.pid });
  await release();
});

test('a live owner keeps the folder: a second process is refused with DataDirInUseError', async () => {
  const dir = await folder();
  expect(await race(dir, 1)).toEqual(['acquired']);
  expect(await race(dir, 1)).toEqual(['in-use']);
  await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
}, 120_000);
