/**
 * Mutations as the tests run them: a document selecting the typed errors, a runner that fails on any GraphQL
 * error (so the result is the payload or a typed error), and the expected shapes of those errors.
 */
import { expect } from 'vitest';
import type { App } from '../../src/yoga.ts';
import type { Row } from './db.ts';
import { executeAs } from './graphql.ts';

/** The Relay global ID of `type` with `id` (or any key), as the API encodes it. */
export const globalId = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64');

/** The selection of every typed error of a mutation's result union. */
export const ERROR_FIELDS = `__typename
  ... on Error { message }
  ... on ValidationError { issues { path message } }
  ... on NotFoundError { type key value path }
  ... on ConflictError { path }`;

/** `mutation($input: <Name>Input!) { <name>(input: $input) { <errors> <payload> } }` */
export function mutationDocument(name: string, payload = ''): string {
  const inputType = `${name[0]?.toUpperCase()}${name.slice(1)}Input`;
  return `mutation($input: ${inputType}!) { ${name}(input: $input) { ${ERROR_FIELDS} ${payload} } }`;
}

/** Runs mutation `name` with `token`; the result is the field's value (payload or typed error), never a GraphQL error. */
export async function runMutation(app: App, token: string, name: string, input: Row, document?: string): Promise<Row> {
  const response = await executeAs(app, token, document ?? mutationDocument(name), { input });
  expect(response.status).toBe(200);
  expect(response.body.errors, JSON.stringify(response.body)).toBeUndefined();
  return response.body.data?.[name] as Row;
}

type Issue = [path: string[], message: string];
const describeIssue = ([path, message]: Issue) => (path.length ? `${path.join('.')}: ${message}` : message);

/** The ValidationError of `issues`, its message listing them. */
export const validation = (...issues: Issue[]) => ({
  __typename: 'ValidationError',
  message:
    issues.length === 1
      ? `Invalid input: ${describeIssue(issues[0] as Issue)}`
      : `Invalid input (${issues.length} problems): ${issues.map(describeIssue).join('; ')}`,
  issues: issues.map(([path, message]) => ({ path, message })),
});

export const notFound = (type: string, key: string, value: string, path: string[]) => ({
  __typename: 'NotFoundError',
  message: `No ${type} with ${key} "${value}"${path.length ? ` (${path.join('.')})` : ''}.`,
  type,
  key,
  value,
  path,
});

export const conflict = (message: string, path: string[]) => ({ __typename: 'ConflictError', message, path });
