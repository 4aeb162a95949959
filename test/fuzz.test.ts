/**
 * Fuzzing from the schema (test/fuzz/): generated documents and variables, hostile values and malformed
 * requests sent to the app in-process get no 5xx, leak no internals and write nothing. A fixed seed and number
 * of runs keep it deterministic and short; `npm run fuzz` runs it long.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { describeEachBackend } from './helpers/backends.ts';
import { databaseChecksum } from './fuzz/checksum.ts';
import { fuzzProperty, send } from './fuzz/property.ts';
import { MALFORMED, problemsOf } from './fuzz/requests.ts';
import { apiKeys } from './helpers/auth.ts';

/** Runs per backend in `npm test`; `npm run fuzz -- --runs 100000` for more. */
const RUNS = 300;
const SEED = 20261204;

test('the checks catch what they look for: a 5xx, a stack, SQL, a driver message, an error without a code; not an echo of the request', () => {
  const error = (message: string) => JSON.stringify({ errors: [{ message, extensions: { code: 'SOME_CODE' } }] });
  const kinds = (status: number, text: string, sent = '') => problemsOf(status, text, sent).map((p) => p.kind);
  expect(kinds(500, error('x'))).toEqual(['5xx']);
  expect(kinds(200, error('boom\n    at run (/srv/app/src/yoga.ts:12:3)'))).toEqual([
    'leaked stack trace',
    'leaked file path',
  ]);
  expect(kinds(200, error('Failed query: select id from model where slug = $1'))).toEqual(['leaked SQL']);
  expect(kinds(200, error('relation "model" does not exist'))).toEqual(['leaked driver message']);
  expect(kinds(200, error('Unexpected error.'))).toEqual(['unexpected error']);
  expect(kinds(200, error('No Source with url "file:///etc/passwd".'), '"file:///etc/passwd"')).toEqual([]);
  expect(kinds(200, JSON.stringify({ errors: [{ message: 'Limit exceeded.' }] }))).toEqual(['error without code']);
  expect(kinds(400, JSON.stringify({ errors: [{ message: 'x', extensions: {} }] }))).toEqual(['error without code']);
  expect(kinds(415, '')).toEqual(['error without code']);
  expect(kinds(200, JSON.stringify({ data: { a: 1 } }))).toEqual([]);
});

describeEachBackend('fuzzing', (backend) => {
  test("a write is noticed: an editor's createOrganization fails the property", async () => {
    const { app, database } = backend();
    const { editor } = await apiKeys(database);
    const problems = await send(app, database, {
      method: 'POST',
      url: 'http://modelgraph.test/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
      body: JSON.stringify({
        query:
          'mutation { createOrganization(input: { slug: "fuzz-probe", name: "Fuzz probe", kind: COMPANY, sources: [{ source: "ai2-blog" }] }) { __typename } }',
      }),
    });
    expect(problems.map((p) => p.kind)).toEqual(['write']);
  });

  test('each hand-made malformed request is a client error', async () => {
    const { app, database } = backend();
    for (const request of MALFORMED) {
      const problems = await send(app, database, request);
      expect(problems, `${request.method} ${request.url}\n${request.body ?? ''}`.slice(0, 500)).toEqual([]);
    }
  });

  test(`${RUNS} generated requests: no 5xx, no internals, every error with a code, nothing written`, async () => {
    const { app, database } = backend();
    const before = await databaseChecksum(database.db);
    await fc.assert(fuzzProperty(app, database), { seed: SEED, numRuns: RUNS, endOnFailure: true });
    expect(await databaseChecksum(database.db)).toEqual(before);
  });
});
