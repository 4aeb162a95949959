/**
 * The domain's errors: what a request, a write or an import can end with that is the caller's doing. They know
 * nothing of GraphQL: `analytics/`, `write/` and `import/` throw them; `src/graphql/` turns them into typed
 * members of a mutation's result union (Pothos errors plugin) or into coded GraphQL errors of a query
 * (`graphql/mask-error.ts`); the import CLI prints them. Every other failure is a bug and is masked.
 */
import type { z } from 'zod';

/** One problem with one input field; `path` is the field's place in the input (`["input", "parameterCount"]`). */
export type FieldIssue = { path: string[]; message: string };

/**
 * The base of every expected failure; anything that is not one is a bug. The input field an error concerns is
 * `inputPath`, never `path`: graphql-js takes any error with an array `path` for one it already located.
 */
export abstract class DomainError extends Error {}

/** The input breaks a rule: a malformed slug, a score outside its metric's range, a lineage cycle... */
export class ValidationError extends DomainError {
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
export class NotFoundError extends DomainError {
  constructor(
    readonly type: string,
    readonly key: string,
    readonly value: string,
    readonly inputPath: string[] = [],
  ) {
    super(`No ${type} with ${key} "${value}"${inputPath.length ? ` (${inputPath.join('.')})` : ''}.`);
    this.name = 'NotFoundError';
  }
}

/** The write would clash with what is there: a taken slug, a duplicate result, a row still referenced. */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly inputPath: string[] = [],
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

/** A credential was given but is wrong (unknown or revoked key, bad or expired JWT): the request is refused. */
export class AuthenticationError extends DomainError {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}
