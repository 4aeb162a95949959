/**
 * Yoga's error masking, with one exception. PostgreSQL's "data exception" errors (SQLSTATE class 22: a value
 * that is not a valid date, integer...) can only come from request values that reach SQL as text, which are
 * cursors. They are the client's mistake, so they get a clear BAD_USER_INPUT instead of "Unexpected error.".
 */
import { maskError as yogaMaskError } from 'graphql-yoga';
import { InputError } from './errors.ts';

function sqlState(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
  return undefined;
}

export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  if (sqlState(error)?.startsWith('22')) {
    return new InputError(
      'A cursor does not fit the connection it was passed to: pass a cursor back only to the connection, ordering and filter that returned it.',
      'after',
    );
  }
  return yogaMaskError(error, message, isDev);
}
