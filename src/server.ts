/**
 * Entry point of `npm start`: reads the configuration, prepares the database, and serves the Yoga app over
 * HTTP until SIGINT or SIGTERM, then drains connections and closes the database.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadEnvFile } from './config.ts';
import { createDatabase, type Database } from './db/client.ts';
import { DataDirInUseError } from './db/data-dir-lock.ts';
import { prepareDatabase } from './seed/prepare.ts';
import { loadExampleOperations } from './graphql/operations.ts';
import { createLogger } from './logger.ts';
import { createApp } from './yoga.ts';

let config;
try {
  loadEnvFile();
  // `npm start -- --seed curated` is SEED=curated for this run.
  const { values } = parseArgs({ options: { seed: { type: 'string' } } });
  config = loadConfig(values.seed === undefined ? process.env : { ...process.env, SEED: values.seed });
} catch (error) {
  const badArgument = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ?? false;
  if (!(error instanceof ConfigError) && !badArgument) throw error;
  console.error(
    badArgument
      ? `${(error as Error).message}\nusage: npm start [-- --seed landscape|curated]`
      : (error as Error).message,
  );
  process.exit(badArgument ? 2 : 1);
}

const logger = createLogger(config);

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

/** Between start-up steps: when a signal came, closes what is open and exits without serving. */
async function exitIfStopping(database?: Database) {
  if (!stopSignal) return;
  await database?.close();
  logger.info('stopped');
  process.exit(0);
}

let database: Database;
try {
  database = await createDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
} catch (error) {
  if (!(error instanceof DataDirInUseError)) throw error;
  logger.fatal(error.message);
  process.exit(1);
}
logger.info(
  { backend: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
  'database opened',
);
await exitIfStopping(database);
await prepareDatabase(database, { seed: config.seedOnStart && config.seed, logger });
await exitIfStopping(database);

const yoga = createApp({
  database,
  logger,
  graphiql: config.graphiql,
  auth: { jwt: config.jwt },
  exampleOperations: config.graphiql ? await loadExampleOperations() : [],
});
await exitIfStopping(database);
const server = createServer(yoga);

server.listen(config.port, config.host, () => {
  logger.info(`modelgraph serving GraphQL at http://${config.host}:${config.port}${yoga.graphqlEndpoint}`);
});

// From here on a signal stops the server: stop accepting connections, let in-flight requests finish, then
// release the database.
stopServing = async () => {
  server.close();
  server.closeIdleConnections();
  const forced = setTimeout(() => server.closeAllConnections(), 10_000);
  await new Promise<void>((resolve) => server.once('close', () => resolve()));
  clearTimeout(forced);
  await database.close();
  logger.info('stopped');
};
