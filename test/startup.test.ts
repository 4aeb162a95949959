/**
 * `npm start` as a user runs it: a real server process on an empty data folder migrates, seeds, serves, and
 * stops cleanly on SIGTERM (also in the middle of start-up); a second start reuses the data; bad configuration is
 * reported whole.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { SourceMap, type SourceMapPayload, type SourceMapping } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { createThrowawayDatabase, postgresUrl } from './helpers/backends.ts';
import { freePort, root, type Running, SERVER_NODE_FLAGS, spawnServer, startServer } from './helpers/server-process.ts';

/** Each test starts the server up to twice, each start allowed 90 s: more than the suite's default 60 s per test. */
const SERVER_TESTS = { timeout: 240_000 };

async function countModels(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: '{ models(first: 1) { totalCount } results: benchmarkResults(first: 1) { totalCount } }',
    }),
  });
  const body = (await response.json()) as { data: { models: { totalCount: number }; results: { totalCount: number } } };
  expect(body.data.results.totalCount).toBe(257);
  return body.data.models.totalCount;
}

async function stop(server: Running) {
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  expect(server.output()).toContain('"msg":"stopped"');
}

test('npm start, the Dockerfile and the benchmarks start the bundle with the same Node flags', () => {
  const start = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  // src/scripts/start.mjs builds what is stale in processes of its own, then imports dist/server.js.
  expect(start).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} src/scripts/start.mjs`);
  const cmd = /^CMD (.*)$/m.exec(readFileSync(path.join(root, 'Dockerfile'), 'utf8'))?.[1];
  expect(JSON.parse(cmd ?? 'null')).toEqual(['node', ...SERVER_NODE_FLAGS, 'dist/server.js']);
});

/** The Node flags a process was started with (its command line up to the script). */
function nodeFlagsOf(pid: number): string[] {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(1);
  const script = args.findIndex((arg) => !arg.startsWith('-'));
  return args.slice(0, script);
}

describe('npm start on the embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'modelgraph-start-'));
    // What `npm start` runs: the bundle of src/ (built when stale; here, always).
    execFileSync(process.execPath, ['src/scripts/build-server.mjs', '--force'], { cwd: root, stdio: 'ignore' });
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  test(
    'npm start (the bundle): an empty data folder is migrated and seeded; a restart reuses it',
    SERVER_TESTS,
    async () => {
      const first = await startServer({ DATA_DIR: dataDir }, undefined, { built: true });
      expect(first.output()).toContain('"msg":"seed loaded"');
      const models = await countModels(first.port);
      expect(models).toBe(19);
      await stop(first);
      // Built just before (--force drops the cache): the first start left V8's code for the next (bundle-loader.mjs).
      expect(existsSync(path.join(root, 'dist', 'server.cjs.pglite.cache'))).toBe(true);

      // The restart as `npm start` runs it: its script checks the builds, then serves in its own process.
      const second = await startServer({ DATA_DIR: dataDir }, undefined, { built: 'npm start' });
      expect(second.output()).toContain('seed already loaded');
      expect(second.output()).toContain(`"pid":${second.child.pid},`);
      expect(await countModels(second.port)).toBe(models);
      await stop(second);
    },
  );

  test(
    'npm start with the default seed on an empty data folder unpacks the shipped seeded database',
    SERVER_TESTS,
    async () => {
      const folder = await mkdtemp(path.join(tmpdir(), 'modelgraph-start-'));
      try {
        const first = await startServer({ DATA_DIR: folder, SEED: 'landscape' }, undefined, { built: true });
        expect(first.output()).toContain('shipped seeded database unpacked');
        expect(first.output()).toContain('seed already loaded');
        const response = await fetch(`http://127.0.0.1:${first.port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ models(first: 1) { totalCount } }' }),
        });
        const body = (await response.json()) as { data: { models: { totalCount: number } } };
        expect(body.data.models.totalCount).toBeGreaterThan(4_000);
        await stop(first);
        const second = await startServer({ DATA_DIR: folder, SEED: 'landscape' }, undefined, { built: true });
        expect(second.output()).not.toContain('shipped seeded database');
        await stop(second);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  );

  test('a stack trace of the bundle names our source files and lines', SERVER_TESTS, async () => {
    // A file where the data folder should be: opening the database fails at its first step, logged with its stack.
    const notAFolder = path.join(dataDir, 'not-a-folder');
    await writeFile(notAFolder, '');
    const child = spawnServer({ DATA_DIR: notAFolder, LOG_LEVEL: 'debug', PORT: '0' }, undefined, { built: true });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
    const mkdirStep = readFileSync(path.join(root, 'src', 'db', 'client.ts'), 'utf8')
      .split('\n')
      .findIndex((line) => line.includes('await mkdir(options.dataDir'));
    expect(output).toContain(`src/db/client.ts:${mkdirStep + 1}:`);
    expect(output).toMatch(/at async start \(\S*src\/server\.ts:\d+:\d+\)/);
  });

  test('the bundle’s source map holds our sources only, each position mapped to its file and line', () => {
    const map = JSON.parse(readFileSync(path.join(root, 'dist', 'server.cjs.map'), 'utf8')) as SourceMapPayload;
    // The packages' part of the map is what made --enable-source-maps cost a start ~200 ms of CPU to decode.
    expect(map.sources.filter((source) => source.split('/').includes('node_modules'))).toEqual([]);
    expect(map.sources).toContain('../src/server.ts');
    const bundle = readFileSync(path.join(root, 'dist', 'server.cjs'), 'utf8').split('\n');
    const sourceMap = new SourceMap(map);
    // Functions early, in the middle and late in the bundle: each found where its file declares it.
    for (const [file, declaration] of [
      ['src/db/migration-history.ts', 'async function pendingMigrations('],
      ['src/http/explorer.ts', 'function loadExplorerFiles('],
      ['src/server.ts', 'async function openDatabase('],
    ] as const) {
      const line = bundle.findIndex((text) => text.includes(declaration));
      expect(line, declaration).toBeGreaterThan(0);
      const entry: Partial<SourceMapping> = sourceMap.findEntry(line, bundle[line]!.indexOf(declaration));
      const sourceLines = readFileSync(path.join(root, file), 'utf8').split('\n');
      expect(entry.originalSource, declaration).toMatch(new RegExp(`${file}$`));
      expect(sourceLines[entry.originalLine ?? -1], declaration).toContain(declaration);
    }
  });

  test(
    'SIGTERM during start-up (an empty folder being migrated) also stops gracefully; the next start completes',
    SERVER_TESTS,
    async () => {
      const folder = await mkdtemp(path.join(tmpdir(), 'modelgraph-start-'));
      try {
        // "database opened" is logged after the signal handlers are installed and before migrations and the seed:
        // wherever start-up is when the signal lands, the process must close the database and exit 0.
        const interrupted = await startServer({ DATA_DIR: folder }, '"msg":"database opened"');
        await stop(interrupted);
        expect(interrupted.output()).toContain('"signal":"SIGTERM","msg":"shutting down"');
        // The data-folder lock is released and the database is usable: a second start serves the whole seed.
        const next = await startServer({ DATA_DIR: folder });
        expect(await countModels(next.port)).toBe(19);
        await stop(next);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  );
});

describe.runIf(postgresUrl)('npm start on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  beforeAll(async () => {
    database = await createThrowawayDatabase(postgresUrl as string);
  });
  afterAll(() => database?.drop());

  test(
    'migrates and seeds an empty database, and two instances started together seed it once',
    SERVER_TESTS,
    async () => {
      const [a, b] = await Promise.all([
        startServer({ DATABASE_URL: database.url }),
        startServer({ DATABASE_URL: database.url }),
      ]);
      const logs = a.output() + b.output();
      expect(logs.match(/"msg":"seed loaded"/g)).toHaveLength(1);
      expect(logs).toContain('seed already loaded');
      expect(await countModels(a.port)).toBe(19);
      expect(await countModels(b.port)).toBe(19);
      await Promise.all([stop(a), stop(b)]);
    },
  );

  test(
    'on SIGTERM, a request still running after the drain time gets a clean TIMEOUT error and the server exits 0',
    SERVER_TESTS,
    async () => {
      const server = await startServer({ DATABASE_URL: database.url, SHUTDOWN_DRAIN_MS: '300' });
      // A lock the test holds keeps the request's statement running (waiting), however fast the machine is.
      const blocker = new pg.Client({ connectionString: database.url });
      await blocker.connect();
      try {
        await blocker.query('begin; lock table model in access exclusive mode');
        const request = fetch(`http://127.0.0.1:${server.port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ models(first: 1) { totalCount } }' }),
        });
        // Send the signal only once the statement waits on the lock.
        for (;;) {
          const waiting = await blocker.query(
            "select 1 from pg_stat_activity where application_name like 'modelgraph-%' and wait_event_type = 'Lock'",
          );
          if (waiting.rowCount) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        server.child.kill('SIGTERM');
        const response = await request;
        const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        expect(body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
        expect(await server.exited).toBe(0);
        expect(server.output()).toContain('cancelling their SQL');
      } finally {
        await blocker.query('rollback').catch(() => {});
        await blocker.end();
      }
    },
  );
});

/**
 * The `worker` label of /metrics from a new connection (the cluster hands each one to the next worker); undefined
 * when no answer comes within 5 s (a connection handed to a worker that just died is lost).
 */
function metricsWorker(port: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const request = httpGet({ host: '127.0.0.1', port, path: '/metrics', agent: false, timeout: 5_000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(/\{worker="(\d+)"/.exec(text)?.[1]));
    });
    request.on('timeout', () => {
      request.destroy();
      resolve(undefined);
    });
    request.on('error', reject);
  });
}

describe.runIf(postgresUrl)('npm start -- --workers 2 on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  beforeAll(async () => {
    database = await createThrowawayDatabase(postgresUrl as string);
    execFileSync(process.execPath, ['src/scripts/build-server.mjs'], { cwd: root, stdio: 'ignore' });
  });
  afterAll(() => database?.drop());

  test(
    'the primary migrates and seeds once, both workers answer, a killed worker is replaced, and SIGTERM drains them and exits 0',
    SERVER_TESTS,
    async () => {
      const server = await startServer({ DATABASE_URL: database.url, LOG_FORMAT: 'json' }, 'workers serving GraphQL', {
        built: true,
        args: ['--workers', '2'],
      });
      onTestFinished(() => {
        if (server.child.exitCode === null) server.child.kill('SIGTERM');
      });
      const logs = server.output();
      expect(logs.match(/"msg":"migrations applied"/g)).toHaveLength(1);
      expect(logs.match(/"msg":"seed loaded"/g)).toHaveLength(1);
      expect(logs.match(/"msg":"modelgraph serving GraphQL"/g)).toHaveLength(2);
      expect(await countModels(server.port)).toBe(19);
      const seen = new Set<string | undefined>();
      for (let attempt = 0; attempt < 100 && seen.size < 2; attempt++) seen.add(await metricsWorker(server.port));
      expect([...seen].sort()).toEqual(['1', '2']);

      // A worker that dies is replaced: worker 3 answers, and the cluster goes on serving.
      const workerPid = Number(/"pid":(\d+),[^\n]*"worker":1,[^\n]*"msg":"modelgraph serving GraphQL"/.exec(logs)?.[1]);
      expect(workerPid).toBeGreaterThan(0);
      // Workers run with the primary's Node flags (the heap's growth among them).
      expect(nodeFlagsOf(workerPid)).toEqual(SERVER_NODE_FLAGS);
      process.kill(workerPid, 'SIGKILL');
      let replaced = false;
      for (let attempt = 0; attempt < 300 && !replaced; attempt++) {
        replaced = (await metricsWorker(server.port).catch(() => undefined)) === '3';
        if (!replaced) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(replaced).toBe(true);
      expect(server.output()).toContain('worker died: starting another');
      expect(await countModels(server.port)).toBe(19);
      await stop(server);
      // The primary's line and each live worker's.
      expect(server.output().match(/"msg":"stopped"/g)).toHaveLength(3);
    },
  );
});

test('more than one worker on the embedded database is refused: PGlite belongs to one process', async () => {
  const child = spawnServer({ WEB_CONCURRENCY: '2' });
  let output = '';
  child.stderr?.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(1);
  expect(output).toMatch(/WEB_CONCURRENCY \(--workers\): 2 workers need DATABASE_URL/);
});

test('invalid configuration is reported in full and the process exits non-zero', async () => {
  const child = spawnServer({
    PORT: 'eighty',
    DATABASE_URL: 'mysql://localhost/x',
    LOG_LEVEL: 'loud',
    DATABASE_REPLICA_STICKY_REDIS_TIMEOUT_MS: '0',
  });
  let output = '';
  child.stderr?.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(1);
  expect(output).toMatch(/PORT/);
  expect(output).toMatch(/DATABASE_URL: must be a postgres/);
  expect(output).toMatch(/LOG_LEVEL/);
  expect(output).toMatch(/DATABASE_REPLICA_STICKY_REDIS_TIMEOUT_MS: Too small: expected number to be >=1/);
});

describe('start-up failures end in one clear fatal line, no stack trace', () => {
  /** Runs the server to its exit; resolves to its exit code and its log lines. */
  async function runToExit(env: Record<string, string>) {
    const child = spawnServer({ LOG_LEVEL: 'info', ...env });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const lines = output.split('\n').filter(Boolean);
    const fatal = lines.filter((line) => line.includes('"level":60'));
    return { code, output, fatal };
  }

  test('an unreachable database is retried with backoff, then given up', SERVER_TESTS, async () => {
    // Port 1 on localhost: nothing listens there, so every attempt is refused at once.
    const run = await runToExit({
      PORT: String(await freePort()),
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/modelgraph',
      DATABASE_CONNECT_TIMEOUT_MS: '1500',
    });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/database not reachable yet \(connect ECONNREFUSED/);
    expect(run.fatal).toHaveLength(1);
    expect(run.fatal[0]).toContain('cannot reach the database at 127.0.0.1:1/modelgraph: connect ECONNREFUSED');
    expect(run.output).not.toMatch(/\n\s+at |secret|database opened/);
  });

  test.runIf(postgresUrl)('a database that does not exist is not retried', SERVER_TESTS, async () => {
    const url = new URL(postgresUrl!);
    url.pathname = '/modelgraph_no_such_database';
    const run = await runToExit({ PORT: String(await freePort()), DATABASE_URL: url.toString() });
    expect(run.code).toBe(1);
    expect(run.output).not.toMatch(/not reachable yet/);
    expect(run.fatal).toHaveLength(1);
    expect(run.fatal[0]).toMatch(/database \\"modelgraph_no_such_database\\" does not exist \(SQLSTATE 3D000\)/);
  });

  test('a port in use is named, and the database is released', SERVER_TESTS, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'modelgraph-port-'));
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      const run = await runToExit({ PORT: String(port), DATA_DIR: dataDir, SEED_ON_START: 'false' });
      expect(run.code).toBe(1);
      expect(run.fatal).toHaveLength(1);
      expect(run.fatal[0]).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(run.output).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
