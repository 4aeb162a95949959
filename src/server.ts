/**
 * Entry point of `npm start`: reads the configuration, prepares the database, and serves the Yoga app over
 * HTTP until SIGINT or SIGTERM, then drains connections and closes the database.
 */
import { createServer } from 'node:http';
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
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const logger = createLogger(config);
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
await prepareDatabase(database, { seed: config.seedOnStart, logger });

const yoga = createApp({
  database,
  logger,
  graphiql: config.graphiql,
  auth: { jwt: config.jwt },
  exampleOperations: config.graphiql ? await loadExampleOperations() : [],
});
const server = createServer(yoga);

server.listen(config.port, config.host, () => {
  logger.info(`modelgraph serving GraphQL at http://${config.host}:${config.port}${yoga.graphqlEndpoint}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Stop accepting connections, let in-flight requests finish, then release the database.
  server.close();
  server.closeIdleConnections();
  const forced = setTimeout(() => server.closeAllConnections(), 10_000);
  await new Promise<void>((resolve) => server.once('close', () => resolve()));
  clearTimeout(forced);
  await database.close();
  logger.info('stopped');
}

process.once('SIGINT', (signal) => void shutdown(signal));
process.once('SIGTERM', (signal) => void shutdown(signal));
