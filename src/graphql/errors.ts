/**
 * Errors a client is meant to read. They are GraphQLErrors, so Yoga's masking lets their message through,
 * and each carries a stable `extensions.code`. Any other error is masked as "Unexpected error.".
 * The domain's own errors (`src/errors.ts`) become these in a query (`clientErrorOf`), or typed members of a
 * mutation's result union (`types/errors.ts`).
 */
import { GraphQLError } from 'graphql';
import {
  type AuthenticationError,
  ConflictError,
  type DomainError,
  NotFoundError,
  ValidationError,
} from '../errors.ts';

export type ErrorCode =
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'QUERY_TOO_COMPLEX'
  | 'UNAUTHENTICATED'
  /** The server cannot serve this now (a subscription over its limit, or on a server without live data). */
  | 'UNAVAILABLE';

export class ClientError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.name = 'ClientError';
  }
}

/** An argument is well-typed but unusable (a page too large, an empty range, a malformed ID). */
export class InputError extends ClientError {
  constructor(message: string, argument?: string) {
    super(message, 'BAD_USER_INPUT', argument ? { argument } : {});
    this.name = 'InputError';
  }
}

/** A wrong credential, refused before the operation runs: HTTP 401 (Yoga reads `extensions.http`). */
export const unauthenticated = (error: AuthenticationError) =>
  new ClientError(error.message, 'UNAUTHENTICATED', { http: { status: 401 } });

/** The message and extensions a domain error reads as in a query's `errors`. */
export function clientErrorOf(error: DomainError): { message: string; extensions: Record<string, unknown> } {
  if (error instanceof NotFoundError) {
    return { message: error.message, extensions: { code: 'NOT_FOUND', type: error.type, [error.key]: error.value } };
  }
  if (error instanceof ValidationError) {
    // A query's arguments are flat, so one issue names one argument: say it as that argument's problem.
    const [only] = error.issues;
    return error.issues.length === 1 && only
      ? { message: only.message, extensions: { code: 'BAD_USER_INPUT', argument: only.path.join('.') || undefined } }
      : { message: error.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (error instanceof ConflictError) return { message: error.message, extensions: { code: 'CONFLICT' } };
  return { message: error.message, extensions: { code: 'BAD_USER_INPUT' } };
}
