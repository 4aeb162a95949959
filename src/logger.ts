import pino from 'pino';
import type { Config } from './config.ts';
import { currentRequestId } from './request-context.ts';

export type Logger = pino.Logger;

/**
 * JSON logs on stdout (pipe through `pino-pretty` to read them in a terminal). A line written while a request
 * is served carries its `requestId`, the one its response's `x-request-id` header and errors show.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: 'modelgraph',
    level: config.logLevel,
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
