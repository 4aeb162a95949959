/**
 * `npm run bench:workers`: the same load against one server process and against `--workers N` (node:cluster,
 * src/cluster.ts), on PostgreSQL, 127.0.0.1 only. Bounded: each configuration runs `--warmup` + `--duration`
 * seconds per round, and every server it starts is stopped at the end.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:workers -- --duration 10 --workers 2
 *
 * The database is the synthetic graph at `--scale` (test/bench/bench-database.ts: generated once in a database of
 * its own, reused after; `--drop` drops it), or DATABASE_URL itself with `--no-generate`. The load is the four
 * shapes of `npm run bench` (Q1–Q4, test/bench/operations.ts) in turn on each connection. Both configurations run
 * the bundle `npm start` runs (dist/server.js), without rate limit or seeding. Per configuration: req/s, p50/p99
 * latency, errors, and CPU time per finished request of the server processes (user + system time from
 * /proc/<pid>/stat, summed over the process and its children: the cluster's primary and workers) and of the load
 * generator (this process). PostgreSQL's CPU is not counted. On a 2-core machine the load generator, PostgreSQL
 * and the workers share the cores: the ratio says what a second worker brings on that machine, not on one where
 * the server has cores of its own.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { freePort, root, spawnServer } from '../helpers/server-process.ts';
import { dropGraphDatabase, ensureGraphDatabase } from './bench-database.ts';
import { pickOperations } from './operations.ts';

const { values: options } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.02' },
    'database-url': { type: 'string' },
    'no-generate': { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
    workers: { type: 'string', default: '2' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '1' },
    connections: { type: 'string', default: '20' },
    'pool-size': { type: 'string', default: '10' },
  },
});
const scale = Number(options.scale);
const workers = Number(options.workers);
const duration = Number(options.duration);
const warmup = Number(options.warmup);
const rounds = Number(options.rounds);
const connections = Number(options.connections);
const poolSize = Number(options['pool-size']);
if (![scale, duration, rounds, connections, poolSize].every((n) => n > 0) || !(warmup >= 0) || !(workers >= 2)) {
  throw new Error('--scale, --duration, --rounds, --connections, --pool-size must be positive, --workers at least 2');
}

const baseUrl = options['database-url'] ?? loadConfig().databaseUrl;
if (!baseUrl) {
  console.error('npm run bench:workers measures PostgreSQL: set DATABASE_URL or pass --database-url.');
  process.exit(2);
}
if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(baseUrl).hostname)) {
  console.error('npm run bench:workers only runs against a PostgreSQL on this machine (127.0.0.1).');
  process.exit(2);
}
const log = (line: string) => console.log(line);

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** pid → [parent pid, CPU ms so far (user + system)] of every process, from /proc. */
async function processTable(): Promise<Map<number, [number, number]>> {
  const table = new Map<number, [number, number]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    // After the command name (which may hold spaces): state, ppid, ... utime (12th), stime (13th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    table.set(Number(entry), [Number(fields[1]), ms]);
  }
  return table;
}

/** CPU ms of `pid` and all its descendants, and how many processes that is. */
async function treeCpuMs(pid: number): Promise<{ ms: number; processes: number }> {
  const table = await processTable();
  let ms = 0;
  let processes = 0;
  const pending = [pid];
  while (pending.length) {
    const current = pending.pop()!;
    const row = table.get(current);
    if (!row) continue;
    ms += row[1];
    processes += 1;
    for (const [child, [parent]] of table) if (parent === current) pending.push(child);
  }
  return { ms, processes };
}

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not answer /health within 120 s');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killed = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(killed);
}

// --- the database and the load ------------------------------------------------------------------------
let graph: { url: string; name: string } | undefined;
const databaseUrl = options['no-generate'] ? baseUrl : (graph = await ensureGraphDatabase(baseUrl, scale, log)).url;
const probe = new pg.Client({ connectionString: databaseUrl });
await probe.connect();
const { operations: picked } = await pickOperations(probe);
await probe.end();
const shapes = picked.filter((operation) => operation.kind === 'shape');
if (!shapes.length) throw new Error('no shape operation has data in this database');
const requests = shapes.map((operation) => ({
  method: 'POST' as const,
  path: '/graphql',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: operation.query, variables: operation.variables }),
}));
execFileSync(process.execPath, ['src/scripts/build-server.mjs'], { cwd: root, stdio: 'ignore' });

type Measure = {
  label: string;
  processes: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  serverCpuMsPerRequest: number;
  loadGeneratorCpuMsPerRequest: number;
  load: string;
};

async function measure(label: string, workerCount: number, round: number): Promise<Measure> {
  const port = await freePort();
  const server = spawnServer(
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_ON_START: 'false',
      GRAPHIQL: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      RATE_LIMIT_REQUESTS: '0',
      // Measured is the work of answering, not the response cache's hits.
      RESPONSE_CACHE: 'false',
      DATABASE_POOL_SIZE: String(poolSize),
      WEB_CONCURRENCY: String(workerCount),
    },
    ['ignore', 'inherit', 'inherit'],
    { built: true },
  );
  try {
    await waitForHealth(port, server);
    // Every shape answers without errors before it is measured.
    for (const request of requests) {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, request);
      const body = (await response.json()) as { errors?: unknown };
      if (!response.ok || body.errors) throw new Error(`${label}: ${response.status} ${JSON.stringify(body)}`);
    }
    const run = (seconds: number) =>
      autocannon({ url: `http://127.0.0.1:${port}`, requests, connections, duration: seconds, timeout: 30 });
    if (warmup > 0) await run(warmup);
    const loadStart = loadavg()[0]!.toFixed(2);
    const cpuBefore = await treeCpuMs(server.pid!);
    const ownBefore = process.cpuUsage();
    const result = await run(duration);
    const own = process.cpuUsage(ownBefore);
    const cpuAfter = await treeCpuMs(server.pid!);
    const finished = Math.max(1, result.requests.total);
    const measured: Measure = {
      label,
      processes: cpuAfter.processes,
      requests: result.requests.total,
      requestsPerSecond: result.requests.total / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      serverCpuMsPerRequest: (cpuAfter.ms - cpuBefore.ms) / finished,
      loadGeneratorCpuMsPerRequest: (own.user + own.system) / 1000 / finished,
      load: `${loadStart}→${loadavg()[0]!.toFixed(2)}`,
    };
    log(
      `round ${round} ${label}: ${measured.requestsPerSecond.toFixed(1)} req/s, p50 ${measured.p50Ms} ms, ` +
        `p99 ${measured.p99Ms} ms, server CPU ${measured.serverCpuMsPerRequest.toFixed(2)} ms/req ` +
        `(${measured.processes} processes), errors ${measured.errors}, load ${measured.load}`,
    );
    return measured;
  } finally {
    await stop(server);
  }
}

const results: Measure[] = [];
let failed = false;
try {
  log(
    `${cpus().length} CPUs; ${shapes.map((s) => s.name).join(', ')} in turn, ${connections} connections, ` +
      `${rounds} round(s) of ${warmup} s warm-up + ${duration} s per configuration`,
  );
  for (let round = 1; round <= rounds; round++) {
    results.push(await measure('1 process', 1, round));
    results.push(await measure(`--workers ${workers}`, workers, round));
  }
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  if (graph && options.drop) await dropGraphDatabase(baseUrl, graph.name);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const summary = (label: string) => {
  const of = results.filter((r) => r.label === label);
  return {
    rps: median(of.map((r) => r.requestsPerSecond)),
    p50: median(of.map((r) => r.p50Ms)),
    p99: median(of.map((r) => r.p99Ms)),
    cpu: median(of.map((r) => r.serverCpuMsPerRequest)),
    generator: median(of.map((r) => r.loadGeneratorCpuMsPerRequest)),
    errors: of.reduce((n, r) => n + r.errors, 0),
  };
};
if (results.length) {
  const one = summary('1 process');
  const many = summary(`--workers ${workers}`);
  const row = (label: string, s: typeof one) =>
    `| ${label} | ${s.rps.toFixed(1)} | ${s.p50} / ${s.p99} | ${s.cpu.toFixed(2)} | ${s.generator.toFixed(2)} | ${s.errors} |`;
  log(
    [
      '',
      `## npm run bench:workers — ${new Date().toISOString()}`,
      '',
      `${cpus().length} CPUs shared by the load generator (autocannon, this process), PostgreSQL and the server ` +
        'processes: the ratio is what more workers bring on this machine, not on one where the server has cores of ' +
        `its own. Server CPU: user + system time of the server's processes (the cluster's primary and workers; not ` +
        `PostgreSQL) per finished request. Medians over ${rounds} round(s).`,
      '',
      '| configuration | req/s | p50 / p99 ms | server CPU ms/req | load generator CPU ms/req | errors |',
      '|---|---:|---|---:|---:|---:|',
      row('1 process', one),
      row(`--workers ${workers}`, many),
      '',
      `ratio (--workers ${workers} ÷ 1 process): ${(many.rps / one.rps).toFixed(2)}× req/s, ` +
        `${(many.cpu / one.cpu).toFixed(2)}× server CPU per request`,
    ].join('\n'),
  );
  if (one.errors + many.errors > 0) failed = true;
}
process.exit(failed ? 1 : 0);
