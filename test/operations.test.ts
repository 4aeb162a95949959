/**
 * Every example operation in schema/operations/ runs without errors on every backend, and returns exactly the
 * output committed beside it (`<name>.result.json`), which the README quotes. One file for both backends:
 * they must agree. After a deliberate data change, refresh with `npx vitest run -u test/operations.test.ts`.
 */
import { expect, test } from 'vitest';
import { loadExampleOperations, operationsDir } from '../src/graphql/operations.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { expectData } from './helpers/graphql.ts';

const operations = await loadExampleOperations();

describeEachBackend('example operations', (backend) => {
  test.each(operations)('$name', async ({ name, query, variables }) => {
    const data = await expectData(backend().app, query, variables ? JSON.parse(variables) : undefined);
    await expect(`${JSON.stringify(data, null, 2)}\n`).toMatchFileSnapshot(`${operationsDir}${name}.result.json`);
  });
});
