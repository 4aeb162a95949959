/**
 * The README's write example adds a fact the seed leaves out (it once duplicated a seeded result and changed six
 * committed example outputs): run as written, it creates one result, a second run updates that result in place,
 * and of the example operations only the count of results per evaluator changes, and the list of the Japanese
 * models' scores, which holds the model's results.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { loadExampleOperations } from '../src/graphql/operations.ts';
import { withApiKeys } from './helpers/auth.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { executeAs, expectData } from './helpers/graphql.ts';

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('A write that adds a fact the seed leaves out'));
const mutation = /```graphql\n(mutation \{[\s\S]*?)```/.exec(section)?.[1];
const operations = await loadExampleOperations();

describeEachBackend('the README write example', (backend) => {
  const test = withApiKeys(backend);

  test('creates one new result, then updates it; only the per-evaluator count moves', async ({ keys }) => {
    expect(mutation, 'the README block after "A write that adds a fact the seed leaves out"').toBeDefined();
    const { app } = backend();
    const run = (op: (typeof operations)[number]) =>
      expectData(app, op.query, op.variables ? JSON.parse(op.variables) : undefined);
    const before = await Promise.all(operations.map(run));

    const first = await executeAs(app, keys.editor, mutation!);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.upsertBenchmarkResult).toMatchObject({
      __typename: 'UpsertBenchmarkResultPayload',
      created: true,
      result: { value: 80.73, evaluatorRelationship: 'FIRST_PARTY', unverified: true },
    });
    const second = await executeAs(app, keys.editor, mutation!);
    expect(second.body.data.upsertBenchmarkResult).toMatchObject({
      created: false,
      result: { id: first.body.data.upsertBenchmarkResult.result.id },
    });

    const after = await Promise.all(operations.map(run));
    const changed = operations.filter((_, i) => JSON.stringify(before[i]) !== JSON.stringify(after[i]));
    // The result is Mistral Small 3 Base's, a model that supports Japanese: it is listed among its scores (38).
    expect(changed.map((op) => op.name)).toEqual([
      '36-results-per-evaluator',
      '38-japanese-models-and-their-best-scores',
    ]);
  });
});
