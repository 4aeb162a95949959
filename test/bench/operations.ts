/**
 * What `npm run bench` and `npm run bench:explain` send: the four shapes of issue 11 (Q1–Q4, each with a
 * hand-written SQL twin in ceiling.ts) and the analyst operations, with variables picked from the database at
 * hand (the synthetic graph of synthetic-graph.ts at any scale, or any other database with data). Read-only.
 */
import type pg from 'pg';

export type BenchOperation = {
  name: string;
  /** Shapes have a ceiling twin; analyst operations do not. */
  kind: 'shape' | 'analyst';
  query: string;
  variables: Record<string, unknown>;
};

export const SHAPE_QUERIES = {
  Q1: `query Q1($slug: String!) {
  model(slug: $slug) {
    slug name parameterCount releaseDate
    organization { slug name }
    baseModels { kind baseModel { slug name } }
    results(first: 50) { nodes { value metric { slug } dataset { name } } }
  }
}`,
  Q2: `query Q2 {
  organizations(first: 20, orderBy: { field: NAME }) {
    nodes {
      slug name
      models(first: 10) { nodes { slug name results(first: 5) { nodes { value metric { slug } dataset { name } } } } }
    }
  }
}`,
  Q3: `query Q3($dataset: String!, $metric: String!) {
  benchmarkResults(filter: { dataset: [$dataset], metric: [$metric] }, orderBy: { field: VALUE, direction: DESC }, first: 20) {
    nodes { value model { slug name organization { name } } }
  }
}`,
  Q4: `query Q4($min: SafeInt!, $max: SafeInt!) {
  models(filter: { minParameters: $min, maxParameters: $max }, orderBy: { field: RELEASE_DATE }, first: 50) {
    totalCount
    nodes { slug name parameterCount releaseDate organization { name } }
  }
}`,
} as const;

export type ShapeName = keyof typeof SHAPE_QUERIES;

export const ANALYST_QUERIES = {
  leaderboard: `query Leaderboard($dataset: String!, $metric: String!, $setting: EvaluationSettingInput) {
  leaderboard(dataset: $dataset, metric: $metric, setting: $setting, first: 50) {
    totalModels
    entries { rank value model { name } organization { name } source { slug } conflict { count spread } }
  }
}`,
  compare: `query Compare($models: [String!]!, $datasets: [String!]!) {
  compare(models: $models, datasets: $datasets) {
    rows { cells { model { name } value } winners { name } margin }
    records { model { name } wins ties losses missing }
  }
}`,
  beats: `query Beats($slug: String!) {
  model(slug: $slug) { name beats { margin winnerValue loserValue loser { name } } }
}`,
  claimVerdicts: `query ClaimVerdicts($source: String!) {
  claims(first: 20, filter: { source: [$source] }) {
    nodes { ordinal statement verdict { verdict summary checks { description outcome expected actual } } }
  }
}`,
  search: `query Search($text: String!) {
  search(text: $text) { totalCount hits { type name score } }
}`,
  lineage: `query Lineage($leaf: String!, $root: String!) {
  leaf: model(slug: $leaf) { ancestors { depth model { name } path { kind } } }
  root: model(slug: $root) { descendants(maxDepth: 3) { depth model { name } } }
}`,
  path: `query Path($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxHops: 4) { length steps { edge { type } direction } }
}`,
  neighborhood: `query Neighborhood($id: ID!) {
  neighborhood(id: $id, depth: 2, limit: 200) { truncated nodes { name depth } edges { type } }
}`,
} as const;

const globalId = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64');

async function one<T extends Record<string, unknown>>(
  client: pg.ClientBase,
  text: string,
  params: unknown[] = [],
): Promise<T | undefined> {
  return (await client.query<T>(text, params)).rows[0];
}

/**
 * The operations with realistic variables: the busiest dataset, metric and comparable set, a model with several
 * base models, a deep lineage chain... An analyst operation whose data is missing (no claims, no lineage) is left
 * out and named in `skipped`.
 */
export async function pickOperations(
  client: pg.ClientBase,
): Promise<{ operations: BenchOperation[]; skipped: string[] }> {
  const skipped: string[] = [];
  const operations: BenchOperation[] = [];
  const add = (name: string, kind: BenchOperation['kind'], query: string, variables?: Record<string, unknown>) => {
    if (variables) operations.push({ name, kind, query, variables });
    else skipped.push(name);
  };

  // Q1: the model with the most base models (a merge), then the most results.
  const card = await one<{ slug: string }>(
    client,
    `select m.slug from model m
     left join lateral (select count(*) as n from model_lineage l where l.model_id = m.id) l on true
     left join lateral (select count(*) as n from benchmark_result r where r.model_id = m.id) r on true
     where m.id in (select model_id from model_lineage group by model_id order by count(*) desc, model_id limit 50)
     order by l.n desc, r.n desc, m.id limit 1`,
  );
  add('Q1 model card', 'shape', SHAPE_QUERIES.Q1, card && { slug: card.slug });
  add('Q2 organizations → models → results', 'shape', SHAPE_QUERIES.Q2, {});
  // Q3: the (dataset, metric) pair with the most results.
  const busiestPair = await one<{ dataset: string; metric: string }>(
    client,
    `select d.slug as dataset, m.slug as metric
     from (select dataset_id, metric_id from benchmark_result group by 1, 2 order by count(*) desc, 1, 2 limit 1) p
     join dataset d on d.id = p.dataset_id join metric m on m.id = p.metric_id`,
  );
  add('Q3 results of a dataset and metric by value', 'shape', SHAPE_QUERIES.Q3, busiestPair);
  add('Q4 models 7B–70B by release date', 'shape', SHAPE_QUERIES.Q4, { min: 7e9, max: 70e9 });

  // The comparable set with the most results, and models that share it.
  const key = await one<Record<string, unknown>>(
    client,
    `select d.slug as dataset, m.slug as metric, r.shots, r.chain_of_thought, r.pass_k, r.split, r.variant,
            (array_agg(distinct mo.slug))[1:5] as models
     from (select comparability_key from benchmark_result group by 1 order by count(*) desc, 1 limit 1) k
     join benchmark_result r on r.comparability_key = k.comparability_key
     join dataset d on d.id = r.dataset_id join metric m on m.id = r.metric_id join model mo on mo.id = r.model_id
     group by d.slug, m.slug, r.shots, r.chain_of_thought, r.pass_k, r.split, r.variant limit 1`,
  );
  add(
    'leaderboard of the busiest comparable set, first 50',
    'analyst',
    ANALYST_QUERIES.leaderboard,
    key && {
      dataset: key.dataset,
      metric: key.metric,
      setting: {
        shots: key.shots,
        chainOfThought: key.chain_of_thought,
        passK: key.pass_k,
        split: key.split,
        variant: key.variant,
      },
    },
  );
  const models = (key?.models as string[] | undefined) ?? [];
  const datasets = models.length
    ? (
        await client.query<{ slug: string }>(
          `select distinct d.slug from benchmark_result r join model m on m.id = r.model_id
           join dataset d on d.id = r.dataset_id where m.slug = any($1) order by d.slug limit 20`,
          [models],
        )
      ).rows.map((r) => r.slug)
    : [];
  add(
    `compare ${models.length} models over ${datasets.length} datasets`,
    'analyst',
    ANALYST_QUERIES.compare,
    models.length > 1 ? { models, datasets } : undefined,
  );
  add("a model's derived wins (beats)", 'analyst', ANALYST_QUERIES.beats, models[0] ? { slug: models[0] } : undefined);

  const claimSource = await one<{ slug: string }>(
    client,
    `select s.slug from (select source_id from claim group by 1 order by count(*) desc, 1 limit 1) c
     join source s on s.id = c.source_id`,
  );
  add(
    'claim verdicts of one source, first 20',
    'analyst',
    ANALYST_QUERIES.claimVerdicts,
    claimSource && { source: claimSource.slug },
  );

  const named = await one<{ name: string }>(client, `select name from model order by id offset 777 limit 1`);
  add(
    'search, a model name with a typo',
    'analyst',
    ANALYST_QUERIES.search,
    named && { text: named.name.slice(0, 3) + named.name.slice(4) },
  );

  // Lineage: the model with the deepest ancestry among merges, and a root with descendants.
  const leaf = await one<{ slug: string }>(
    client,
    `select m.slug from model m where m.id = (select model_id from model_lineage group by 1 order by count(*) desc, 1 desc limit 1)`,
  );
  const root = await one<{ slug: string }>(
    client,
    `select m.slug from model m where m.id = (select l.base_model_id from model_lineage l
       where not exists (select 1 from model_lineage p where p.model_id = l.base_model_id) order by 1 limit 1)`,
  );
  add(
    'lineage: ancestors of a merged model, descendants (3 levels) of a root',
    'analyst',
    ANALYST_QUERIES.lineage,
    leaf && root ? { leaf: leaf.slug, root: root.slug } : undefined,
  );

  const orgs = (
    await client.query<{ id: number }>(
      `select organization_id as id from model_developer group by 1 order by count(*) desc, 1 limit 8`,
    )
  ).rows;
  add(
    'path between two organizations, all edge types, maxHops 4',
    'analyst',
    ANALYST_QUERIES.path,
    orgs.length > 1
      ? { from: globalId('Organization', orgs[0]!.id), to: globalId('Organization', orgs.at(-1)!.id) }
      : undefined,
  );
  const center = card && (await one<{ id: number }>(client, `select id from model where slug = $1`, [card.slug]));
  add(
    'neighborhood of a model, depth 2, all edge types, 200 nodes',
    'analyst',
    ANALYST_QUERIES.neighborhood,
    center && { id: globalId('Model', center.id) },
  );
  return { operations, skipped };
}
