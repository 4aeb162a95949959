/**
 * Yoga's error masking, with the exceptions that are the client's doing. Each keeps the field's path and
 * location, and gets a code:
 * - the domain's errors (`src/errors.ts`: not found, validation, conflict), as `clientErrorOf` says;
 * - SQLSTATE MGNF1 (`require_known_slugs`, src/db/sql/50-guards.sql): a filter named an unknown slug -> NOT_FOUND;
 * - SQLSTATE class 22, "data exception" (a request value PostgreSQL cannot read as the date, number or text it
 *   needs, such as a cursor from another ordering) -> BAD_USER_INPUT with PostgreSQL's one-line reason;
 * - Pothos's validation errors (a malformed cursor) -> BAD_USER_INPUT;
 * - a variable or literal a custom scalar refuses (`$u: URL` = "notaurl"): graphql-js keeps the scalar's own
 *   exception as originalError, which Yoga would mask -> BAD_USER_INPUT with graphql-js's message.
 * - SQLSTATE 57014 (the statement timeout, shutdown or the client's leaving cancelled the request's SQL) -> TIMEOUT; no free pooled connection
 *   within the acquire timeout -> UNAVAILABLE: both are the server being busy, said plainly so clients retry.
 * Everything else is masked as "Unexpected error.". `createMaskError` adds what depends on the app's options: Yoga's
 * body limit error (REQUEST_ENTITY_TOO_LARGE, "Request body too large") -> PAYLOAD_TOO_LARGE naming the limit.
 */
import { GraphQLError } from 'graphql';
import { type MaskError, maskError as yogaMaskError } from 'graphql-yoga';
import { databaseError } from '../db/errors.ts';
import { ENTITY_OF_TABLE } from '../db/entities.ts';
import { DomainError } from '../errors.ts';
import { clientErrorOf } from './errors.ts';

function findInChain<T>(error: unknown, pick: (e: object) => T | undefined): T | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    const found = pick(current);
    if (found !== undefined) return found;
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
  return undefined;
}

/** invalid_text_representation, invalid_datetime_format, datetime_field_overflow. */
const CURSOR_MISREAD = new Set(['22P02', '22007', '22008']);

/** graphql-js's coercion errors for variables and literals, before any field ran (no path). */
function isRefusedInputValue(error: unknown): boolean {
  return (
    error instanceof GraphQLError &&
    error.path === undefined &&
    /^(Variable "\$[_A-Za-z0-9]+" got invalid value|Expected value of type ")/.test(error.message)
  );
}

function clientError(located: unknown, message: string, extensions: Record<string, unknown>): GraphQLError {
  const { nodes, path } = located instanceof GraphQLError ? located : { nodes: undefined, path: undefined };
  return new GraphQLError(message, { nodes: nodes ?? null, path: path ?? null, extensions });
}

export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const domain = findInChain(error, (e) => (e instanceof DomainError ? e : undefined));
  if (domain) {
    const { message: said, extensions } = clientErrorOf(domain);
    return clientError(error, said, extensions);
  }
  const state = databaseError(error);
  if (state?.code === 'MGNF1') {
    const [table = '', argument, slug] = state.message.split('|');
    const type = ENTITY_OF_TABLE.get(table)?.typeName ?? table;
    return clientError(error, `No ${type} with slug "${slug}" (in ${argument}).`, {
      code: 'NOT_FOUND',
      type,
      slug,
      argument,
    });
  }
  if (state?.code === '57014') {
    return clientError(
      error,
      'The database work of this request was cancelled: it ran past the time limit, the client went away, or the server is shutting down. Retry later.',
      {
        code: 'TIMEOUT',
      },
    );
  }
  if (
    findInChain(error, (e) => (/^timeout exceeded when trying to connect/.test((e as Error).message) ? e : undefined))
  ) {
    return clientError(error, 'The server is busy: no database connection was free in time. Retry later.', {
      code: 'UNAVAILABLE',
    });
  }
  if (state?.code === '22021') {
    return clientError(error, 'Text in the request cannot contain the NUL character (U+0000).', {
      code: 'BAD_USER_INPUT',
    });
  }
  if (state?.code.startsWith('22')) {
    // Text PostgreSQL cannot read as a number or date is, in a well-formed request, a cursor of another ordering.
    const hint = CURSOR_MISREAD.has(state.code)
      ? ' (A cursor can only be passed back to the connection and ordering that returned it.)'
      : '';
    return clientError(error, `A value in the request cannot be used: ${state.message}.${hint}`, {
      code: 'BAD_USER_INPUT',
    });
  }
  if (isRefusedInputValue(error)) {
    return clientError(error, (error as GraphQLError).message, { code: 'BAD_USER_INPUT', http: { status: 400 } });
  }
  const pothos = findInChain(error, (e) => ((e as Error).name === 'PothosValidationError' ? (e as Error) : undefined));
  if (pothos) return clientError(error, pothos.message, { code: 'BAD_USER_INPUT' });
  return yogaMaskError(error, message, isDev);
}

/**
 * Yoga's 413 errors: a body past `maxRequestBodySize` ("Request body too large", use-limit-request-body-size.js)
 * and a multipart file past the fetch API's file limit ("File size limit exceeded: ...", post-multipart.js).
 */
function isTooLarge(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError && error.extensions?.code === 'REQUEST_ENTITY_TOO_LARGE';
}

/** `maskError` for an app whose request bodies are limited to `maxRequestBodyBytes`. */
export function createMaskError({ maxRequestBodyBytes }: { maxRequestBodyBytes: number }): MaskError {
  return (error, message, isDev) => {
    if (!isTooLarge(error)) return maskError(error, message, isDev);
    const said = error.message.startsWith('File size limit exceeded')
      ? error.message
      : `The request body is larger than ${maxRequestBodyBytes} bytes, the limit of this server. Send a smaller document or variables, or a persisted operation's hash.`;
    return new GraphQLError(said, { extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } } });
  };
}
