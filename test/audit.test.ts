/**
 * The audit trail: every write leaves `change` rows naming who, what and when, written by triggers whatever
 * the write path (mutations, imports, the seed). `Query.changes` and each entity's `history` read them.
 */
import { type SQL, sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { rows as rowsOf } from './helpers/db.ts';
import { execute, executeAs, expectData } from './helpers/graphql.ts';

describeEachBackend('audit trail', (backend) => {
  let key: string;
  let keyId: number;
  const rows = (statement: SQL) => rowsOf(backend().database.db, statement);

  beforeAll(async () => {
    const created = await createApiKey(backend().database.db, { name: 'auditor', role: 'editor' });
    key = created.secret;
    keyId = created.id;
  });

  test('the seed is in the trail, as actor "seed", one insert per row', async () => {
    const [counts] = await rows(sql`
      select (select count(*)::int from change where actor = 'seed' and table_name = 'benchmark_result') as results,
             (select count(*)::int from benchmark_result) as stored`);
    expect(counts).toEqual({ results: 257, stored: 257 });
    const data = await expectData(
      backend().app,
      '{ changes(first: 1, filter: { actor: "seed", entityType: ["model"], action: [INSERT] }) { totalCount } }',
    );
    const [models] = await rows(
      sql`select count(*)::int as n from change where actor = 'seed' and entity_type = 'model'`,
    );
    expect(data.changes.totalCount).toBe(models?.n);
  });

  test('the datasets of a training stage are in the history of the stage’s model', async () => {
    const [counts] = await rows(sql`
      select
        (select count(*)::int from model_technique_dataset d join model_technique mt on mt.id = d.model_technique_id
          join model m on m.id = mt.model_id where m.slug = 'tulu-3-405b') as stored,
        (select count(*)::int from change c join model m on m.id = c.entity_id
          where c.entity_type = 'model' and m.slug = 'tulu-3-405b' and c.table_name = 'model_technique_dataset') as audited`);
    expect(counts?.stored).toBeGreaterThan(0);
    expect(counts?.audited).toBe(counts?.stored);
  });

  test('an update is recorded with its writer, operation, changed fields, before and after', async () => {
    const response = await executeAs(
      backend().app,
      key,
      `mutation { updateModel(input: { where: { slug: "tulu-3-405b" }, description: "Audited description." }) {
        __typename ... on Error { message } } }`,
    );
    expect(response.body).toEqual({ data: { updateModel: { __typename: 'ModelPayload' } } });
    const historyQuery = `{ model(slug: "tulu-3-405b") { id history(first: 1) { totalCount nodes {
          actor operation action table entityType entityId changedFields before after } } } }`;
    const asEditor = await executeAs(backend().app, key, historyQuery);
    expect(asEditor.body.errors).toBeUndefined();
    const data = asEditor.body.data;
    const [latest] = data.model.history.nodes;
    expect(latest).toMatchObject({
      actor: `api-key:${keyId} (auditor)`,
      operation: 'updateModel',
      action: 'UPDATE',
      table: 'model',
      entityType: 'model',
      entityId: data.model.id,
      changedFields: ['description'],
    });
    expect(latest.after.description).toBe('Audited description.');
    expect(latest.before.description).not.toBe('Audited description.');
    const [history] = await rows(sql`
      select count(*)::int as n from change where entity_type = 'model'
      and entity_id = (select id from model where slug = 'tulu-3-405b')`);
    expect(data.model.history.totalCount).toBe(history?.n);
  });

  test('changes filter by actor and operation, newest first', async () => {
    const response = await executeAs(
      backend().app,
      key,
      `{ changes(first: 5, filter: { actor: "api-key:${keyId} (auditor)" }) { totalCount nodes { operation table action } } }`,
    );
    expect(response.body.data.changes).toEqual({
      totalCount: 1,
      nodes: [{ operation: 'updateModel', table: 'model', action: 'UPDATE' }],
    });
  });

  test('a reader without a writer role sees the kind of writer, never who; filtering by who finds nothing', async () => {
    const { app } = backend();
    const anonymous = await expectData(
      app,
      `{ model(slug: "tulu-3-405b") { history(first: 1) { nodes { actor operation } } } }`,
    );
    expect(anonymous.model.history.nodes).toEqual([{ actor: 'api-key', operation: 'updateModel' }]);
    const byIdentity = await expectData(
      app,
      `{ changes(first: 5, filter: { actor: "api-key:${keyId} (auditor)" }) { totalCount } }`,
    );
    expect(byIdentity.changes.totalCount).toBe(0);
    const byKind = await expectData(
      app,
      `{ changes(first: 50, filter: { actor: "api-key" }) { totalCount nodes { actor } } }`,
    );
    expect(byKind.changes.totalCount).toBeGreaterThan(0);
    expect(new Set(byKind.changes.nodes.map((n: { actor: string }) => n.actor))).toEqual(new Set(['api-key']));
    const seed = await expectData(app, `{ changes(first: 1, filter: { actor: "seed" }) { nodes { actor } } }`);
    expect(seed.changes.nodes).toEqual([{ actor: 'seed' }]);
    // Nothing in a response to an anonymous reader names the key.
    const everything = await execute(app, `{ changes(first: 100) { nodes { actor operation } } }`);
    expect(JSON.stringify(everything.body)).not.toContain('auditor');
  });

  test('a refused write leaves no trace', async () => {
    const [before] = await rows(sql`select count(*)::int as n from change`);
    const response = await executeAs(
      backend().app,
      key,
      `mutation { updateModel(input: { where: { slug: "tulu-3-405b" }, description: "x", parameterCount: -5 }) {
        __typename } }`,
    );
    expect(response.body).toEqual({ data: { updateModel: { __typename: 'ValidationError' } } });
    const [after] = await rows(sql`select count(*)::int as n from change`);
    expect(after?.n).toBe(before?.n);
  });

  test('history of many models is one statement, not one per model', async () => {
    backend().statements.reset();
    const data = await expectData(
      backend().app,
      '{ models(first: 10) { nodes { slug history(first: 2) { totalCount nodes { action } } } } }',
    );
    expect(data.models.nodes).toHaveLength(10);
    expect(backend().statements.count).toBe(1);
  });
});
