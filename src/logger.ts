import pino from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config.ts';
import { currentRequestId } from './request-context.ts';

export type Logger = pino.Logger;

/**
 * Logs on stdout: one JSON object per line for collectors, or readable lines (pino-pretty) on a terminal. A line
 * written while a request is served carries its `requestId`, the one its response's `x-request-id` header and
 * errors show. A line with a `url` shows it on a line of its own when pretty, so a terminal makes it a link.
 */
export function createLogger(
  config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'logFormat'>>,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    name: 'modelgraph',
    level: config.logLevel,
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  const format = config.logFormat ?? 'json';
  const readable = format === 'pretty' || (format === 'auto' && !destination && process.stdout.isTTY === true);
  if (!readable) return destination ? pino(options, destination) : pino(options);
  return pino(
    options,
    pretty({
      destination: destination ?? 1,
      sync: true,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,name,url',
      messageFormat: (log, messageKey) =>
        typeof log.url === 'string' ? `${String(log[messageKey])}\n    ${log.url}` : String(log[messageKey]),
    }),
  );
}

/**
 * A warning about a dependency that does not answer (Redis), logged at most once per `everyMs` while it goes on
 * failing: a request path that falls back without it would otherwise log once per request.
 */
export function throttledWarning(logger: Logger | undefined, message: string, everyMs = 60_000) {
  let warnedAt = -Infinity;
  return (error: unknown) => {
    if (Date.now() - warnedAt < everyMs) return;
    warnedAt = Date.now();
    logger?.warn({ reason: error instanceof Error ? error.message : String(error) }, message);
  };
}
