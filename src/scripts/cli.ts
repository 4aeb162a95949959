/**
 * Shared start-up of the command-line scripts: arguments, configuration, logger and database, closed on the way
 * out.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
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

/**
 * The script's arguments, or exit: 2 with the usage after a message on a malformed command line, 0 with the
 * usage for `--help` (every script's options include `help`).
 */
export function parseCommandLine<T extends ParseArgsConfig & { options: { help: { type: 'boolean' } } }>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}
