/**
 * Errors a client is meant to read. They are GraphQLErrors, so Yoga's masking lets their message through,
 * and each carries a stable `extensions.code`. Any other error is masked as "Unexpected error.".
 */
import { GraphQLError } from 'graphql';

export type ErrorCode = 'NOT_FOUND' | 'BAD_USER_INPUT' | 'QUERY_TOO_COMPLEX';

export class ClientError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.name = 'ClientError';
  }
}

/** The entity a lookup named does not exist. */
export class NotFoundError extends ClientError {
  constructor(type: string, key: string, value: string) {
    super(`No ${type} with ${key} "${value}".`, 'NOT_FOUND', { type, [key]: value });
    this.name = 'NotFoundError';
  }
}

/** An argument is well-typed but unusable (a page too large, an empty range, a malformed ID). */
export class InputError extends ClientError {
  constructor(message: string, argument?: string) {
    super(message, 'BAD_USER_INPUT', argument ? { argument } : {});
    this.name = 'InputError';
  }
}
