/**
 * `npm run bench:startup [-- --runs N] [-- --seed landscape|curated] [-- --tsx | --npm]`: how long `npm start`'s
 * server (the bundle dist/server.js, built first; with --tsx, src/server.ts through tsx's loader) takes from its
 * process's start to its first answered request, on an empty PGlite data folder (the shipped seeded database
 * unpacked, or initdb + migrations + seed) and on a second start (reuse), for the default landscape seed and for
 * the curated one. With --npm the clock starts with `npm start` itself: npm, the Explorer build's and the
 * bundle's staleness checks (both up to date here) count too. Prints figures with the load average before each
 * run (the machine may be shared); asserts nothing. Runs 3 times each by default and reports every run, so the
 * spread is visible.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { execFileSync, spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { freePort, root, spawnServer } from '../helpers/server-process.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seed: { type: 'string' },
    tsx: { type: 'boolean', default: false },
    npm: { type: 'boolean', default: false },
  },
});
const built = !values.tsx;
if (built) execFileSync(process.execPath, ['src/scripts/build-server.mjs'], { cwd: root, stdio: 'inherit' });
const RUNS = Number(values.runs);
const seeds = values.seed ? [values.seed] : ['landscape', 'curated'];

/** Milliseconds from spawn until the first GraphQL request succeeds. */
async function timeToFirstResponse(env: Record<string, string>, port: number): Promise<number> {
  const started = performance.now();
  const child = values.npm
    ? // Its own process group: npm runs the script through a shell, and the signal must reach the server.
      spawn('npm', ['start', '--silent'], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          PORT: String(port),
          LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: 'ignore',
        detached: true,
      })
    : spawnServer({ PORT: String(port), LOG_LEVEL: 'warn', ...env }, 'ignore', { built });
  try {
    for (const deadline = started + 180_000; performance.now() < deadline;) {
      const ok = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ models(first: 1) { totalCount } }' }),
      }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('server did not answer within 180 s');
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    if (values.npm) process.kill(-child.pid!, 'SIGTERM');
    else child.kill('SIGTERM');
    await exited;
    // npm may exit before the server it started has closed its database: wait for the whole group to be gone
    // before the data folder is reused or removed.
    if (values.npm) while (groupAlive(child.pid!)) await new Promise((r) => setTimeout(r, 25));
  }
}

/** Whether any process of the process group `pid` leads is still running. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const format = (ms: number[]) => ms.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ');
const load = () => loadavg()[0]!.toFixed(2);
for (const seed of seeds) {
  const first: number[] = [];
  const again: number[] = [];
  const loads: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    const dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-bench-'));
    loads.push(load());
    first.push(await timeToFirstResponse({ DATA_DIR: dir, SEED: seed }, await freePort()));
    again.push(await timeToFirstResponse({ DATA_DIR: dir, SEED: seed }, await freePort()));
    await rm(dir, { recursive: true, force: true });
  }
  console.log(values.npm ? 'npm start' : built ? 'node dist/server.js' : 'node --import tsx src/server.ts');
  console.log(`SEED=${seed}, load average (1 min) before each run: ${loads.join(', ')}`);
  console.log(`  PGlite, empty data folder (first start), time to first response: ${format(first)}`);
  console.log(`  PGlite, second start on the same folder, time to first response: ${format(again)}`);
}
