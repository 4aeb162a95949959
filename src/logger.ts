import pino from 'pino';
import type { Config } from './config.ts';

export type Logger = pino.Logger;

/** JSON logs on stdout (pipe through `pino-pretty` to read them in a terminal). */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ name: 'modelgraph', level: config.logLevel });
}
