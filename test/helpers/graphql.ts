/**
 * A small GraphQL-over-HTTP client for tests: requests go through `app.fetch`, as a real client's would,
 * and failures print the operation and the response.
 */
import { expect } from 'vitest';
import type { App } from '../../src/yoga.ts';

export type GraphQLResponse<T = Record<string, unknown>> = {
  status: number;
  body: {
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
};

export async function execute<T = any>(
  app: App,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await app.fetch('http://modelgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'] };
}

/** Runs the operation and returns its data, failing with the whole response if there were errors. */
export async function expectData<T = any>(app: App, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await execute<T>(app, query, variables);
  if (result.body.errors?.length || result.status !== 200) {
    expect.fail(`GraphQL errors (HTTP ${result.status}):\n${JSON.stringify(result.body, null, 2)}\n---\n${query}`);
  }
  return result.body.data as T;
}

/** Runs the operation and returns its errors, failing if there were none. */
export async function expectErrors(app: App, query: string, variables?: Record<string, unknown>) {
  const result = await execute(app, query, variables);
  if (!result.body.errors?.length) {
    expect.fail(`expected GraphQL errors, got:\n${JSON.stringify(result.body, null, 2)}\n---\n${query}`);
  }
  return result.body.errors;
}

/** Runs the operation with `Authorization: Bearer <token>` (an API key or a JWT). */
export function executeAs<T = any>(
  app: App,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  return execute<T>(app, query, variables, { authorization: `Bearer ${token}` });
}
