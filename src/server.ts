/**
 * Entry point of `npm start`: reads the configuration, prepares the database, and serves the Yoga app over
 * HTTP until SIGINT or SIGTERM, then drains connections and closes the database. With `--workers N` (or
 * WEB_CONCURRENCY) above 1, this process is a node:cluster primary: it prepares the database once, then forks N
 * workers that run this file again and serve on the shared port (src/cluster.ts); the workers skip the
 * preparation.
 */
// First: starts work that runs while the rest of the bundle is evaluated (PGlite's compilation).
import { pgliteArtifacts } from './preload.ts';
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig, loadEnvFile } from './config.ts';
import { createDatabase, type Database } from './db/client.ts';
import { DataDirInUseError } from './db/data-dir-lock.ts';
import { describeStartupError, waitForDatabase } from './db/startup.ts';
import { prepareDatabase } from './seed/prepare.ts';
import { restoreSnapshot } from './seed/snapshot.ts';
import { loadExampleOperations } from './graphql/operations.ts';
import { defaultManifestPath, loadManifest } from './http/persisted.ts';
import { describeError } from './graphql/error-log.ts';
import { stopWhenOrphaned, superviseWorkers } from './cluster.ts';
import { serveWebSockets } from './http/websocket.ts';
import { startLiveData } from './live/live-data.ts';
import { createLogger } from './logger.ts';
import { openRedis, redisKey } from './redis.ts';
import { createApp } from './yoga.ts';

// Holds the event loop open until the server listens. Start-up mostly awaits PGlite, whose WebAssembly
// compilation and work settle promises without any libuv handle open: each time the loop found itself empty, Node
// stopped to wait for all of V8's background compilation (NodePlatform::DrainTasks), 0.2 to 0.9 s of a restart
// measured, instead of going on while it runs.
const startingUp = setInterval(() => {}, 60_000);

let config: Config;
try {
  loadEnvFile();
  // `npm start -- --seed curated` is SEED=curated for this run, `--workers 4` WEB_CONCURRENCY=4.
  const { values } = parseArgs({ options: { seed: { type: 'string' }, workers: { type: 'string' } } });
  config = loadConfig({
    ...process.env,
    ...(values.seed === undefined ? {} : { SEED: values.seed }),
    ...(values.workers === undefined ? {} : { WEB_CONCURRENCY: values.workers }),
  });
} catch (error) {
  const badArgument = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ?? false;
  if (!(error instanceof ConfigError) && !badArgument) throw error;
  console.error(
    badArgument
      ? `${(error as Error).message}\nusage: npm start [-- --seed landscape|curated] [--workers N]`
      : (error as Error).message,
  );
  process.exit(badArgument ? 2 : 1);
}

/** `single`: one process serves; `primary`: prepares, then supervises the workers; `worker`: serves, prepares nothing. */
const role = cluster.isWorker ? 'worker' : config.workers > 1 ? 'primary' : 'single';
const logger = role === 'worker' ? createLogger(config).child({ worker: cluster.worker?.id }) : createLogger(config);

// The signal handlers come first, before the slow start-up (opening PGlite, migrating, seeding): a SIGINT or
// SIGTERM that arrives then is remembered, start-up stops at its next step, and the process still closes the
// database and exits 0. Without them, Node's default action would kill the process mid-migration. `once`: a
// second signal takes the default action and ends the process at once.
let stopSignal: NodeJS.Signals | undefined;
let stopServing: (() => Promise<void>) | undefined;
function onSignal(signal: NodeJS.Signals) {
  if (stopSignal) return;
  stopSignal = signal;
  logger.info({ signal }, 'shutting down');
  void stopServing?.();
}
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
stopWhenOrphaned(() => onSignal('SIGTERM'));

/** Between start-up steps: when a signal came, closes what is open and exits without serving. */
async function exitIfStopping(database?: Database) {
  if (!stopSignal) return;
  await database?.close();
  logger.info('stopped');
  process.exit(0);
}

/** host:port/database of a PostgreSQL URL, never its password. */
function databaseLabel(url: string | undefined): string {
  if (!url) return '';
  const { hostname, port, pathname } = new URL(url);
  return ` at ${hostname}:${port || 5432}${pathname}`;
}

/** Ends start-up with one clear line (the stack only at debug level), after closing what is open. */
async function startupFailed(what: string, error: unknown, database?: Database): Promise<never> {
  logger.debug({ err: error }, what);
  logger.fatal(`${what}: ${error instanceof DataDirInUseError ? error.message : describeStartupError(error)}`);
  await database?.close().catch(() => {});
  process.exit(1);
}

/** On an empty data folder: the shipped seeded database, when it is what this tree would make (src/seed/snapshot.ts). */
async function restoreShippedSnapshot(clusterDir: string) {
  const started = performance.now();
  const mismatch = await restoreSnapshot(clusterDir);
  if (mismatch) logger.info({ reason: mismatch }, 'empty data folder: the shipped seeded database does not apply');
  else
    logger.info({ ms: Math.round(performance.now() - started) }, 'empty data folder: shipped seeded database unpacked');
}

/** Opens the database and waits until it answers, or ends start-up saying why. */
async function openDatabase(): Promise<Database> {
  let opened: Database;
  try {
    opened = await createDatabase({
      url: config.databaseUrl,
      replicaUrls: config.databaseReplicas.urls,
      replicaRetryMs: config.databaseReplicas.retryMs,
      replicaEvents: {
        down: (replica, error) =>
          logger.warn(
            { replica: replica.name, address: replica.address, retryInMs: config.databaseReplicas.retryMs },
            `read replica down, reading from the primary (${describeStartupError(error)})`,
          ),
        up: (replica) => logger.info({ replica: replica.name, address: replica.address }, 'read replica back up'),
      },
      dataDir: config.dataDir,
      pgliteArtifacts,
      // A first start with the default seed unpacks the shipped seeded database instead of making it.
      ...(role !== 'worker' && config.seedOnStart && config.seed === 'landscape'
        ? { beforeInitdb: restoreShippedSnapshot }
        : {}),
      poolSize: config.databasePoolSize,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      acquireTimeoutMs: config.databaseAcquireTimeoutMs,
    });
  } catch (error) {
    return startupFailed('cannot open the database', error);
  }
  try {
    await waitForDatabase(opened, {
      timeoutMs: config.databaseConnectTimeoutMs,
      onRetry: (reason, delayMs) => logger.warn({ retryInMs: delayMs }, `database not reachable yet (${reason})`),
    });
  } catch (error) {
    return startupFailed(`cannot reach the database${databaseLabel(config.databaseUrl)}`, error, opened);
  }
  return opened;
}

/**
 * Opens, prepares, serves. Not top-level awaits: the bundle is a CommonJS script, so that V8 can keep its
 * compiled code between starts (src/scripts/bundle-loader.mjs).
 */
async function start() {
  const database = await openDatabase();
  logger.info(
    {
      backend: database.kind,
      dataDir: database.kind === 'pglite' ? config.dataDir : undefined,
      replicas: database.replicas?.stats().map(({ address }) => address),
    },
    'database opened',
  );
  await exitIfStopping(database);
  // The primary (or the single process) migrates and seeds; workers start once it has.
  if (role !== 'worker') {
    await prepareDatabase(database, { seed: config.seedOnStart && config.seed, logger }).catch((error: unknown) =>
      startupFailed('cannot prepare the database (migrations, seed)', error, database),
    );
  }
  await exitIfStopping(database);
  if (role === 'primary') await supervise(database);
  else await serve(database);
}

start().catch((error: unknown) => startupFailed('cannot start', error));

/** The cluster's primary: its database was only for the preparation; the workers open their own. */
async function supervise(prepared: Database) {
  clearInterval(startingUp);
  await prepared.close();
  const supervisor = superviseWorkers({ workers: config.workers, logger });
  stopServing = async () => {
    process.exitCode = await supervisor.stop();
    logger.info('stopped');
  };
  void supervisor.failed.then((code) => {
    logger.info('stopped');
    process.exit(code);
  });
  void supervisor.serving.then(() =>
    logger.info(
      { workers: config.workers, url: `http://${config.host}:${config.port}/graphql` },
      'modelgraph workers serving GraphQL',
    ),
  );
}

async function serve(database: Database) {
  const { mode: persistedMode, manifest: manifestPath, apqCacheBytes } = config.persistedOperations;
  const manifest =
    persistedMode === 'off'
      ? new Map<string, string>()
      : await loadManifest(manifestPath ?? defaultManifestPath).catch((error: unknown) =>
          startupFailed(
            `cannot read the persisted operations manifest ${manifestPath ?? defaultManifestPath}`,
            error,
            database,
          ),
        );
  // With REDIS_URL, every instance and worker counts one rate-limit budget per client there.
  const rateLimitRedis = config.redis && config.rateLimit ? openRedis(config.redis, 'rate-limit') : undefined;
  // Told in the log by the rate limit when it counts in memory instead (src/http/rate-limit.ts).
  rateLimitRedis?.on('error', () => {});
  // With REDIS_URL and replicas, "this client just wrote" is shared by every instance and worker (read routing
  // asks Redis only for queries that would read a replica). Told in the log by read routing when Redis fails.
  const { stickyMs, stickyRedisTimeoutMs } = config.databaseReplicas;
  const readRoutingRedis =
    config.redis && database.replicas && stickyMs > 0 ? openRedis(config.redis, 'read-routing') : undefined;
  readRoutingRedis?.on('error', () => {});
  // Subscriptions and the response cache follow the change feed (src/live/).
  const live = await startLiveData({
    database,
    databaseUrl: config.databaseUrl,
    redis: config.redis,
    logger,
    responseCache: config.responseCache !== undefined,
  }).catch((error: unknown) => startupFailed('cannot start the change feed (LISTEN, Redis)', error, database));
  const yoga = createApp({
    database,
    logger,
    live,
    responseCache: config.responseCache,
    graphiql: config.graphiql,
    explorer: true,
    compiledQueries: config.compiledQueries,
    compiledRepeats: config.compiledRepeats,
    readRouting: {
      stickyMs,
      trustProxyHops: config.trustProxyHops,
      redis: readRoutingRedis && {
        client: readRoutingRedis,
        keyPrefix: redisKey(config.redis!, 'read-sticky:'),
        logger: logger.child({ component: 'read-routing' }),
        timeoutMs: stickyRedisTimeoutMs,
      },
    },
    auth: { jwt: config.jwt },
    exampleOperations: config.graphiql ? await loadExampleOperations() : [],
    http: {
      rateLimit: config.rateLimit && {
        ...config.rateLimit,
        trustProxyHops: config.trustProxyHops,
        redis: rateLimitRedis && {
          client: rateLimitRedis,
          keyPrefix: redisKey(config.redis!, 'rate-limit'),
          logger: logger.child({ component: 'rate-limit' }),
        },
      },
      maxRequestBodyBytes: config.maxRequestBodyBytes,
      persisted: { mode: persistedMode, manifest, apqCacheBytes },
      introspection: config.introspection,
      csrfPrevention: config.csrfPrevention,
      corsOrigins: config.corsOrigins,
      metrics: config.metrics,
      // Each worker answers /metrics for itself: the label tells a scrape's series apart.
      metricsLabels: role === 'worker' ? { worker: String(cluster.worker?.id) } : undefined,
    },
  });
  await exitIfStopping(database);
  const server = createServer(yoga.nodeListener);
  const webSockets = serveWebSockets(server, yoga);

  server.once('error', (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'EADDRINUSE'
        ? `port ${config.port} on ${config.host} is already in use: stop the other server or set PORT`
        : error;
    void startupFailed('cannot listen', reason, database);
  });
  server.listen(config.port, config.host, () => {
    clearInterval(startingUp);
    // The bundle's loader keeps V8's code of this start for the next (src/scripts/bundle-loader.mjs).
    (globalThis as { [key: symbol]: (() => void) | undefined })[Symbol.for('modelgraph.serving')]?.();
    // The URL as a field of its own: a terminal shows it on its own line (src/logger.ts), a collector can index it.
    logger.info({ url: `http://${config.host}:${config.port}${yoga.graphqlEndpoint}` }, 'modelgraph serving GraphQL');
  });

  // From here on a signal stops the server: stop accepting connections, let in-flight requests finish, then
  // release the database.
  stopServing = async () => {
    // Listened for first: the server may close while subscriptions end.
    const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
    server.close();
    // Subscriptions end first: their connections (SSE, WebSocket) would otherwise hold the drain to its end.
    await live.close();
    await webSockets.close();
    server.closeIdleConnections();
    // Requests still running after the drain time: cancel their SQL so they end with a clean error (TIMEOUT)
    // instead of an empty reply, then give them a moment to answer before the connections are cut.
    const cancel = setTimeout(() => {
      logger.warn(
        { drainMs: config.shutdownDrainMs },
        'requests still running after the drain time: cancelling their SQL',
      );
      void database
        .cancelRunning()
        .catch((error: unknown) => logger.warn({ errors: describeError(error) }, 'cancel failed'));
    }, config.shutdownDrainMs);
    const forced = setTimeout(() => server.closeAllConnections(), config.shutdownDrainMs + 2_000);
    await closed;
    clearTimeout(cancel);
    clearTimeout(forced);
    await database.close();
    rateLimitRedis?.disconnect();
    readRoutingRedis?.disconnect();
    logger.info('stopped');
    // A worker's channel to the primary would keep it alive: closing it lets the process end.
    cluster.worker?.disconnect();
  };
}
