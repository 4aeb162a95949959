/**
 * Yoga's error masking, with the exceptions that are the client's doing. Each keeps the field's path and
 * location, and gets a code:
 * - the domain's errors (`src/errors.ts`: not found, validation, conflict), as `clientErrorOf` says;
 * - SQLSTATE MGNF1 (`require_known_slugs`, src/db/sql/50-guards.sql): a filter named an unknown slug -> NOT_FOUND;
 * - SQLSTATE class 22, "data exception" (a request value PostgreSQL cannot read as the date, number or text it
 *   needs, such as a cursor from another ordering) -> BAD_USER_INPUT with PostgreSQL's one-line reason;
 * - Pothos's validation errors (a malformed cursor) -> BAD_USER_INPUT;
 * - a variable or literal a custom scalar refuses (`$u: URL` = "notaurl"): graphql-js keeps the scalar's own
 *   exception as originalError, which Yoga would mask -> BAD_USER_INPUT with graphql-js's message; so are a
 *   required variable not given or null and an argument left without a value (graphql-js gives them no code).
 * - SQLSTATE 57014 (the statement timeout, shutdown or the client's leaving cancelled the request's SQL) -> TIMEOUT; no free pooled connection
 *   within the acquire timeout -> UNAVAILABLE: both are the server being busy, said plainly so clients retry;
 * - the database connection lost or refused (`isConnectionLost`: a reset socket, a server shutting down) ->
 *   UNAVAILABLE too: the client may retry, and the pool opens fresh connections once the database is back.
 * Everything else is masked as "Unexpected error." (INTERNAL_SERVER_ERROR). `createMaskError`, the app's masking,
 * adds what depends on the app's options: Yoga's body limit error (REQUEST_ENTITY_TOO_LARGE, "Request body too
 * large") -> PAYLOAD_TOO_LARGE naming the limit; and gives a code to any error still without one (`withCode`).
 */
import { GraphQLError } from 'graphql';
import { type MaskError, maskError as yogaMaskError } from 'graphql-yoga';
import { databaseError, isConnectionLost } from '../db/errors.ts';
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

/**
 * graphql-js's coercion errors for variables and literals before any field ran (no path: a value of the wrong
 * type, a required variable missing or null), and for a field's arguments when it runs (a non-null argument given
 * a variable without a value). Validation errors with similar words already have their code.
 */
const REFUSED_VARIABLE =
  /^(Variable "\$[_A-Za-z0-9]+" (got invalid value|of required type "[^"]+" was not provided|of non-null type "[^"]+" must not be null)|Expected value of type ")/;
const REFUSED_ARGUMENT =
  /^Argument "[_A-Za-z0-9]+" (of required type "[^"]+" was provided the variable "\$[_A-Za-z0-9]+" which was not provided a runtime value|of non-null type "[^"]+" must not be null|has invalid value)/;

function isRefusedInputValue(error: unknown): error is GraphQLError {
  if (!(error instanceof GraphQLError) || error.extensions?.code !== undefined) return false;
  return error.path === undefined ? REFUSED_VARIABLE.test(error.message) : REFUSED_ARGUMENT.test(error.message);
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
  if (isConnectionLost(error)) {
    return clientError(error, 'The database cannot be reached: its connection was lost or refused. Retry later.', {
      code: 'UNAVAILABLE',
    });
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
    return clientError(error, error.message, { code: 'BAD_USER_INPUT', http: { status: 400 } });
  }
  const pothos = findInChain(error, (e) => ((e as Error).name === 'PothosValidationError' ? (e as Error) : undefined));
  if (pothos) return clientError(error, pothos.message, { code: 'BAD_USER_INPUT' });
  return yogaMaskError(error, message, isDev);
}

/**
 * The 413 errors: a body past the limit ("Request body too large", src/http/body-limit.ts)
 * and a multipart file past the fetch API's file limit ("File size limit exceeded: ...", post-multipart.js).
 */
function isTooLarge(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError && error.extensions?.code === 'REQUEST_ENTITY_TOO_LARGE';
}

/** The code of a refusal other packages make without one, by its HTTP status. */
const CODE_OF_STATUS = new Map<number, string>([
  [400, 'BAD_REQUEST'],
  [401, 'UNAUTHENTICATED'],
  [403, 'FORBIDDEN'],
  [404, 'NOT_FOUND'],
  [405, 'METHOD_NOT_ALLOWED'],
  [406, 'NOT_ACCEPTABLE'],
  [413, 'PAYLOAD_TOO_LARGE'],
  [415, 'UNSUPPORTED_MEDIA_TYPE'],
  [429, 'RATE_LIMITED'],
]);

/**
 * Every error sent carries `extensions.code`: clients tell errors apart by their code, never by their message.
 * An error still without one is another package's: CSRF prevention's refusal (403, no code) ->
 * CSRF_HEADER_REQUIRED; another refusal with an HTTP status -> the status's code; anything else (graphql-js's
 * own errors about a result the server built, "Cannot return null for non-nullable field") is the server's fault
 * -> INTERNAL_SERVER_ERROR, keeping its message (such messages name the schema, never the database).
 */
function codeOf(error: GraphQLError): string {
  const status = (error.extensions?.http as { status?: number } | undefined)?.status ?? 0;
  if (status === 403 && /CSRF/.test(error.message)) return 'CSRF_HEADER_REQUIRED';
  const byStatus = CODE_OF_STATUS.get(status);
  if (byStatus) return byStatus;
  return status >= 400 && status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
}

function withCode(error: Error): Error {
  if (!(error instanceof GraphQLError) || typeof error.extensions?.code === 'string') return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    extensions: { ...error.extensions, code: codeOf(error) },
  });
}

/** `maskError` for an app whose request bodies are limited to `maxRequestBodyBytes`; every error gets a code. */
export function createMaskError({ maxRequestBodyBytes }: { maxRequestBodyBytes: number }): MaskError {
  return (error, message, isDev) => {
    if (!isTooLarge(error)) return withCode(maskError(error, message, isDev));
    const said = error.message.startsWith('File size limit exceeded')
      ? error.message
      : `The request body is larger than ${maxRequestBodyBytes} bytes, the limit of this server. Send a smaller document or variables, or a persisted operation's hash.`;
    return new GraphQLError(said, { extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } } });
  };
}
