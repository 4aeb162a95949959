/**
 * Errors a write can end with that are the writer's doing. Mutations return them as typed members of their
 * result union (Pothos errors plugin: `ValidationError`, `NotFoundError`, `ConflictError`, all implementing
 * the `Error` interface); importers print them. Every other failure is a bug and is masked.
 */
import type { z } from 'zod';

/** One problem with one input field; `path` is the field's place in the input (`["input", "parameterCount"]`). */
export type FieldIssue = { path: string[]; message: string };

export abstract class WriteError extends Error {}

/** The input breaks a rule: a malformed slug, a score outside its metric's range, a lineage cycle... */
export class ValidationError extends WriteError {
  constructor(readonly issues: FieldIssue[]) {
    super(
      issues.length === 1
        ? `Invalid input: ${describe(issues[0] as FieldIssue)}`
        : `Invalid input (${issues.length} problems): ${issues.map(describe).join('; ')}`,
    );
    this.name = 'ValidationError';
  }

  static of(path: string[], message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

const describe = (issue: FieldIssue) =>
  issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;

/** Something the input refers to does not exist. */
export class NotFoundError extends WriteError {
  constructor(
    readonly type: string,
    readonly key: string,
    readonly value: string,
    readonly path: string[] = [],
  ) {
    super(`No ${type} with ${key} "${value}"${path.length ? ` (${path.join('.')})` : ''}.`);
    this.name = 'NotFoundError';
  }
}

/** The write would clash with what is there: a taken slug, a duplicate result, a row still referenced. */
export class ConflictError extends WriteError {
  constructor(
    message: string,
    readonly path: string[] = [],
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** zod's issues as field issues under `prefix` (e.g. `["input"]`). */
export function validationErrorFromZod(error: z.ZodError, prefix: string[] = []): ValidationError {
  return new ValidationError(
    error.issues.map((issue) => ({ path: [...prefix, ...issue.path.map(String)], message: issue.message })),
  );
}

/** Parses `value` with `schema`, or throws a ValidationError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix: string[] = ['input']): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationErrorFromZod(parsed.error, prefix);
  return parsed.data;
}

type DatabaseErrorDetails = { code: string; constraint?: string; detail?: string; table?: string; message: string };

function databaseError(error: unknown): DatabaseErrorDetails | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    const candidate = current as Partial<DatabaseErrorDetails> & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return candidate as DatabaseErrorDetails;
    }
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Translates the database's refusals into the writer's errors: the constraints are the last line of defence,
 * behind the checks each write makes first, so a race between two writers still ends in a typed error.
 */
export function writeErrorFromDatabase(error: unknown): WriteError | undefined {
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
