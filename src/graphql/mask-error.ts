/**
 * Yoga's error masking, with the exceptions that are the client's doing. Each keeps the field's path and
 * location, and gets a code:
 * - the domain's errors (`src/errors.ts`: not found, validation, conflict), as `clientErrorOf` says;
 * - SQLSTATE MGNF1 (`require_known_slugs`, src/db/sql/50-guards.sql): a filter named an unknown slug -> NOT_FOUND;
 * - SQLSTATE class 22, "data exception" (a request value PostgreSQL cannot read as the date, number or text it
 *   needs, such as a cursor from another ordering) -> BAD_USER_INPUT with PostgreSQL's one-line reason;
 * - Pothos's validation errors (a malformed cursor) -> BAD_USER_INPUT.
 * Everything else is masked as "Unexpected error.".
 */
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
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
  if (state?.code.startsWith('22')) {
    return clientError(
      error,
      `A value in the request cannot be used: ${state.message}. (A cursor can only be passed back to the connection and ordering that returned it.)`,
      { code: 'BAD_USER_INPUT' },
    );
  }
  const pothos = findInChain(error, (e) => ((e as Error).name === 'PothosValidationError' ? (e as Error) : undefined));
  if (pothos) return clientError(error, pothos.message, { code: 'BAD_USER_INPUT' });
  return yogaMaskError(error, message, isDev);
}
