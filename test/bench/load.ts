/**
 * `npm run bench`: modelgraph's HTTP server under load on PostgreSQL, against a raw-SQL ceiling (ceiling.ts) on
 * the four shapes of issue 11, plus the analyst operations (operations.ts). Bounded: every cell runs
 * `--warmup` + `--duration` seconds, on 127.0.0.1 only.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- --scale 0.02 --duration 3
 *   npm run bench -- --database-url postgres://...:5434/mg_large --no-generate --duration 3 --only Q1,Q3
 *
 * Without `--no-generate` it generates the synthetic graph at `--scale` in a database of its own on the server of
 * DATABASE_URL (reused on the next run; `--drop` drops it at the end). The servers are child processes:
 * `node --import tsx src/server.ts` (SEED_ON_START=false, so it never seeds; it does apply pending migrations, as
 * `npm start` does; the response cache off, unless `--cache`) and the ceiling. Before measuring, each operation's answer is checked: no GraphQL errors, and
 * for the shapes the ceiling's JSON equal to modelgraph's (key order aside); a mismatch is a failure (exit 1).
 * Per cell (operation × connections × server × round): req/s, p50/p99 latency, errors/timeouts/non-2xx/bodies
 * different from the checked answer, SQL statements per request (pg_stat_statements if readable), the server's
 * resident set at the start of the cell and its peak during it (one process serves every cell in turn, so the start
 * is what earlier cells left; the report also gives each process's peak over the whole run), and the 1-minute load
 * average at start and end. Writes bench-results/bench-<time>.{json,md}.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/client.ts';
import { createApp } from '../../src/yoga.ts';
import { StatementCounter } from '../helpers/statement-counter.ts';
import { freePort, root, spawnServer } from '../helpers/server-process.ts';
import { dropGraphDatabase, ensureGraphDatabase } from './bench-database.ts';
import { jsonDifference } from './json-difference.ts';
import { type BenchOperation, pickOperations } from './operations.ts';
import { statementStats } from './statement-stats.ts';

const { values: options } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    'database-url': { type: 'string' },
    'no-generate': { type: 'boolean', default: false },
    cache: { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '1' },
    connections: { type: 'string', default: '10,1' },
    timeout: { type: 'string', default: '30' },
    only: { type: 'string' },
    // The server's port, and the ceiling's the next one (default: free ports the system picks).
    port: { type: 'string' },
    out: { type: 'string', default: 'bench-results' },
    // Measure the resolvers alone (COMPILED_QUERIES=false): the compiled query path's before and after.
    'resolvers-only': { type: 'boolean', default: false },
    // Send every request through Yoga's whole pipeline (COMPILED_REPEATS=false): the bench repeats one request per
    // operation, which the repeats path answers before parsing; distinct requests do not take it.
    'no-repeats': { type: 'boolean', default: false },
  },
});
const scale = Number(options.scale);
const duration = Number(options.duration);
const warmup = Number(options.warmup);
const rounds = Number(options.rounds);
const timeout = Number(options.timeout);
const connectionCounts = options.connections.split(',').map(Number);
if (![scale, duration, rounds, timeout, ...connectionCounts].every((n) => n > 0) || !(warmup >= 0)) {
  throw new Error('--scale, --duration, --rounds, --timeout and --connections must be positive numbers');
}

const log = (line: string) => console.log(line);
const load = () => Number(loadavg()[0]!.toFixed(2));
const databaseLabel = (url: string) => {
  const { hostname, port, pathname } = new URL(url);
  return `${hostname}:${port || 5432}${pathname}`;
};

const baseUrl = options['database-url'] ?? loadConfig().databaseUrl;
if (!baseUrl) {
  console.error('npm run bench measures PostgreSQL: set DATABASE_URL or pass --database-url (PGlite is not measured).');
  process.exit(2);
}
if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(baseUrl).hostname)) {
  console.error('npm run bench only runs against a PostgreSQL on this machine (127.0.0.1).');
  process.exit(2);
}

type Check = { operation: string; statements: number; failure?: string };
type Cell = {
  operation: string;
  server: 'modelgraph' | 'ceiling';
  connections: number;
  round: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  statementsPerRequest: number | null;
  nestedStatementsPerRequest: number | null;
  /** The server process's CPU time per finished request (its own process only, not PostgreSQL's). */
  cpuMsPerRequest: number | null;
  /**
   * The server process's resident set when the cell started and its peak during the cell. One process serves
   * every cell in turn, so the start is what earlier cells left (V8 grows its heap between full collections and
   * gives back only part of it): a cell's peak is not the memory its operation alone needs.
   */
  rssStartMb: number;
  rssPeakMb: number;
  loadStart: number;
  loadEnd: number;
};

/** Resolves once `url` answers (2xx, or anything with `anyStatus`); fails after `ms` or when `child` exits first. */
async function waitForHttp(url: string, child: ChildProcess, ms: number, anyStatus = false): Promise<void> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`);
    if (
      await fetch(url).then(
        (r) => anyStatus || r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killed = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(killed);
}

/** A field of /proc/<pid>/status in MB (VmRSS: the resident set now; VmHWM: its peak since the process started). */
async function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
}

/** Samples the resident set of `pid` every 100 ms; `stop()` returns the first sample and the peak, in MB. */
async function sampleRss(pid: number): Promise<{ stop(): { startMb: number; peakMb: number } }> {
  const startMb = await statusMb(pid, 'VmRSS');
  let peakMb = startMb;
  const sample = () =>
    statusMb(pid, 'VmRSS').then(
      (mb) => {
        peakMb = Math.max(peakMb, mb);
      },
      () => {},
    );
  const timer = setInterval(sample, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return { startMb, peakMb };
    },
  };
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system) `pid` has used so far, in ms, from /proc/<pid>/stat. */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

const post = (url: string, operation: BenchOperation) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: operation.query, variables: operation.variables }),
    signal: AbortSignal.timeout(timeout * 1000 * 2),
  }).then(async (response) => ({ status: response.status, text: await response.text() }));

// --- the database and the operations --------------------------------------------------------------------
const startedAt = new Date();
let graph: { url: string; name: string; generated: boolean } | undefined;
const databaseUrl = options['no-generate'] ? baseUrl : (graph = await ensureGraphDatabase(baseUrl, scale, log)).url;
const probe = new pg.Client({ connectionString: databaseUrl });
await probe.connect();
const picked = await pickOperations(probe);
const filters = options.only?.split(',').map((f) => f.trim().toLowerCase());
const operations = picked.operations.filter((op) => !filters || filters.some((f) => op.name.toLowerCase().includes(f)));
const snapshot = await statementStats(probe);
const sizes = (
  await probe.query<Record<string, string>>(
    `select (select count(*) from organization) as organizations, (select count(*) from model) as models,
            (select count(*) from benchmark_result) as results, (select count(*) from claim) as claims`,
  )
).rows[0]!;
log(
  `database ${databaseLabel(databaseUrl)}: ${sizes.organizations} organizations, ${sizes.models} models, ` +
    `${sizes.results} results, ${sizes.claims} claims; pg_stat_statements ${snapshot ? 'readable' : 'not readable: statements counted in process only'}`,
);
if (picked.skipped.length) log(`skipped for lack of data: ${picked.skipped.join('; ')}`);
const cellCount = operations.reduce((n, op) => n + (op.kind === 'shape' ? 2 : 1), 0) * connectionCounts.length * rounds;
log(`${cellCount} cells of ${warmup} + ${duration} s: about ${Math.ceil((cellCount * (warmup + duration)) / 60)} min`);

/** application_name of the ceiling's connections, so that the bench can tell its statements from others'. */
const CEILING_APPLICATION = `modelgraph-bench-ceiling-${process.pid}`;

/**
 * Waits (at most the request timeout) until neither server runs a statement: requests cut at the end of a
 * warm-up or of a cell still run on the server, and would otherwise be measured with the next run.
 */
async function waitForIdleServers(): Promise<void> {
  for (const deadline = performance.now() + timeout * 1000; performance.now() < deadline;) {
    const { rows } = await probe.query<{ n: string }>(
      `select count(*) as n from pg_stat_activity
       where datname = current_database() and state = 'active' and (application_name like $1 or application_name = $2)`,
      [`modelgraph-${modelgraph.pid}-%`, CEILING_APPLICATION],
    );
    if (rows[0]!.n === '0') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Statements per request, exactly, in process through the drizzle logger (pg_stat_statements, when readable,
// adds the count under load), and a first check that each operation answers without errors.
const checks: Check[] = [];
/** Run once the server has applied pending migrations, so the in-process app reads the same schema. */
async function countStatements() {
  const counter = new StatementCounter();
  const counted = await createDatabase({ url: databaseUrl, poolSize: 2, logger: counter });
  const inProcess = createApp({ database: counted, graphiql: false, compiledQueries: !options['resolvers-only'] });
  for (const operation of operations) {
    counter.reset();
    const response = await inProcess.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: operation.query, variables: operation.variables }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    checks.push({
      operation: operation.name,
      statements: counter.count,
      ...(body.errors ? { failure: `GraphQL errors: ${JSON.stringify(body.errors).slice(0, 300)}` } : {}),
    });
  }
  await counted.close();
}

// --- the servers --------------------------------------------------------------------------------------
const mgPort = options.port ? Number(options.port) : await freePort();
// The server measured is the bundle `npm start` and the Dockerfile run (built here if the sources changed), not
// src/ through tsx, whose transpiled modules would count in the peak RSS.
execFileSync(process.execPath, ['src/scripts/build-server.mjs'], { cwd: root, stdio: 'inherit' });
const modelgraph = spawnServer(
  {
    DATABASE_URL: databaseUrl,
    PORT: String(mgPort),
    HOST: '127.0.0.1',
    SEED_ON_START: 'false',
    GRAPHIQL: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    DATABASE_POOL_SIZE: '10',
    // One client (autocannon on 127.0.0.1) sends thousands of requests a minute: the per-client limit would
    // answer most of them 429.
    RATE_LIMIT_REQUESTS: '0',
    // The same request again and again would be answered from the response cache: measured is the work of
    // answering, as the ceiling and the peers do it (--cache measures the cache instead).
    RESPONSE_CACHE: options.cache ? 'true' : 'false',
    COMPILED_QUERIES: options['resolvers-only'] ? 'false' : 'true',
    COMPILED_REPEATS: options['no-repeats'] ? 'false' : 'true',
    // As long as the bench waits for an answer: a slow shape is measured as slow, not cancelled.
    DATABASE_STATEMENT_TIMEOUT_MS: String(timeout * 1000),
  },
  ['ignore', 'inherit', 'inherit'],
  { built: true },
);
const ceilingPort = options.port ? mgPort + 1 : await freePort();
const ceiling = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'test/bench/ceiling.ts',
    '--database-url',
    databaseUrl,
    '--port',
    String(ceilingPort),
    '--application-name',
    CEILING_APPLICATION,
  ],
  { cwd: root, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' }, stdio: ['ignore', 'inherit', 'inherit'] },
);
const servers = {
  modelgraph: { child: modelgraph, url: `http://127.0.0.1:${mgPort}/graphql` },
  ceiling: { child: ceiling, url: `http://127.0.0.1:${ceilingPort}/graphql` },
};
const cells: Cell[] = [];
/** Each server's peak resident set over the whole run (the kernel's high-water mark, not sampled), in MB. */
let highWaterMb: Record<keyof typeof servers, number> | undefined;
const expected = new Map<string, string>();
let exitCode = 0;
try {
  await waitForHttp(`http://127.0.0.1:${mgPort}/health`, modelgraph, 120_000);
  // The ceiling answers 400 to anything but a shape: any answer means it listens.
  await waitForHttp(`http://127.0.0.1:${ceilingPort}/`, ceiling, 60_000, true);
  await countStatements();

  // --- checks before measuring ----------------------------------------------------------------------
  for (const operation of operations) {
    const check = checks.find((c) => c.operation === operation.name)!;
    const answer = await post(servers.modelgraph.url, operation).catch((error: Error) => ({
      status: 0,
      text: error.message,
    }));
    const parsed = answer.status === 200 ? (JSON.parse(answer.text) as { errors?: unknown }) : undefined;
    if (!parsed || parsed.errors) {
      check.failure ??= `modelgraph answered ${answer.status}: ${answer.text.slice(0, 300)}`;
      continue;
    }
    // With the response cache, the first answer is a miss and every later one a hit, which says so in its
    // `extensions`: the hit is the answer to expect under load.
    const hit = options.cache ? await post(servers.modelgraph.url, operation).catch(() => undefined) : undefined;
    expected.set(`modelgraph ${operation.name}`, hit?.status === 200 ? hit.text : answer.text);
    if (operation.kind !== 'shape') continue;
    const floor = await post(servers.ceiling.url, operation).catch((error: Error) => ({
      status: 0,
      text: error.message,
    }));
    const difference =
      floor.status === 200
        ? jsonDifference(parsed, JSON.parse(floor.text))
        : `ceiling answered ${floor.status}: ${floor.text}`;
    if (difference) check.failure = `ceiling ≠ modelgraph at ${difference}`;
    else expected.set(`ceiling ${operation.name}`, floor.text);
  }
  for (const check of checks.filter((c) => c.failure)) log(`FAILED ${check.operation}: ${check.failure}`);

  // --- measuring ------------------------------------------------------------------------------------
  const run = (server: keyof typeof servers, operation: BenchOperation, connections: number, seconds: number) =>
    autocannon({
      url: servers[server].url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: operation.query, variables: operation.variables }),
      connections,
      duration: seconds,
      timeout,
      expectBody: expected.get(`${server} ${operation.name}`)!,
    });
  for (let round = 1; round <= rounds; round++) {
    for (const operation of operations) {
      for (const connections of connectionCounts) {
        // Ceiling first, then modelgraph: each alone on the machine's two cores.
        for (const server of ['ceiling', 'modelgraph'] as const) {
          if (!expected.has(`${server} ${operation.name}`)) continue;
          await waitForIdleServers();
          const loadStart = load();
          const rss = await sampleRss(servers[server].child.pid!);
          if (warmup > 0) await run(server, operation, connections, warmup);
          await waitForIdleServers();
          const before = await snapshot?.();
          const cpuBefore = await cpuMs(servers[server].child.pid!);
          const result: Result = await run(server, operation, connections, duration);
          const cpuAfter = await cpuMs(servers[server].child.pid!);
          const after = await snapshot?.();
          const { startMb: rssStartMb, peakMb: rssPeakMb } = rss.stop();
          const requests = result.requests.total;
          const perRequest = (n: number | undefined) => (n === undefined || requests === 0 ? null : n / requests);
          const cell: Cell = {
            operation: operation.name,
            server,
            connections,
            round,
            requests,
            requestsPerSecond: requests / result.duration,
            p50Ms: result.latency.p50,
            p99Ms: result.latency.p99,
            errors: result.errors,
            timeouts: result.timeouts,
            non2xx: result.non2xx,
            mismatches: result.mismatches,
            statementsPerRequest: perRequest(after && before && after.toplevel - before.toplevel),
            nestedStatementsPerRequest: perRequest(after && before && after.nested - before.nested),
            cpuMsPerRequest: perRequest(cpuAfter - cpuBefore),
            rssStartMb,
            rssPeakMb,
            loadStart,
            loadEnd: load(),
          };
          cells.push(cell);
          log(
            `round ${round} ${operation.name} c=${connections} ${server}: ${cell.requestsPerSecond.toFixed(1)} req/s, ` +
              `p50 ${cell.p50Ms} ms, p99 ${cell.p99Ms} ms, errors ${cell.errors + cell.timeouts + cell.non2xx + cell.mismatches}, ` +
              `load ${cell.loadStart} → ${cell.loadEnd}`,
          );
        }
      }
    }
  }
  highWaterMb = {
    modelgraph: await statusMb(modelgraph.pid!, 'VmHWM'),
    ceiling: await statusMb(ceiling.pid!, 'VmHWM'),
  };
} finally {
  await Promise.all([stop(modelgraph), stop(ceiling)]);
  await probe.end();
  if (graph && options.drop) {
    await dropGraphDatabase(baseUrl, graph.name);
    log(`dropped ${graph.name}`);
  }
}

// --- report ---------------------------------------------------------------------------------------------
const failures = checks.filter((c) => c.failure);
const failedCells = cells.filter((c) => c.errors + c.timeouts + c.non2xx + c.mismatches > 0);
if (failures.length || failedCells.length) exitCode = 1;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const meta = {
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  database: databaseLabel(databaseUrl),
  generatedScale: graph ? scale : null,
  sizes,
  node: process.version,
  cpus: cpus().length,
  duration,
  warmup,
  rounds,
  connections: connectionCounts,
  statementsUnderLoad: snapshot ? 'pg_stat_statements' : null,
  rssHighWaterMb: highWaterMb ?? null,
  skipped: picked.skipped,
};
const fixed = (n: number | null, digits = 1) => (n === null || Number.isNaN(n) ? '–' : n.toFixed(digits));
const rows: string[] = [];
for (const operation of operations) {
  const check = checks.find((c) => c.operation === operation.name)!;
  for (const connections of connectionCounts) {
    const of = (server: Cell['server']) =>
      cells.filter((c) => c.operation === operation.name && c.connections === connections && c.server === server);
    const mg = of('modelgraph');
    const floor = of('ceiling');
    if (!mg.length) {
      rows.push(
        `| ${operation.name} | ${connections} | not measured: ${check.failure ?? 'no cell'} | | | | | | | | | |`,
      );
      continue;
    }
    const rps = median(mg.map((c) => c.requestsPerSecond));
    const floorRps = floor.length ? median(floor.map((c) => c.requestsPerSecond)) : null;
    // Exact per request in process; under load, pg_stat_statements also counts the requests still running when
    // a cell ends (and any other client of the database), so it reads a little high.
    const underLoad = snapshot ? median(mg.map((c) => c.statementsPerRequest ?? NaN)) : NaN;
    const nested = snapshot ? median(mg.map((c) => c.nestedStatementsPerRequest ?? 0)) : 0;
    const stmts = `${check.statements}${Number.isNaN(underLoad) ? '' : ` (${fixed(underLoad)}${nested ? ` +${fixed(nested)} nested` : ''})`}`;
    const bad = mg.reduce((n, c) => n + c.errors + c.timeouts + c.non2xx + c.mismatches, 0);
    rows.push(
      `| ${operation.name} | ${connections} | ${fixed(rps)} | ${fixed(floorRps)} | ${floorRps ? (rps / floorRps).toFixed(2) : '–'} | ` +
        `${fixed(median(mg.map((c) => c.p50Ms)), 0)} / ${fixed(median(mg.map((c) => c.p99Ms)), 0)} | ` +
        `${floor.length ? `${fixed(median(floor.map((c) => c.p50Ms)), 0)} / ${fixed(median(floor.map((c) => c.p99Ms)), 0)}` : '–'} | ` +
        `${stmts} | ${fixed(median(mg.map((c) => c.cpuMsPerRequest ?? NaN)), 2)} / ${floor.length ? fixed(median(floor.map((c) => c.cpuMsPerRequest ?? NaN)), 2) : '–'} | ${bad}${check.failure ? ` (${check.failure.slice(0, 80)})` : ''} | ` +
        `${Math.min(...mg.map((c) => c.rssStartMb))} → ${Math.max(...mg.map((c) => c.rssPeakMb))} | ${mg.map((c) => `${c.loadStart}→${c.loadEnd}`).join(', ')} |`,
    );
  }
}
const markdown = [
  `## npm run bench — ${meta.startedAt}`,
  '',
  `Database ${meta.database}${graph ? ` (synthetic graph, scale ${scale})` : ''}: ${sizes.organizations} organizations, ` +
    `${sizes.models} models, ${sizes.results} results, ${sizes.claims} claims. ${meta.cpus} CPUs, Node ${meta.node}; ` +
    `${rounds} round(s) of ${warmup} s warm-up + ${duration} s per cell; req/s and latencies are medians over rounds. ` +
    `SQL stmts/req: counted in process by the drizzle logger` +
    (snapshot
      ? '; in parentheses, by pg_stat_statements under load (reads high: it includes requests cut at the end of a cell)'
      : '') +
    '. Server CPU: user + system time of the server process (not PostgreSQL) per finished request. ' +
    "0 req/s: no request finished within the cell. RSS: the modelgraph process's resident set at the start of the " +
    'cell → its peak during the cell; one process serves every cell in turn, so the start is what earlier cells left. ' +
    'Load = 1-minute load average at the start → end of each modelgraph cell.',
  '',
  '| operation | conns | modelgraph req/s | ceiling req/s | ÷ ceiling | modelgraph p50 / p99 ms | ceiling p50 / p99 ms | SQL stmts/req | server CPU ms/req, modelgraph / ceiling | errors | RSS MB, start → peak | load |',
  '|---|---:|---:|---:|---:|---|---|---|---|---:|---:|---|',
  ...rows,
  '',
  ...(highWaterMb
    ? [
        `Peak RSS over the whole run (VmHWM): modelgraph ${highWaterMb.modelgraph} MB, ceiling ${highWaterMb.ceiling} MB.`,
        '',
      ]
    : []),
  ...(picked.skipped.length ? [`Skipped for lack of data: ${picked.skipped.join('; ')}.`, ''] : []),
  ...failures.map((f) => `FAILED ${f.operation}: ${f.failure}`),
].join('\n');
await mkdir(options.out, { recursive: true });
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const file = path.join(options.out, `bench-${stamp}`);
await writeFile(`${file}.json`, JSON.stringify({ meta, operations, checks, cells }, null, 2));
await writeFile(`${file}.md`, `${markdown}\n`);
console.log(`\n${markdown}\n\nwritten: ${file}.json, ${file}.md`);
process.exit(exitCode);
