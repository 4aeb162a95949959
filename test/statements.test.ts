/**
 * Reads never N+1: a nested query costs a fixed number of SQL statements, whatever the number of rows it
 * returns. Each case pins the count, and runs with a small and a large page to show that it does not grow, both
 * through the resolvers and through the compiled query path (src/graphql/compiled/), which takes some of them.
 */
import { beforeAll, expect, test } from 'vitest';
import { type App, createApp } from '../src/yoga.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { expectData } from './helpers/graphql.ts';

type Case = {
  name: string;
  query: (size: number) => string;
  /** Statements the resolvers send. */
  statements: number;
  /** Statements with the compiled query path on (the default app); the resolvers' count when it does not apply. */
  compiled?: number;
  rows: (data: any) => number;
  /** A small and a large page size; three nested pages of 20 exceed the complexity limit. */
  sizes?: [number, number];
};

const cases: Case[] = [
  {
    name: 'organizations -> models -> results -> dataset, metric, source (lists inside connections)',
    query: (n) => `{ organizations(first: ${n}) { edges { cursor node { name
        models(first: ${n}) { nodes { name license { name } results(first: ${n}) { nodes { value dataset { name } metric { name } source { title } } } } }
      } } pageInfo { hasNextPage endCursor } } }`,
    statements: 1,
    sizes: [2, 10],
    rows: (d) =>
      d.organizations.edges.flatMap((e: any) => e.node.models.nodes.flatMap((m: any) => m.results.nodes)).length,
  },
  {
    name: 'a model with developers, lineage, techniques and results',
    query: (n) => `{ model(slug: "tulu-3-405b") {
        organization { name models(first: ${n}) { totalCount nodes { name } } }
        developers { organization { name } source { title } }
        baseModels { kind baseModel { name organization { name } baseModels { baseModel { name } } } source { title } }
        derivatives { model { name } }
        techniques { stage technique { name parent { name } introducedBy { title } } datasets { name } source { title } }
        results(first: ${n}) { totalCount nodes { value setting { shots } dataset { name defaultMetric { name } } metric { name } evaluator { name } source { title } } }
        sources { title } externalIds { value } huggingfaceId
      } }`,
    statements: 1,
    rows: (d) => d.model.results.nodes.length,
  },
  {
    name: 'benchmarkResults with totalCount and every relation of each result',
    query: (n) =>
      `{ benchmarkResults(first: ${n}) { totalCount nodes { value model { name organization { name } } dataset { name } metric { name } evaluator { name } source { title } } } }`,
    statements: 2,
    compiled: 1,
    rows: (d) => d.benchmarkResults.nodes.length,
  },
  {
    name: 'claims with subject, ordered objects and source',
    query: (
      n,
    ) => `{ claims(first: ${n}) { totalCount nodes { statement subjectModel { name } subjectOrganization { name }
        objects { kind model { name } dataset { name } technique { name } organization { name } } source { title } } } }`,
    statements: 2,
    rows: (d) => d.claims.nodes.length,
  },
  {
    name: 'claims with their verdicts and checks (the bench’s claim verdicts)',
    query: (n) =>
      `{ claims(first: ${n}) { nodes { ordinal statement verdict { verdict summary checks { description outcome expected actual } } } } }`,
    // The page, then the facts of its claims; compiled, the facts are subqueries of the page's statement.
    statements: 2,
    compiled: 1,
    rows: (d) => d.claims.nodes.length,
  },
  {
    name: 'datasets -> results (nested connection with totalCount) -> model -> organizations',
    query: (n) =>
      `{ datasets(first: ${n}) { nodes { name results(first: ${n}) { totalCount nodes { value model { name organizations { name } } } } } } }`,
    statements: 1,
    rows: (d) => d.datasets.nodes.flatMap((x: any) => x.results.nodes).length,
  },
  {
    name: 'techniques -> uses -> model, and counts',
    query: (n) =>
      `{ techniques(first: ${n}) { nodes { name modelCount uses(first: ${n}) { totalCount nodes { stage model { name } source { title } } } } } }`,
    statements: 1,
    rows: (d) => d.techniques.nodes.flatMap((x: any) => x.uses.nodes).length,
  },
  {
    name: 'sources and everything they back',
    query: (
      n,
    ) => `{ sources(first: ${n}) { nodes { title results(first: ${n}) { totalCount nodes { value } } claims(first: ${n}) { nodes { statement } }
        lineage { kind } techniqueUses { stage } models(first: ${n}) { nodes { name } } organizations(first: ${n}) { nodes { name } } } } }`,
    statements: 1,
    rows: (d) => d.sources.nodes.flatMap((x: any) => x.results.nodes).length,
  },
];

describeEachBackend('SQL statements per request', (backend) => {
  let resolversOnly: App;
  beforeAll(() => {
    resolversOnly = createApp({ database: backend().database, graphiql: false, compiledQueries: false });
  });

  test.each(cases)(
    '$name: $statements statement(s) ($compiled compiled), independent of page size',
    async ({ query, statements, compiled = statements, rows, sizes = [2, 20] }) => {
      const { app, statements: counter } = backend();
      for (const [target, expected] of [
        [resolversOnly, statements],
        [app, compiled],
      ] as const) {
        const counts: number[] = [];
        const rowCounts: number[] = [];
        for (const size of sizes) {
          counter.reset();
          const data = await expectData(target, query(size));
          counts.push(counter.count);
          rowCounts.push(rows(data));
        }
        expect(rowCounts[1]).toBeGreaterThan(rowCounts[0]!);
        expect(counts).toEqual([expected, expected]);
      }
    },
  );

  test('node refetch costs one statement per type asked for', async () => {
    const { app, statements: counter } = backend();
    const ids = await expectData(app, `{ models(first: 5) { nodes { id } } datasets(first: 5) { nodes { id } } }`);
    const all = [...ids.models.nodes, ...ids.datasets.nodes].map((n: { id: string }) => n.id);
    counter.reset();
    const data = await expectData(
      app,
      `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Model { name organization { name } } ... on Dataset { name } } }`,
      {
        ids: all,
      },
    );
    expect(data.nodes.map((n: { id: string }) => n.id)).toEqual(all);
    expect(counter.count).toBe(2);
  });
});
