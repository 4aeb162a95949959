/**
 * `npm run bench:graph`: latency of search, lineage, neighborhood, path, leaderboard, compare and beats on a
 * large synthetic graph. Prints
 * figures; asserts nothing.
 *
 * It builds the graph in a throwaway database: an in-memory PGlite by default, or, when DATABASE_URL is set, a
 * database it creates on that server and drops at the end. At scale 1 (`--scale=0.1` makes it smaller):
 * 2,000 organizations, 50,000 models (lineage chains up to 9 hops deep, every 7th model also merged from a second
 * base), 200 techniques (3 per model), 1,000 datasets (800 benchmarks, 200 training sets), 500,000 results
 * (10 per model, 1,600 comparability keys of about 310 models each). Each scenario then runs through the
 * GraphQL app (parse, validation, SQL, serialization) with rotating inputs, for RUNS runs or until its time
 * budget is spent, whichever comes first, and reports p50, p95 and max.
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/client.ts';
import { createApp } from '../../src/yoga.ts';
import { createThrowawayDatabase } from '../helpers/throwaway-database.ts';

const RUNS = 20;
/** Each scenario stops after this long, even with fewer than RUNS runs. */
const SCENARIO_BUDGET_MS = 45_000;
const scale = Number(process.argv.find((a) => a.startsWith('--scale='))?.split('=')[1] ?? 1);
if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');

const SIZE = {
  organizations: Math.round(2000 * scale),
  models: Math.round(50_000 * scale),
  techniques: 200,
  datasets: 1000,
  resultsPerModel: 10,
};
/** Lineage blocks: a model derives from the one a block before it, within groups of ten blocks. */
const BLOCK = Math.max(1, Math.round(SIZE.models / 100));

const SYLLABLES = `array['al','bar','cor','dax','el','fen','gor','hal','ion','jun','kel','lum','mor','nex','or','pax','qua','ril','sol','tor','ul','vex','wen','xan','yor','zel','ark','bel','cin','dor','eth','fal','gal','hel','isk','jor','kal']`;

/** The synthetic graph, as SQL over the migrated, empty schema. Deterministic: no random(). */
const GENERATE = [
  `insert into source (slug, url, title, kind, is_primary)
   select 'bench-source-' || i, 'https://bench.example/source/' || i, 'Bench source ' || i, 'webpage', false
   from generate_series(1, 100) i`,
  `insert into metric (slug, name, unit, higher_is_better) values
   ('bench-accuracy', 'Bench accuracy', 'percent', true), ('bench-error-rate', 'Bench error rate', 'percent', false)`,
  `insert into organization (slug, name, aliases, description, kind)
   select 'bench-org-' || i, initcap(w[1 + i % 37] || w[1 + (i * 7) % 37]) || ' Labs ' || i, array[upper(w[1 + i % 37]) || i],
          'Synthetic research organization ' || i || ' working on ' || w[1 + (i * 3) % 37] || ' models.', 'company'
   from generate_series(1, ${SIZE.organizations}) i, (select ${SYLLABLES} as w) words`,
  `insert into model (slug, name, aliases, description, open_weights, parameter_count)
   select 'bench-model-' || i, initcap(w[1 + (i / 7) % 37] || w[1 + (i / 3) % 37]) || '-' || (1 + i % 9) || ' ' || (1 + i % 400) || 'B',
          array[initcap(w[1 + (i / 7) % 37]) || ' ' || i], 'Synthetic model ' || i || ' of the ' || w[1 + (i / 7) % 37] || ' family.',
          i % 3 > 0, (1 + i % 400)::bigint * 1000000000
   from generate_series(1, ${SIZE.models}) i, (select ${SYLLABLES} as w) words`,
  `create temporary table bench_model as select substr(slug, 13)::int as n, id from model`,
  `create temporary table bench_org as select substr(slug, 11)::int as n, id from organization`,
  `insert into technique (slug, name, aliases, description, kind)
   select 'bench-technique-' || i, 'Technique ' || initcap(w[1 + i % 37]) || ' ' || i, array['T' || i], 'Synthetic technique ' || i, 'post_training'
   from generate_series(1, ${SIZE.techniques}) i, (select ${SYLLABLES} as w) words`,
  `create temporary table bench_technique as select substr(slug, 17)::int as n, id from technique`,
  `update technique t set parent_technique_id = p.id from bench_technique c, bench_technique p
   where c.id = t.id and c.n > 20 and p.n = 1 + c.n % 20`,
  `insert into dataset (slug, name, description, is_benchmark, is_training_data, default_metric_id)
   select 'bench-dataset-' || i, 'Bench ' || initcap(w[1 + i % 37] || w[1 + (i / 37) % 37]) || ' ' || i, 'Synthetic dataset ' || i,
          i <= 800, i > 800, (select id from metric where slug = 'bench-accuracy')
   from generate_series(1, ${SIZE.datasets}) i, (select ${SYLLABLES} as w) words`,
  `create temporary table bench_dataset as select substr(slug, 15)::int as n, id from dataset`,
  `update dataset d set parent_dataset_id = p.id from bench_dataset c, bench_dataset p
   where c.id = d.id and c.n % 10 = 0 and p.n = c.n - 1`,
  `insert into dataset_creator (dataset_id, organization_id)
   select d.id, o.id from bench_dataset d join bench_org o on o.n = 1 + d.n % ${SIZE.organizations}`,
  `insert into model_developer (model_id, organization_id, position, source_id)
   select m.id, o.id, 0, (select id from source where slug = 'bench-source-1')
   from bench_model m join bench_org o on o.n = 1 + m.n % ${SIZE.organizations}`,
  // Chains: a model derives from the one a block before it, except in the first block of each group of ten.
  `insert into model_lineage (model_id, base_model_id, kind, source_id)
   select c.id, b.id, (array['finetune', 'distillation', 'quantization', 'continued_pretraining'])[1 + c.n % 4]::lineage_kind,
          (select id from source where slug = 'bench-source-2')
   from bench_model c join bench_model b on b.n = c.n - ${BLOCK}
   where ((c.n - 1) / ${BLOCK}) % 10 <> 0`,
  // Merges: every 7th model (from the third block of a group on) also derives from a model two blocks back.
  `insert into model_lineage (model_id, base_model_id, kind, source_id)
   select c.id, b.id, 'merge', (select id from source where slug = 'bench-source-2')
   from bench_model c join bench_model b on b.n = c.n - 2 * ${BLOCK} - 1
   where c.n % 7 = 0 and ((c.n - 1) / ${BLOCK}) % 10 >= 2`,
  `insert into model_technique (model_id, technique_id, stage, source_id)
   select m.id, t.id, k, (select id from source where slug = 'bench-source-3')
   from bench_model m cross join generate_series(1, 3) k
   join bench_technique t on t.n = 1 + (m.n + (k - 1) * 67) % ${SIZE.techniques}`,
  `insert into model_technique_dataset (model_technique_id, dataset_id)
   select mt.id, d.id from model_technique mt join bench_model m on m.id = mt.model_id
   join bench_dataset d on d.n = 801 + m.n % 200 where mt.stage = 1`,
  // Results: 10 per model on 800 benchmarks, 0 or 5 shots; a third first-party, the rest by 20 evaluators.
  `insert into benchmark_result (model_id, dataset_id, metric_id, value, reported_value, shots,
     evaluator_organization_id, evaluator_relationship, source_id, reported_on)
   select m.id, d.id, case when d.n % 5 = 0 then me.id else ma.id end,
          ((m.n * 37 + k * 101) % 1000) / 10.0, (((m.n * 37 + k * 101) % 1000) / 10.0)::text, (k % 2) * 5,
          case when k % 3 = 0 then dev.organization_id else o.id end,
          (case when k % 3 = 0 then 'first_party' else 'third_party' end)::evaluator_relationship,
          s.id, date '2025-01-01' + (k * 11 + m.n) % 300
   from bench_model m cross join generate_series(0, ${SIZE.resultsPerModel - 1}) k
   join bench_dataset d on d.n = 1 + (m.n * 7 + k * 79) % 800
   join model_developer dev on dev.model_id = m.id
   join bench_org o on o.n = 1 + (m.n + k) % 20
   join source s on s.slug = 'bench-source-' || (1 + (k * 10 + m.n % 10) % 100)
   cross join (select id from metric where slug = 'bench-accuracy') ma
   cross join (select id from metric where slug = 'bench-error-rate') me`,
  // Steady state: planner statistics, and the GIN indexes' pending lists merged (a bulk load leaves them full).
  `vacuum analyze`,
];

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
