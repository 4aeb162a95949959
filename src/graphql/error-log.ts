/**
 * The logger Yoga reports errors to. Yoga logs every error its masking replaced at error level, with the whole
 * error: for a client's mistake (an unknown slug) that is the failed SQL with its parameters, and when the
 * database fails the parameters can hold a credential's hash. Here:
 * - errors the masking turns into client errors (NOT_FOUND, BAD_USER_INPUT, TIMEOUT...) go to debug, as one
 *   line with their code and message;
 * - UNAVAILABLE (the database connection lost, or no pooled connection free in time) is the operator's concern:
 *   warn, with the error's chain (as below);
 * - unexpected errors stay at error level, but each error in the chain is logged by type, SQLSTATE, message
 *   (without drizzle's "params:" part) and stack, never with its query parameters.
 */
import { GraphQLError } from 'graphql';
import type { YogaLogger } from 'graphql-yoga';
import { databaseError } from '../db/errors.ts';
import type { Logger } from '../logger.ts';
import { maskError } from './mask-error.ts';

const MASKED = '\u0000masked';

type LoggedError = {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  path?: readonly (string | number)[];
};

/** drizzle's DrizzleQueryError message is `Failed query: <sql>\nparams: <values>`. */
function withoutParameters(message: string): string {
  const cut = message.indexOf('\nparams:');
  return cut === -1 ? message : message.slice(0, cut);
}

/** The chain of an error (GraphQL's originalError, drizzle's cause), each link without its parameters. */
export function describeError(error: unknown): LoggedError[] {
  const chain: LoggedError[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 6; depth++) {
    const code = databaseError(current)?.code;
    chain.push({
      type: current.name,
      message: withoutParameters(current.message),
      ...(code && (current as unknown) === databaseError(current) ? { code } : {}),
      ...(current instanceof GraphQLError && current.path ? { path: current.path } : {}),
      ...(current.stack ? { stack: withoutParameters(current.stack) } : {}),
    });
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
  return chain;
}

function clientCode(error: unknown): string | undefined {
  const masked = maskError(error, MASKED);
  if (!(masked instanceof GraphQLError) || masked.message === MASKED) return undefined;
  const code = masked.extensions?.code;
  return typeof code === 'string' ? code : 'CLIENT_ERROR';
}

export function yogaLogger(logger: Logger): YogaLogger {
  const log =
    (level: 'debug' | 'info' | 'warn') =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      if (typeof first === 'string') logger[level]({ extra: rest.length ? rest : undefined }, first);
      else logger[level]({ detail: args }, '');
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: (...args: unknown[]) => {
      for (const error of args) {
        if (!(error instanceof Error)) {
          logger.error({ error: String(error) }, 'unexpected error');
          continue;
        }
        const code = clientCode(error);
        if (code === 'UNAVAILABLE') {
          logger.warn({ code, errors: describeError(error) }, withoutParameters(maskError(error, MASKED).message));
          continue;
        }
        if (code) {
          logger.debug({ code }, withoutParameters(maskError(error, MASKED).message));
          continue;
        }
        logger.error({ errors: describeError(error) }, 'unexpected error');
      }
    },
  };
}
