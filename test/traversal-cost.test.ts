/**
 * Graph traversals cost the work of their walk in the complexity limit, not only their selection: an alias
 * bomb of cheap-looking traversals is refused before any SQL runs, while one walk at the maxima is answered.
 */
import { expect, test } from 'vitest';
import { COMPLEXITY_LIMITS } from '../src/graphql/complexity.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { execute, expectData } from './helpers/graphql.ts';

const aliases = (count: number, field: (i: number) => string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join(' ')} }`;

describeEachBackend('traversal cost', (backend) => {
  let ai2 = '';
  let deepseek = '';
  const ids = async () => {
    if (!ai2) {
      const data = await expectData(
        backend().app,
        '{ ai2: organization(slug: "allen-institute-for-ai") { id } deepseek: organization(slug: "deepseek") { id } }',
      );
      ai2 = data.ai2.id;
      deepseek = data.deepseek.id;
    }
  };

  /** Sends the document and expects every root field refused as QUERY_TOO_COMPLEX with no SQL sent. */
  async function expectRefusedWithoutSql(document: string) {
    const { app, statements } = backend();
    statements.reset();
    const response = await execute(app, document);
    expect(response.status).toBe(200);
    expect(response.body.errors?.length).toBeGreaterThan(0);
    for (const error of response.body.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: COMPLEXITY_LIMITS.complexity });
    }
    expect(statements.count).toBe(0);
  }

  test('10 aliases of neighborhood(depth: 2, limit: 500) are refused before any SQL', async () => {
    await ids();
    await expectRefusedWithoutSql(aliases(10, () => `neighborhood(id: "${ai2}", depth: 2, limit: 500) { truncated }`));
  });

  test('30 aliases of neighborhood at depth 3 (default limit), selecting one boolean, are refused', async () => {
    await ids();
    await expectRefusedWithoutSql(aliases(30, () => `neighborhood(id: "${ai2}", depth: 3) { truncated }`));
  });

  test('the cost follows the variables: one document refused with large ones, answered with small ones', async () => {
    await ids();
    const document = `query ($id: ID!, $limit: Int) { ${Array.from(
      { length: 10 },
      (_, i) => `a${i}: neighborhood(id: $id, depth: 2, limit: $limit) { truncated }`,
    ).join(' ')} }`;
    const { app } = backend();
    const small = async () => expect((await execute(app, document, { id: ai2, limit: 5 })).body.errors).toBeUndefined();
    await small();
    const large = await execute(app, document, { id: ai2, limit: 500 });
    expect(large.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    await small();
  });

  test('30 aliases of path(maxHops: 6) are refused', async () => {
    await ids();
    await expectRefusedWithoutSql(aliases(30, () => `path(from: "${ai2}", to: "${deepseek}", maxHops: 6) { length }`));
  });

  test('lineage to the greatest depth for a full page of models is refused', async () => {
    await expectRefusedWithoutSql(
      '{ models(first: 100) { nodes { ancestors(maxDepth: 20) { depth model { name } path { kind model { name } baseModel { name } source { slug } } } } } }',
    );
  });

  test('one neighborhood at the maxima, with its nodes and edges, is answered', async () => {
    await ids();
    const { app, statements } = backend();
    statements.reset();
    const data = await expectData(
      app,
      `query ($id: ID!) { neighborhood(id: $id, depth: 3, limit: 500) {
        truncated center { name } nodes { entityId type name depth } edges { type fromId toId detail } } }`,
      { id: ai2 },
    );
    expect(data.neighborhood.center.name).toBe('Allen Institute for AI');
    expect(data.neighborhood.nodes.length).toBeGreaterThan(1);
    expect(statements.count).toBe(1);
  });

  test('a few modest traversals together are answered', async () => {
    await ids();
    const data = await expectData(
      backend().app,
      `{ n1: neighborhood(id: "${ai2}") { truncated } n2: neighborhood(id: "${deepseek}", depth: 2) { truncated }
         p: path(from: "${ai2}", to: "${deepseek}") { length }
         m: model(slug: "tulu-3-405b") { ancestors { depth } descendants { depth } } }`,
    );
    expect(data.p.length).toBeGreaterThan(0);
    expect(data.m.ancestors.length).toBeGreaterThan(0);
  });

  test('an out-of-range limit is the field’s BAD_USER_INPUT, not QUERY_TOO_COMPLEX', async () => {
    await ids();
    const response = await execute(
      backend().app,
      `{ neighborhood(id: "${ai2}", depth: 2147483647, limit: 2147483647) { truncated } }`,
    );
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
