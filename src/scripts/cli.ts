/**
 * Shared start-up of the command-line scripts: configuration, logger and database, closed on the way out.
 */
import { ConfigError, loadConfig, loadEnvFile } from '../config.ts';
import { createDatabase, type Database } from '../db/client.ts';
import { DataDirInUseError } from '../db/data-dir-lock.ts';
import { createLogger, type Logger } from '../logger.ts';

export async function runWithDatabase(task: (database: Database, logger: Logger) => Promise<void>): Promise<void> {
  let config;
  try {
    loadEnvFile();
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config);
  let database: Database;
  try {
    database = await createDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return;
  }
  try {
    await task(database, logger);
  } finally {
    await database.close();
  }
}
