/**
 * `npm run soak`: holds a mixed read/write load on a server for a bounded time and reports the error rate,
 * latency percentiles, throughput and the server's memory: RSS at the start and end of the load, and its peak, and,
 * when the server serves /metrics, its V8 heap (in use after collections, and the heap's size).
 *
 * By default it starts its own server (`src/server.ts` as a process, on 127.0.0.1) on a fresh database: PGlite in a
 * temporary folder, or with `--backend postgres` a throwaway database on DATABASE_URL's server; it creates an
 * editor's API key for the writes, and removes everything when done. Reads are the example operations
 * (schema/operations/*.graphql); writes (about `--writes` of the requests) create an organization or update one the
 * soak created first, with the editor's key. Against a running server (`--url`) they write there too. The load is
 * autocannon's, `--connections` requests in flight at once.
 *
 *   npm run soak -- [--seconds 60] [--connections 8] [--writes 0.1] [--backend pglite|postgres]
 *   npm run soak -- --url http://127.0.0.1:4000/graphql --key mg_... [--pid <server pid>]   (a running server)
 */
import { type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/client.ts';
import { loadExampleOperations } from '../../src/graphql/operations.ts';
import { prepareDatabase } from '../../src/seed/prepare.ts';
import { freePort, spawnServer } from '../helpers/server-process.ts';
import { createThrowawayDatabase } from '../helpers/throwaway-database.ts';

const usage = `usage: npm run soak -- [--seconds 60] [--connections 8] [--writes 0.1] [--backend pglite|postgres]
       npm run soak -- --url http://127.0.0.1:<port>/graphql --key <editor API key> [--pid <server pid>] [...]`;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '8' },
    writes: { type: 'string', default: '0.1' },
    backend: { type: 'string', default: 'pglite' },
    url: { type: 'string' },
    key: { type: 'string' },
    pid: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const writeShare = Number(values.writes);
const valid =
  seconds > 0 &&
  seconds <= 3600 &&
  Number.isInteger(connections) &&
  connections > 0 &&
  writeShare >= 0 &&
  writeShare < 1 &&
  ['pglite', 'postgres'].includes(values.backend) &&
  (values.url === undefined || (values.key !== undefined && /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(values.url)));
if (!valid) {
  console.error(usage);
  process.exit(2);
}

/** Resident memory of a process in MiB (Linux /proc), or undefined elsewhere. */
async function rssMiB(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kib = status?.match(/^VmRSS:\s+(\d+) kB/m)?.[1];
  return kib === undefined ? undefined : Number(kib) / 1024;
}

/** The server's V8 heap from its /metrics (prom-client's defaults), in MiB; undefined when it serves no metrics. */
async function heapMiB(url: string): Promise<{ used: number; total: number; external: number } | undefined> {
  const text = await fetch(new URL('/metrics', url)).then(
    (r) => (r.ok ? r.text() : undefined),
    () => undefined,
  );
  const gauge = (name: string) => Number(new RegExp(`^modelgraph_nodejs_${name} (\\S+)$`, 'm').exec(text ?? '')?.[1]);
  const [used, total, external] = ['heap_size_used_bytes', 'heap_size_total_bytes', 'external_memory_bytes'].map(
    (name) => gauge(name) / 1024 / 1024,
  );
  return Number.isFinite(used) && Number.isFinite(total)
    ? { used: used!, total: total!, external: external! }
    : undefined;
}

type Target = { url: string; key: string; pid: number | undefined; stop: () => Promise<void> };

/** A fresh database with the curated seed and an editor's key, served by its own server process. */
async function startOwnServer(): Promise<Target> {
  const postgresUrl = loadConfig().databaseUrl;
  if (values.backend === 'postgres' && !postgresUrl) {
    console.error('--backend postgres needs DATABASE_URL (a server where a throwaway database can be created)');
    process.exit(2);
  }
  const throwaway =
    values.backend === 'postgres' ? await createThrowawayDatabase(postgresUrl!, 'modelgraph_soak') : undefined;
  const dataDir = throwaway ? undefined : await mkdtemp(path.join(os.tmpdir(), 'modelgraph-soak-'));
  const cleanUp = async () => {
    await throwaway?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  // Seeded and keyed here, then closed: PGlite's folder is the server's alone while it runs.
  const database = await createDatabase(throwaway ? { url: throwaway.url } : { dataDir });
  let key: string;
  try {
    await prepareDatabase(database, { seed: 'curated' });
    key = (await createApiKey(database.db, { name: 'soak', role: 'editor' })).secret;
  } finally {
    await database.close();
  }
  const port = await freePort();
  const child: ChildProcess = spawnServer(
    {
      PORT: String(port),
      LOG_LEVEL: 'warn',
      GRAPHIQL: 'false',
      // The soak is one client on 127.0.0.1: the per-client rate limit would refuse most of its requests.
      RATE_LIMIT_REQUESTS: '0',
      ...(throwaway ? { DATABASE_URL: throwaway.url } : { DATA_DIR: dataDir! }),
    },
    ['ignore', 'inherit', 'inherit'],
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  // Bounded: a server that is not ready in two minutes has failed to start.
  for (let waited = 0; ; waited += 250) {
    const ready = await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (waited > 120_000 || child.exitCode !== null) {
      child.kill('SIGTERM');
      await cleanUp();
      throw new Error('the server did not become ready');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url: `${base}/graphql`,
    key,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      await cleanUp();
    },
  };
}

const target: Target = values.url
  ? { url: values.url, key: values.key!, pid: values.pid ? Number(values.pid) : undefined, stop: async () => {} }
  : await startOwnServer();

// ---------------------------------------------------------------------------------------------------------
// The requests: every example operation, with writes spread among them in the requested share.

const reads = (await loadExampleOperations()).map((op) => ({
  name: op.name,
  body: JSON.stringify({ query: op.query, variables: op.variables ? JSON.parse(op.variables) : undefined }),
}));
const CREATE = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { __typename ... on Error { message } } }`;
const UPDATE = `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { __typename ... on Error { message } } }`;
const run = `${process.pid}-${Date.now().toString(36)}`;
let writesSent = 0;
const createInput = (slug: string) => ({
  slug,
  name: `Soak ${slug}`,
  kind: 'COMPANY',
  sources: [{ source: 'ai2-blog' }],
});
/** The organization the updates change, created before the load so that no update can overtake its creation. */
const updated = `soak-${run}-updated`;
function writeBody(): string {
  const n = ++writesSent;
  // Odd writes create an organization, even ones update the same one.
  return n % 2 === 1
    ? JSON.stringify({ query: CREATE, variables: { input: createInput(`soak-${run}-${n}`) } })
    : JSON.stringify({
        query: UPDATE,
        variables: { input: { where: { slug: updated }, description: `Updated by soak write ${n}.` } },
      });
}
const setup = await fetch(target.url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${target.key}` },
  body: JSON.stringify({ query: CREATE, variables: { input: createInput(updated) } }),
});
const setupBody = await setup.text();
if (!setupBody.includes('"OrganizationPayload"')) {
  console.error(`the first write failed (is the key an editor's?): HTTP ${setup.status} ${setupBody.slice(0, 300)}`);
  await target.stop();
  process.exit(1);
}

type Outcome = { ok: number; graphqlErrors: number; httpErrors: number; firstError?: string };
const outcomes = {
  read: { ok: 0, graphqlErrors: 0, httpErrors: 0 },
  write: { ok: 0, graphqlErrors: 0, httpErrors: 0 },
};
function record(kind: 'read' | 'write', status: number, body: string) {
  const outcome: Outcome = outcomes[kind];
  if (status !== 200) outcome.httpErrors++;
  else if (body.includes('"errors"') || (kind === 'write' && body.includes('"message"'))) outcome.graphqlErrors++;
  else return void outcome.ok++;
  outcome.firstError ??= `HTTP ${status}: ${body.slice(0, 300)}`;
}

const everyNth = writeShare > 0 ? Math.max(1, Math.round((1 - writeShare) / writeShare)) : Infinity;
const sequence: autocannon.Request[] = [];
for (const [i, read] of reads.entries()) {
  sequence.push({
    method: 'POST',
    path: new URL(target.url).pathname,
    headers: { 'content-type': 'application/json' },
    body: read.body,
    onResponse: (status, body) => record('read', status, body),
  });
  if ((i + 1) % everyNth === 0) {
    sequence.push({
      method: 'POST',
      path: new URL(target.url).pathname,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.key}` },
      setupRequest: (request) => ({ ...request, body: writeBody() }),
      onResponse: (status, body) => record('write', status, body),
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// The run

const loadBefore = os.loadavg();
const rss = {
  start: target.pid ? await rssMiB(target.pid) : undefined,
  /** After the first sixth of the run: a fresh server grows while it compiles and fills its caches; a leak goes on. */
  warm: undefined as number | undefined,
  peak: 0,
  end: undefined as number | undefined,
};
/**
 * The V8 heap, sampled every second. The heap in use falls to what is still reachable at each full garbage
 * collection: its lowest sample in each half of the run tells growing live data (a leak, a cache filling) from a
 * heap V8 lets grow between collections (`total`), which RSS follows.
 */
const heap = {
  start: await heapMiB(target.url),
  lowestUsed: [Infinity, Infinity],
  end: undefined as Awaited<ReturnType<typeof heapMiB>>,
};
const loadStarted = Date.now();
const sampler = setInterval(async () => {
  const now = target.pid ? await rssMiB(target.pid) : undefined;
  if (now === undefined) return;
  rss.peak = Math.max(rss.peak, now);
  if (rss.warm === undefined && Date.now() - loadStarted >= (seconds * 1000) / 6) rss.warm = now;
}, 500);
const heapSampler = setInterval(async () => {
  const half = Date.now() - loadStarted < (seconds * 1000) / 2 ? 0 : 1;
  const now = await heapMiB(target.url);
  if (now) heap.lowestUsed[half] = Math.min(heap.lowestUsed[half]!, now.used);
}, 1_000);
console.log(
  `soak: ${seconds} s, ${connections} connections, ${reads.length} reads and ${sequence.length - reads.length} writes per cycle, against ${target.url}`,
);
let result: autocannon.Result;
try {
  result = await autocannon({
    url: new URL(target.url).origin,
    connections,
    duration: seconds,
    timeout: 30,
    requests: sequence,
  });
} finally {
  clearInterval(sampler);
  clearInterval(heapSampler);
  heap.end = await heapMiB(target.url);
  rss.end = target.pid ? await rssMiB(target.pid) : undefined;
  if (rss.end !== undefined) rss.peak = Math.max(rss.peak, rss.end);
}
await target.stop();

const total = result.requests.total;
const failed =
  outcomes.read.graphqlErrors + outcomes.read.httpErrors + outcomes.write.graphqlErrors + outcomes.write.httpErrors;
const mib = (n: number | undefined) => (n === undefined ? 'n/a' : `${n.toFixed(1)} MiB`);
console.log(`
requests      ${total} in ${result.duration.toFixed(1)} s: ${(total / result.duration).toFixed(1)}/s (reads ${outcomes.read.ok + outcomes.read.graphqlErrors + outcomes.read.httpErrors}, writes ${outcomes.write.ok + outcomes.write.graphqlErrors + outcomes.write.httpErrors})
errors        ${failed} (${((100 * failed) / Math.max(total, 1)).toFixed(2)}%): reads ${outcomes.read.graphqlErrors} GraphQL + ${outcomes.read.httpErrors} HTTP, writes ${outcomes.write.graphqlErrors} GraphQL/typed + ${outcomes.write.httpErrors} HTTP; socket errors ${result.errors}, timeouts ${result.timeouts}
latency       p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms
server RSS    start ${mib(rss.start)}, after ${(seconds / 6).toFixed(0)} s ${mib(rss.warm)}, end ${mib(rss.end)}, peak ${mib(rss.peak || undefined)}${rss.start !== undefined && rss.end !== undefined ? `; growth ${(rss.end - rss.start).toFixed(1)} MiB, ${rss.warm !== undefined ? (rss.end - rss.warm).toFixed(1) : 'n/a'} MiB after ${(seconds / 6).toFixed(0)} s` : ''}
server heap   ${
  heap.start && heap.end
    ? `V8 heap in use at its lowest ${mib(heap.lowestUsed[0])} in the first half, ${mib(heap.lowestUsed[1])} in the second; heap size ${mib(heap.start.total)} -> ${mib(heap.end.total)}; external (array buffers, PGlite's WebAssembly memory) ${mib(heap.start.external)} -> ${mib(heap.end.external)}`
    : 'n/a (the server serves no /metrics)'
}
machine load  1/5/15-min load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')} after, ${os.cpus().length} CPUs`);
for (const [kind, outcome] of Object.entries(outcomes) as [string, Outcome][]) {
  if (outcome.firstError) console.log(`first ${kind} error: ${outcome.firstError}`);
}
process.exit(failed > 0 || result.errors > 0 || result.timeouts > 0 ? 1 : 0);
