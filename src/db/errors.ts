/**
 * The database's refusals. `databaseError` is the one place that finds a SQLSTATE in an error's chain (drizzle
 * wraps the driver's error in `cause`, GraphQL wraps it in `originalError`), `isConnectionLost` the one that
 * tells a lost connection; `domainErrorFromDatabase` turns
 * the refusals that are the writer's doing into domain errors. The constraints are the last line of defence,
 * behind the checks each write makes first, so a race between two writers still ends in a typed error.
 */
import { ConflictError, type DomainError, ValidationError } from '../errors.ts';

/** What PostgreSQL says of a refused statement (node-postgres and PGlite both expose these fields). */
export type DatabaseErrorDetails = { code: string; constraint?: string; detail?: string; message: string };

/** The first error in `error`'s chain that carries a SQLSTATE code, if any. */
export function databaseError(error: unknown): DatabaseErrorDetails | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    const candidate = current as Partial<DatabaseErrorDetails> & { cause?: unknown; originalError?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return candidate as DatabaseErrorDetails;
    }
    current = candidate.originalError ?? candidate.cause;
  }
  return undefined;
}

/** Node's socket errors of a connection that is gone or cannot be made. */
const SOCKET_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** node-postgres's own words for a connection that ended under it. */
const DRIVER_LOST = /^(Connection terminated|Client has encountered a connection error|Client was closed)/;
/**
 * SQLSTATE class 08 (connection exception), and the server ending or refusing sessions: admin_shutdown,
 * crash_shutdown, cannot_connect_now.
 */
const SERVER_LOST = /^(08...|57P0[123])$/;

/**
 * Whether `error` (anywhere in its chain) is the database connection lost or not made: the network or the
 * server went away, not the statement's fault. PostgreSQL only; PGlite runs in the process.
 */
export function isConnectionLost(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    const { code, message, cause, originalError } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    if (typeof code === 'string' && (SOCKET_ERRORS.has(code) || SERVER_LOST.test(code))) return true;
    if (typeof message === 'string' && DRIVER_LOST.test(message)) return true;
    current = originalError ?? cause;
  }
  return false;
}

export function domainErrorFromDatabase(error: unknown): DomainError | undefined {
  const db = databaseError(error);
  if (!db) return undefined;
  const constraint = db.constraint ? ` (${db.constraint})` : '';
  switch (db.code) {
    case '23505': // unique_violation
      return new ConflictError(`Already exists${constraint}: ${db.detail ?? db.message}`);
    case '23001': // restrict_violation: deleting a row that others still refer to (ON DELETE RESTRICT)
    case '23503': // foreign_key_violation: the same through NO ACTION, or a reference to a missing row
      return new ConflictError(`Cannot write this: ${db.detail ?? db.message}${constraint}`);
    case '23514': // check_violation
    case '23502': // not_null_violation
    case '22P02': // invalid_text_representation
    case '22003': // numeric_value_out_of_range
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22021': // character_not_in_repertoire (a NUL character in text)
    case '22P05': // untranslatable_character
      return ValidationError.of([], `${db.message}${constraint}`);
    default:
      return undefined;
  }
}
