/**
 * Opens the database: PostgreSQL through `pg` when a URL is given, otherwise the embedded PGlite kept in a
 * data folder. Nothing connects on import; callers own the returned handle and close it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { Logger } from 'drizzle-orm';
import type { PgAsyncDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { PgliteArtifacts } from './pglite-artifacts.ts';
import { pendingMigrations } from './migration-history.ts';
import { cancelOnAbort, refuseAfterAbort } from './request-cancellation.ts';
import { relations } from './relations.ts';
import {
  databaseAddress,
  type PoolStats,
  type Replica,
  type ReplicaEvents,
  ReplicaRoutingPool,
  type ReplicaStats,
} from './replicas.ts';
import { projectPath } from '../paths.ts';

/** One type for both drivers (a union of the two would break drizzle's method typing). */
export type AppDb = PgAsyncDatabase<PgQueryResultHKT, typeof relations>;

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  db: AppDb;
  kind: DatabaseKind;
  /** Applies pending migrations from `drizzle/`; safe when several instances start at once. */
  migrate(): Promise<void>;
  /** Runs `fn` while holding a cluster-wide lock, so that only one instance migrates or seeds at a time. */
  withExclusiveLock<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Cancels the statements this process's connections are running (shutdown after the drain time). PostgreSQL
   * only; PGlite runs one statement at a time in this process and finishes it.
   */
  cancelRunning(): Promise<void>;
  /**
   * Runs a request's execution so that, once `signal` aborts (its HTTP client went away), the SQL it is running
   * is cancelled and no more starts (src/db/request-cancellation.ts). PGlite cannot cancel its running statement:
   * it only starts no more.
   */
  runForRequest<T>(signal: AbortSignal, fn: () => T): T;
  /**
   * Runs one statement of text and parameters, logged like drizzle's (the compiled query path's statements). On
   * PostgreSQL, a `name` makes it a prepared statement on each connection that runs it, parsed and planned once.
   */
  query(statement: Statement): Promise<Record<string, unknown>[]>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PostgreSQL only: the primary's pool's connections now (for metrics). */
  poolStats?: () => PoolStats;
  /**
   * PostgreSQL with DATABASE_REPLICA_URLS only: the read replicas (src/db/replicas.ts). Statements run inside
   * `readFromReplica` go to them; `probe` asks each one `select 1` and updates its health.
   */
  replicas?: {
    stats(): ReplicaStats[];
    probe(timeoutMs: number): Promise<ReplicaStats[]>;
    /** The least WAL position the replicas that are up have replayed; null when none is to wait for. */
    replayed(): Promise<bigint | null>;
  };
  /** PGlite only: the whole cluster as a tarball, to start other instances from. */
  dump?: () => Promise<Blob>;
  /**
   * PGlite only: `COPY <target> FROM` rows in COPY's text format, in whatever transaction the connection is in
   * (the prepared landscape's load, src/seed/prepared-landscape.ts).
   */
  copyFrom?: (target: string, rows: string) => Promise<void>;
};

export type Statement = { text: string; values: unknown[]; name?: string | undefined };

export type { PoolStats, ReplicaStats };

export type DatabaseOptions = {
  /** PostgreSQL URL; when absent the embedded PGlite is used. */
  url?: string | undefined;
  /** PostgreSQL only: streaming replicas of `url` that queries read from (src/db/replicas.ts). @default [] */
  replicaUrls?: readonly string[];
  /** How long a replica whose connection failed is skipped before reads try it again. @default 5000 */
  replicaRetryMs?: number;
  /** Told when a replica is marked down or answers again (the server logs it). */
  replicaEvents?: ReplicaEvents;
  /** PGlite data folder; `undefined` keeps the database in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
  /**
   * PostgreSQL only: statements running longer are cancelled by the server (SQLSTATE 57014). The server sets it;
   * scripts (imports, seeding) leave it unset, since their bulk statements may rightly run long.
   */
  statementTimeoutMs?: number;
  /** PostgreSQL only: how long a query waits for a free pooled connection before failing. */
  acquireTimeoutMs?: number;
  logger?: Logger;
  /** Start PGlite from a `dumpDataDir()` tarball instead of an empty cluster (tests: ~1 s instead of ~7 s). */
  pgliteSnapshot?: Blob;
  /**
   * PGlite with a data folder: called under the folder's lock when the folder holds no cluster yet, with the path
   * PGlite keeps its cluster in (absent): it may put a whole cluster there (the shipped seeded database,
   * src/seed/snapshot.ts) instead of letting PGlite run initdb.
   */
  beforeInitdb?: (clusterDir: string) => Promise<void>;
  /** PGlite only: server settings for this run (`-c name=value`), on top of PGLITE_SETTINGS. */
  pgliteSettings?: Record<string, string>;
  /** PGlite only: its module and file-system bundle, preloaded (src/db/pglite-artifacts.ts); else PGlite reads them. */
  pgliteArtifacts?: PgliteArtifacts;
};

/**
 * Settings of every PGlite run. shared_buffers: PGlite's 128 MB are allocated and zeroed in WebAssembly at every
 * start (about 0.4 s of a restart's CPU); 32 MB still hold the landscape's hot tables and indexes, and a page that
 * misses them is one read of the data folder, which the OS keeps cached.
 */
const PGLITE_SETTINGS: Record<string, string> = { shared_buffers: '32MB' };

export const migrationsFolder = projectPath('drizzle');

/** Key of the advisory lock that serializes migrations and seeding across instances. */
const MIGRATION_LOCK_KEY = 7_345_001;

/** Closing twice (a signal during shutdown, a test cleanup after a simulated outage) is harmless. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (!options.url && options.replicaUrls?.length) {
    throw new Error('read replicas need a PostgreSQL primary (a url); the embedded PGlite has none');
  }
  return options.url ? openPostgres(options.url, options) : openPglite(options);
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  // Loaded only here: an embedded (PGlite) start does not spend ~0.1 s evaluating pg and the node:net/node:tls
  // modules it requires (a restart's CPU profile).
  const [{ default: pg }, { drizzle: drizzleNodePg }, { migrate: migrateNodePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  // At least two connections: the advisory lock holds one while migrations run on another.
  // Names this process's connections, so that shutdown can cancel their statements and nobody else's.
  const applicationName = `modelgraph-${process.pid}-${randomBytes(4).toString('hex')}`;
  const openPool = (connectionString: string) => {
    const pool = new pg.Pool({
      connectionString,
      application_name: applicationName,
      max: Math.max(2, options.poolSize ?? 10),
      // No JIT compilation: the statements are index-driven and short, and PostgreSQL decides on JIT from the
      // planner's cost, which a recursive walk overestimates by orders of magnitude (the lineage walk on the 4x
      // graph: 1-3 ms without, 22-97 ms with 20-33 ms of it compiling). An `options` in DATABASE_URL wins.
      options: '-c jit=off',
      // 0 means "no limit" to both pg and us.
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      ...(options.acquireTimeoutMs ? { connectionTimeoutMillis: options.acquireTimeoutMs } : {}),
    });
    // A client whose connection drops emits 'error'; unheard, that event ends the process. pg-pool listens only
    // while a client is idle, so each client gets its own listener for the time it is checked out (in a
    // transaction): the query in flight rejects, and the pool discards the client when it is released.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      client.on('error', () => {});
    });
    return pool;
  };
  const pool = openPool(url);
  const replicas: Replica[] = (options.replicaUrls ?? []).map((replicaUrl, index) => ({
    name: `replica-${index + 1}`,
    address: databaseAddress(replicaUrl),
    pool: openPool(replicaUrl),
    downUntil: 0,
    statements: 0,
    fallbacks: 0,
  }));
  const router = replicas.length
    ? new ReplicaRoutingPool(pool, replicas, options.replicaRetryMs ?? 5_000, options.replicaEvents)
    : undefined;
  const client = (router ?? pool) as pg.Pool;
  const db = drizzleNodePg({ client, relations, logger: options.logger ?? false }) as unknown as AppDb;

  /** Cancels the statements of this process's connections to `server` that `where` picks (`pid`: their backend). */
  const cancelBackends = async (server: string, where: string, values: unknown[]) => {
    // A connection of its own: the pool's may all be busy with the statements being cancelled.
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    try {
      await admin.query(
        `select pg_cancel_backend(pid) from pg_stat_activity where application_name = $1 and state = 'active' and ${where}`,
        [applicationName, ...values],
      );
    } finally {
      await admin.end();
    }
  };
  const servers = [
    { url, pool },
    ...replicas.map((replica, index) => ({ url: options.replicaUrls![index]!, pool: replica.pool })),
  ];
  const requests = servers.map((server) =>
    cancelOnAbort(server.pool, (pids) => cancelBackends(server.url, 'pid = any($2)', [pids])),
  );
  const runForRequest = <T>(signal: AbortSignal, fn: () => T): T =>
    requests.reduce<() => T>((inner, scope) => () => scope.run(signal, inner), fn)();

  const withExclusiveLock = async <T>(fn: () => Promise<T>): Promise<T> => {
    // Advisory locks belong to a session, so take and release it on one dedicated connection.
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      return await fn();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
      client.release();
    }
  };

  return {
    db,
    kind: 'postgres',
    withExclusiveLock,
    migrate: () =>
      withExclusiveLock(async () => {
        // Drizzle's migrator would find nothing to do too, after its own queries of the catalog (a restart's).
        if ((await pendingMigrations(db, migrationsFolder)).length === 0) return;
        await migrateNodePg(db as never, { migrationsFolder });
      }),
    cancelRunning: async () => {
      // A replica that is down has nothing running to cancel.
      await Promise.allSettled(servers.map((server) => cancelBackends(server.url, 'true', []))).then(([primary]) => {
        if (primary?.status === 'rejected') throw primary.reason;
      });
    },
    runForRequest,
    query: async ({ text, values, name }) => {
      options.logger?.logQuery(text, values);
      return (await client.query(name ? { name, text, values } : { text, values })).rows;
    },
    ping: async () => {
      await pool.query('select 1');
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    ...(router
      ? {
          replicas: {
            stats: () => router.stats(),
            probe: (timeoutMs) => router.probe(timeoutMs),
            replayed: () => router.replayed(),
          },
        }
      : {}),
    close: once(async () => {
      await Promise.all(servers.map((server) => server.pool.end()));
    }),
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  let dataDir: string | undefined;
  let unlock = async () => {};
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
    unlock = await lockDataDir(path.resolve(options.dataDir));
    dataDir = path.resolve(options.dataDir, 'pglite');
    if (options.beforeInitdb && !existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await options.beforeInitdb(dataDir).catch(async (error: unknown) => {
        await unlock();
        throw error;
      });
    }
  }
  const settings = { ...PGLITE_SETTINGS, ...options.pgliteSettings };
  const artifacts = options.pgliteArtifacts;
  const client = await PGlite.create({
    ...(artifacts ? { pgliteWasmModule: await artifacts.wasmModule, fsBundle: await artifacts.fsBundle } : {}),
    // Contrib extensions the migrations create (search); PGlite must load them before CREATE EXTENSION.
    extensions: { pg_trgm, unaccent },
    ...(dataDir ? { dataDir } : {}),
    ...(options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {}),
    startParams: [...PGlite.defaultStartParams, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
  });
  const db = drizzlePglite({ client, relations, logger: options.logger ?? false }) as unknown as AppDb;
  const requests = refuseAfterAbort(client);
  // PGlite is a single connection inside this process: nothing else can race it.
  const withExclusiveLock = <T>(fn: () => Promise<T>) => fn();
  return {
    db,
    kind: 'pglite',
    withExclusiveLock,
    migrate: async () => {
      if ((await pendingMigrations(db, migrationsFolder)).length === 0) return;
      await migratePglite(db as never, { migrationsFolder });
    },
    cancelRunning: async () => {},
    runForRequest: requests.run,
    query: async ({ text, values }) => {
      options.logger?.logQuery(text, values);
      return (await client.query<Record<string, unknown>>(text, values)).rows;
    },
    ping: async () => {
      await client.query('select 1');
    },
    close: once(async () => {
      await client.close();
      await unlock();
    }),
    dump: () => client.dumpDataDir('none'),
    copyFrom: async (target, rows) => {
      await client.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([rows]) });
    },
  };
}
