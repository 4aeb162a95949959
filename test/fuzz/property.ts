/**
 * The fuzz property shared by the test and `npm run fuzz`: a fuzzed request sent to the Yoga app in-process
 * gets no 5xx, leaks no internals and writes nothing (the audit trail keeps its length).
 */
import fc from 'fast-check';
import type { Database } from '../../src/db/client.ts';
import { schema } from '../../src/graphql/index.ts';
import type { App } from '../../src/yoga.ts';
import { changeCount } from './checksum.ts';
import { type FuzzRequest, fuzzRequests, type Problem, problemsOf } from './requests.ts';

export type FuzzStats = { requests: number; byStatus: Map<number, number>; errorCodes: Map<string, number> };

export function newStats(): FuzzStats {
  return { requests: 0, byStatus: new Map(), errorCodes: new Map() };
}

const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/** The URL as the server reads its parameters (a malformed escape stays as sent). */
function decoded(url: string): string {
  try {
    return decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    return url;
  }
}

/** Sends one request; returns what is wrong with the answer (nothing, when the property holds). */
export async function send(app: App, database: Database, request: FuzzRequest, stats?: FuzzStats): Promise<Problem[]> {
  const before = await changeCount(database.db);
  const response = await app.fetch(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  const text = await response.text();
  const sent = `${decoded(request.url)}\n${request.body ?? ''}`;
  const problems = problemsOf(response.status, text, sent);
  if ((await changeCount(database.db)) !== before) problems.push({ kind: 'write', detail: 'the audit trail grew' });
  if (stats) {
    stats.requests++;
    count(stats.byStatus, response.status);
    try {
      for (const error of (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors ?? []) {
        count(stats.errorCodes, error.extensions?.code ?? '(none)');
      }
    } catch {
      count(stats.errorCodes, '(not JSON)');
    }
  }
  return problems;
}

export function fuzzProperty(app: App, database: Database, stats?: FuzzStats) {
  return fc.asyncProperty(fuzzRequests(schema), async (request) => {
    const problems = await send(app, database, request, stats);
    if (problems.length) {
      throw new Error(
        `${problems.map((p) => `${p.kind}: ${p.detail}`).join('\n')}\n--- request: ${request.method} ${request.url}\n${request.body ?? ''}`.slice(
          0,
          4000,
        ),
      );
    }
  });
}
