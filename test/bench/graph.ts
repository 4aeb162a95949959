/**
 * `npm run bench:graph`: latency of search, lineage, neighborhood, path, leaderboard, compare and beats on a
 * large synthetic graph. Prints figures; asserts nothing.
 *
 * It builds the graph of synthetic-graph.ts in a throwaway database: an in-memory PGlite by default, or, when
 * DATABASE_URL is set, a database it creates on that server and drops at the end. Scale 1 by default
 * (`--scale=0.1` makes it smaller): 2,000 organizations, 50,000 models, 500,000 results. Each scenario then runs
 * through the GraphQL app (parse, validation, SQL, serialization) with rotating inputs, for RUNS runs or until its time
 * budget is spent, whichever comes first, and reports p50, p95 and max.
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/client.ts';
import { createApp } from '../../src/yoga.ts';
import { createThrowawayDatabase } from '../helpers/throwaway-database.ts';
import { graphSize, graphStatements, lineageBlock } from './synthetic-graph.ts';

const RUNS = 20;
/** Each scenario stops after this long, even with fewer than RUNS runs. */
const SCENARIO_BUDGET_MS = 45_000;
const scale = Number(process.argv.find((a) => a.startsWith('--scale='))?.split('=')[1] ?? 1);
if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');

const SIZE = graphSize(scale);
const BLOCK = lineageBlock(SIZE);
const GENERATE = graphStatements(scale);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const baseUrl = loadConfig().databaseUrl;
const throwaway = baseUrl ? await createThrowawayDatabase(baseUrl, 'modelgraph_bench') : undefined;
const database = await createDatabase({ url: throwaway?.url, poolSize: 2 });
try {
  const backend = throwaway ? 'PostgreSQL' : 'PGlite (in memory)';
  let started = performance.now();
  await database.migrate();
  for (const statement of GENERATE) await database.db.execute(sql.raw(statement));
  const count = async (table: string) =>
    Number(((await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as any).rows[0].n);
  console.log(
    `${backend}, scale ${scale}: ${await count('organization')} organizations, ${await count('model')} models, ` +
      `${await count('model_lineage')} lineage edges, ${await count('technique')} techniques, ` +
      `${await count('dataset')} datasets, ${await count('benchmark_result')} results; built in ${seconds(performance.now() - started)}`,
  );

  const app = createApp({ database, graphiql: false });
  const run = async (query: string, variables: Record<string, unknown>) => {
    const response = await app.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: unknown[]; data?: Record<string, unknown> };
    if (body.errors) throw new Error(`${query}\n${JSON.stringify(body.errors)}`);
    return body.data!;
  };
  const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
  const ids = async (statement: string) =>
    ((await database.db.execute(sql.raw(statement))) as any).rows.map((r: { id: number }) => Number(r.id)) as number[];

  // Inputs, rotated across runs: organizations and models spread over the id range, names with a typo.
  const orgs = await ids(
    `select id from organization order by id limit 20 offset ${Math.round(SIZE.organizations / 3)}`,
  );
  const deepModels = await ids(
    `select m.id from model m where substr(m.slug, 13)::int % 7 = 0 order by m.id desc limit 20`,
  );
  const rootModels = await ids(`select id from model order by id limit 20 offset 3`);
  // Pairs six lineage hops apart in one chain: the last block of the last group, and three blocks after its start.
  const lastBlock = SIZE.models - BLOCK;
  const chainEnds = await ids(`select id from model where substr(slug, 13)::int > ${lastBlock} order by id limit 20`);
  const chainStarts = await ids(
    `select id from model where substr(slug, 13)::int > ${lastBlock - 6 * BLOCK} order by id limit 20`,
  );
  const middleModels = await ids(`select id from model order by id limit 20 offset ${Math.round(SIZE.models / 2)}`);
  const names = ((await database.db.execute(sql.raw(`select name from model order by id limit 20 offset 777`))) as any)
    .rows as { name: string }[];
  const typos = names.map(({ name }) => name.slice(0, 3) + name.slice(4)); // one letter dropped
  const NO_BEATS =
    '[DEVELOPED, DERIVED_FROM, USES_TECHNIQUE, TRAINED_ON, EVALUATED_ON, CREATED, SPECIALIZES, SUBSET_OF, EVALUATED]';

  // Comparable sets with the most results, and models with results in them, for the comparison scenarios.
  const busiest = (
    (await database.db.execute(
      sql.raw(`select d.slug as dataset, m.slug as metric, r.shots, r.chain_of_thought, r.pass_k, r.split, r.variant
             from benchmark_result r join dataset d on d.id = r.dataset_id join metric m on m.id = r.metric_id
             group by r.comparability_key, d.slug, m.slug, r.shots, r.chain_of_thought, r.pass_k, r.split, r.variant
             order by count(*) desc, r.comparability_key limit 20`),
    )) as any
  ).rows as Record<string, unknown>[];
  const leaderboardOf = (row: Record<string, unknown>) => ({
    d: row.dataset,
    m: row.metric,
    s: {
      shots: row.shots,
      chainOfThought: row.chain_of_thought,
      passK: row.pass_k,
      split: row.split,
      variant: row.variant,
    },
  });
  const modelSlugs = (
    (await database.db.execute(
      sql.raw(`select slug from model order by id limit 40 offset ${Math.round(SIZE.models / 4)}`),
    )) as any
  ).rows.map((r: { slug: string }) => r.slug) as string[];
  const datasetSlugs = (
    (await database.db.execute(sql.raw(`select slug from dataset where is_benchmark order by id limit 50`))) as any
  ).rows.map((r: { slug: string }) => r.slug) as string[];

  type Scenario = { name: string; query: string; variables: (i: number) => Record<string, unknown> };
  const scenarios: Scenario[] = [
    {
      name: 'search, a model name with a typo, all entity types, 20 hits',
      query: `query ($t: String!) { search(text: $t) { totalCount hits { type name score } } }`,
      variables: (i) => ({ t: typos[i % typos.length] }),
    },
    {
      name: 'search, a family name ("Corbar"), models only, 20 hits with their entity',
      query: `query ($t: String!) { search(text: $t, types: [MODEL]) { hits { name entity { id ... on Model { parameterCount } } } } }`,
      variables: (i) => ({ t: ['Corbar', 'Halion', 'Mornex', 'Tornex'][i % 4] }),
    },
    {
      name: 'search, a word in every description ("synthetic"): capped candidates, not exhaustive',
      query: `query ($t: String!) { search(text: $t) { totalCount exhaustive hits { name score } } }`,
      variables: (i) => ({ t: ['synthetic', 'Synthetic model', 'synthetic dataset'][i % 3] }),
    },
    {
      name: 'ancestors (maxDepth 10) of a merged model deep in a chain, with paths and models',
      query: `query ($id: ID!) { node(id: $id) { ... on Model { ancestors { depth model { name } path { kind } } } } }`,
      variables: (i) => ({ id: globalId('Model', deepModels[i % deepModels.length]!) }),
    },
    {
      name: 'descendants (maxDepth 10) of a chain root, with paths and models',
      query: `query ($id: ID!) { node(id: $id) { ... on Model { descendants { depth model { name } path { kind } } } } }`,
      variables: (i) => ({ id: globalId('Model', rootModels[i % rootModels.length]!) }),
    },
    {
      name: 'neighborhood of an organization, depth 1, all edge types (BEATS included), 50 nodes',
      query: `query ($id: ID!) { neighborhood(id: $id) { truncated nodes { name depth } edges { type } } }`,
      variables: (i) => ({ id: globalId('Organization', orgs[i % orgs.length]!) }),
    },
    {
      name: 'neighborhood of a model, depth 2, without BEATS, 200 nodes',
      query: `query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200, edgeTypes: ${NO_BEATS}) { truncated nodes { name } edges { type } } }`,
      variables: (i) => ({ id: globalId('Model', middleModels[i % middleModels.length]!) }),
    },
    {
      name: 'neighborhood of a model, depth 1, all edge types, 50 nodes',
      query: `query ($id: ID!) { neighborhood(id: $id) { truncated nodes { name } edges { type } } }`,
      variables: (i) => ({ id: globalId('Model', middleModels[i % middleModels.length]!) }),
    },
    {
      name: 'path between two organizations, all edge types, maxHops 4',
      query: `query ($a: ID!, $b: ID!) { path(from: $a, to: $b) { length steps { edge { type } direction } } }`,
      variables: (i) => ({
        a: globalId('Organization', orgs[i % orgs.length]!),
        b: globalId('Organization', orgs[(i + 7) % orgs.length]!),
      }),
    },
    {
      name: 'path between two models, without BEATS, maxHops 6',
      query: `query ($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 6, edgeTypes: ${NO_BEATS}) { length } }`,
      variables: (i) => ({
        a: globalId('Model', rootModels[i % rootModels.length]!),
        b: globalId('Model', middleModels[(i + 3) % middleModels.length]!),
      }),
    },
    {
      name: 'path along lineage only, between two models 6 hops apart in a chain',
      query: `query ($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 6, edgeTypes: [DERIVED_FROM]) { length } }`,
      variables: (i) => ({
        a: globalId('Model', chainEnds[i % chainEnds.length]!),
        b: globalId('Model', chainStarts[i % chainStarts.length]!),
      }),
    },
    {
      name: 'leaderboard of a comparable set, first 100 of all its models, with organization and source',
      query: `query ($d: String!, $m: String!, $s: EvaluationSettingInput) { leaderboard(dataset: $d, metric: $m, setting: $s, first: 100) { totalModels entries { rank value model { name } organization { name } source { slug } conflict { spread } } } }`,
      variables: (i) => leaderboardOf(busiest[i % busiest.length]!),
    },
    {
      name: 'compare 5 models over 50 benchmarks, with winners and records',
      query: `query ($models: [String!]!, $d: [String!]!) { compare(models: $models, datasets: $d) { rows { margin winners { name } } records { wins losses } } }`,
      variables: (i) => ({ models: modelSlugs.slice(i % 35, (i % 35) + 5), d: datasetSlugs }),
    },
    {
      name: "a model's derived wins (beats) with margins and opponents",
      query: `query ($id: ID!) { node(id: $id) { ... on Model { beats { margin loser { name } } } } }`,
      variables: (i) => ({ id: globalId('Model', middleModels[i % middleModels.length]!) }),
    },
  ];

  console.log(`scenario | runs | p50 | p95 | max (ms)`);
  for (const scenario of scenarios) {
    const times: number[] = [];
    started = performance.now();
    await run(scenario.query, scenario.variables(RUNS)); // warm-up, not counted
    for (let i = 0; i < RUNS && performance.now() - started < SCENARIO_BUDGET_MS; i++) {
      const t0 = performance.now();
      await run(scenario.query, scenario.variables(i));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const f = (ms: number) => ms.toFixed(0);
    console.log(
      `${scenario.name} | ${times.length} | ${f(percentile(times, 50))} | ${f(percentile(times, 95))} | ${f(times.at(-1)!)}`,
    );
  }
} finally {
  await database.close();
  await throwaway?.drop();
}
