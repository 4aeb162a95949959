/**
 * Every example operation in schema/operations/ runs without errors on every backend, returns exactly the output
 * committed beside it (`<name>.result.json`, which the README quotes), and sends the SQL committed beside it
 * (`<name>.sql`, normalized as test/helpers/sql-text.ts explains), so a change of SQL shows in review.
 *
 * The SQL is compared on PGlite only. How loads batch depends on when resolvers ask: on a PostgreSQL pool, the
 * root fields of one operation run on several connections and finish in any order, so two loads of models may
 * go out as one statement (their selections merged) or as two, depending on the machine's load. On PGlite every
 * statement completes within the same run of promise callbacks, so the batches, and the text, are the same on
 * every run. PostgreSQL must return the same results. After a deliberate change, refresh both with
 * `npx vitest run test/operations.test.ts -u` (the file before `-u`, which would take it as
 * its value and update every suite; with DATABASE_URL set, to check PostgreSQL agrees) and commit them;
 * under CI=true the files are only compared, never written.
 */
import { expect, test } from 'vitest';
import { loadExampleOperations, operationsDir } from '../src/graphql/operations.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { expectData } from './helpers/graphql.ts';
import { statementsFile } from './helpers/sql-text.ts';

const operations = await loadExampleOperations();

describeEachBackend('example operations', (backend) => {
  test.each(operations)('$name', async ({ name, query, variables }) => {
    const { app, statements } = backend();
    statements.reset();
    const data = await expectData(app, query, variables ? JSON.parse(variables) : undefined);
    await expect(`${JSON.stringify(data, null, 2)}\n`).toMatchFileSnapshot(`${operationsDir}${name}.result.json`);
    expect(statements.count, 'statements sent').toBeGreaterThan(0);
    if (backend().kind !== 'pglite') return;
    await expect(statementsFile(name, statements.statements)).toMatchFileSnapshot(`${operationsDir}${name}.sql`);
  });
});
