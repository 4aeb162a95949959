/**
 * Starting `src/server.ts` as its own process, as `npm start` and the Dockerfile do. No vitest import, so
 * benchmarks can use it too.
 *
 * The process is `node --import tsx src/server.ts`, not the `tsx` command: `tsx` runs the server in a child
 * process and relays a SIGTERM it receives to that child, but if the child does not acknowledge the signal within
 * 30 ms (a busy event loop, a loaded machine), `tsx` SIGKILLs it and exits 143. A signal sent to this process
 * reaches the server's own handlers.
 */
import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Node's flags for the server, the same in package.json's `start` and the Dockerfile's `CMD` (test/startup.test.ts
 * checks both); cluster workers inherit them. `--heap-growing-percent=100`: after a full collection V8 lets the heap
 * grow to twice what survived before the next one, instead of up to four times, which was most of the server's peak
 * RSS under load (README "Memory").
 */
export const SERVER_NODE_FLAGS = ['--enable-source-maps', '--heap-growing-percent=100'];
/** The heap's part of them, for the server run from src/ through tsx too (tests, `npm run soak`). */
const HEAP_FLAGS = SERVER_NODE_FLAGS.filter((flag) => flag.startsWith('--heap-'));

/** What `npm start` runs after `src/scripts/build-server.mjs` has built it. */
export const BUILT_SERVER = [...SERVER_NODE_FLAGS, 'dist/server.js'];

/** What `npm start` runs: src/scripts/start.mjs builds what is stale, then runs dist/server.js in its process. */
export const NPM_START = [...SERVER_NODE_FLAGS, 'src/scripts/start.mjs'];

/**
 * Spawns the server with only `env` (and PATH, HOME) in its environment: from src/ through tsx, or with
 * `built`, the bundle `npm start` runs (build it first with `node src/scripts/build-server.mjs`), or with `built:
 * 'npm start'`, `npm start`'s own script; `args` follow the script (`--workers 2`).
 */
export function spawnServer(
  env: Record<string, string>,
  stdio: StdioOptions = ['ignore', 'pipe', 'pipe'],
  { built = false, args = [] }: { built?: boolean | 'npm start'; args?: string[] } = {},
): ChildProcess {
  const command =
    built === 'npm start' ? NPM_START : built ? BUILT_SERVER : [...HEAP_FLAGS, '--import', 'tsx', 'src/server.ts'];
  return spawn(process.execPath, [...command, ...args], {
    cwd: root,
    // Tests serve the small curated seed unless they ask for the landscape.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SEED: 'curated', ...env },
    stdio,
  });
}

export type Running = {
  child: ChildProcess;
  port: number;
  /** Everything the server wrote so far, stdout and stderr. */
  output: () => string;
  exited: Promise<number | null>;
};

/**
 * Spawns the server (see `spawnServer`) on a free port and resolves once its output contains `line` (by default:
 * it serves), polling for at most 90 s; fails with its output when it exits first or the time is up.
 */
export async function startServer(
  env: Record<string, string>,
  line = 'serving GraphQL',
  { built = false, args = [] }: { built?: boolean | 'npm start'; args?: string[] } = {},
): Promise<Running> {
  const port = await freePort();
  let output = '';
  const child = spawnServer({ PORT: String(port), LOG_LEVEL: 'info', ...env }, undefined, { built, args });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!output.includes(line)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not log "${line}":\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, output: () => output, exited };
}
