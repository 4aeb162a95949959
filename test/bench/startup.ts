/**
 * `npm run bench:startup`: how long `npm start`'s server takes to serve its first request, on an empty PGlite
 * data folder (initdb + migrations + seed) and on a second start (reuse). Prints figures; asserts nothing.
 * Runs 3 times each and reports every run, so the spread on a shared machine is visible.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, spawnServer } from '../helpers/server-process.ts';

const RUNS = 3;

/** Milliseconds from spawn until the first GraphQL request succeeds. */
async function timeToFirstResponse(env: Record<string, string>, port: number): Promise<number> {
  const started = performance.now();
  const child = spawnServer({ PORT: String(port), LOG_LEVEL: 'warn', ...env }, 'ignore');
  try {
    for (const deadline = started + 120_000; performance.now() < deadline;) {
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
    throw new Error('server did not answer within 120 s');
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
  }
}

const format = (ms: number[]) => ms.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ');
const first: number[] = [];
const again: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-bench-'));
  first.push(await timeToFirstResponse({ DATA_DIR: dir }, await freePort()));
  again.push(await timeToFirstResponse({ DATA_DIR: dir }, await freePort()));
  await rm(dir, { recursive: true, force: true });
}
console.log(`PGlite, empty data folder (initdb, migrate, seed), time to first response: ${format(first)}`);
console.log(`PGlite, second start on the same folder, time to first response:          ${format(again)}`);
