/**
 * `Query.compare` on the compiled query path: the matrix of `compare()` (src/analytics/ranking.ts) as one part
 * of the statement. Models, datasets and metrics are named by slug; when one is unknown the field is null and
 * the resolvers answer with their error, as they do for counts out of bounds (not compiled at all).
 *
 * The preferred results are chosen by `compute_preferred_results`' rule (src/db/sql/30-comparison.sql), restated
 * here over the compared models' results on the datasets: called with ids computed in the same statement, the
 * function could not use its indexes (ranking.ts says why the resolvers send two statements). A comparable set is
 * one dataset and metric, so these are exactly the results the resolvers rank.
 */
import { type SQL, sql } from 'drizzle-orm';
import { textArrayLiteral } from '../../analytics/sql.ts';
import { benchmarkResult, model } from '../../db/schema.ts';
import { COMPARISON_LIMITS } from '../types/comparison.ts';
import { comparabilityOfKey } from './leaderboard.ts';
import { NotCompilable } from './selection.ts';
import { byId, type Catalog, derived, expression, type FieldContext, objectJson, objectTypeOf } from './sql-json.ts';

type CompareArgs = { models: string[]; datasets: string[]; metrics?: string[] | null };

/** The subquery's own tables: compared models (`n`, `id`), comparable sets (one row each) and cells. */
const TABLES = ['models', 'datasets', 'metrics', 'eligible', 'preferred', 'sets', 'cells'] as const;
type Tables = Record<(typeof TABLES)[number], SQL>;

/** Ids of `table` for a list of slugs (null for an unknown one), numbered in the order given. */
const slugIds = (table: string, slugs: readonly string[]) =>
  sql`select s.n, t.id from unnest(${textArrayLiteral(slugs)}::text[]) with ordinality s(slug, n)
      left join ${sql.identifier(table)} t on t.slug = s.slug`;

/** The tables of the `compare` field a row belongs to (carried by every derived row under `tables`). */
const tablesOf = (context: FieldContext) => expression(context.row, 'tables') as unknown as Tables;

function compareJson(context: FieldContext): SQL {
  const { scope, args, responseKey } = context;
  const given = args as CompareArgs;
  // Bounds as the resolver checks them: its errors are its own to give.
  const models = [...new Set(given.models)];
  if (models.length < 2 || models.length > COMPARISON_LIMITS.models) throw new NotCompilable('compare models');
  if (given.datasets.length < 1 || given.datasets.length > COMPARISON_LIMITS.datasets) {
    throw new NotCompilable('compare datasets');
  }
  const metrics = given.metrics ? [...new Set(given.metrics)] : undefined;
  // An unknown slug: null, and the resolvers say which.
  scope.nullMeansFallback.push(responseKey);
  const prefix = scope.name();
  const t = Object.fromEntries(TABLES.map((name) => [name, sql.raw(`"${prefix}_${name}"`)])) as Tables;
  const ids = (table: SQL) => sql`array(select id from ${table})`;
  const known = (table: SQL) => sql`(select bool_and(id is not null) from ${table})`;
  const json = objectJson(scope, objectTypeOf(context.field.type), context.nodes, derived({ tables: t as never }));
  return sql`(with
    ${t.models} as (${slugIds('model', models)}),
    ${t.datasets} as (${slugIds('dataset', [...new Set(given.datasets)])}),
    ${t.metrics} as (${metrics ? slugIds('metric', metrics) : sql`select 1::bigint as n, 1 as id`}),
    ${t.eligible} as (
      select r.id, r.model_id, r.metric_id, r.comparability_key, r.value, r.source_id, r.evaluator_relationship,
             r.reported_on, r.dataset_id
      from ${benchmarkResult} r
      where r.model_id = any(${ids(t.models)}) and r.dataset_id = any(${ids(t.datasets)})
        ${metrics ? sql`and r.metric_id = any(${ids(t.metrics)})` : sql``}),
    ${t.preferred} as (
      -- compute_preferred_results' order: the source covering the most compared models at the set, then a third
      -- party, then the newest, then the earliest stored.
      select distinct on (e.comparability_key, e.model_id) e.id, e.model_id, e.dataset_id, e.metric_id,
             e.comparability_key as key, e.value
      from ${t.eligible} e
      join (select comparability_key, source_id, count(distinct model_id) as covered from ${t.eligible} group by 1, 2) c
        on c.comparability_key = e.comparability_key and c.source_id = e.source_id
      order by e.comparability_key, e.model_id, c.covered desc, (e.evaluator_relationship = 'third_party') desc,
               e.reported_on desc nulls last, e.id),
    ${t.sets} as (
      select p.key, min(p.dataset_id) as dataset_id, min(p.metric_id) as metric_id, count(*) >= 2 as ranked,
             case when bool_and(m.higher_is_better) then max(p.value) else min(p.value) end as best,
             bool_and(m.higher_is_better) as higher_is_better
      from ${t.preferred} p join metric m on m.id = p.metric_id group by p.key),
    ${t.cells} as (
      select k.key, k.ranked, k.best, w.n, w.id as model_id, p.id as result_id, p.value,
             k.ranked and p.value = k.best as top,
             count(*) filter (where k.ranked and p.value = k.best) over (partition by k.key) as winners,
             case when k.higher_is_better then max(p.value) filter (where p.value <> k.best) over (partition by k.key)
                  else min(p.value) filter (where p.value <> k.best) over (partition by k.key) end as second
      from ${t.sets} k cross join ${t.models} w left join ${t.preferred} p on p.key = k.key and p.model_id = w.id)
    select case when ${known(t.models)} and ${known(t.datasets)} and ${known(t.metrics)} then ${json} end)`;
}

/** `Comparison.rows` (ranked) or `incomparable`: one object per comparable set, by dataset, metric and key. */
const rowsOf = (ranked: boolean) => (context: FieldContext) => {
  const t = tablesOf(context);
  const row = derived({
    tables: t as never,
    key: sql`k.key`,
    ranked: sql`k.ranked`,
    // As compare(): 0 on a tie, else the winner's lead over the next best (rounded as roundDifference()).
    margin: sql`(case when not k.ranked then null
      else (select case when max(c.winners) > 1 then 0 else round(abs(max(c.best) - max(c.second))::numeric, 6)::float8 end
            from ${t.cells} c where c.key = k.key) end)`,
  });
  const json = objectJson(context.scope, objectTypeOf(context.field.type), context.nodes, row);
  return sql`coalesce((select json_agg(${json} order by k.dataset_id, k.metric_id, k.key)
    from ${t.sets} k where ${ranked ? sql`k.ranked` : sql`not k.ranked`}), '[]'::json)`;
};

/** Each compared model's record over the ranked sets, in the order the models were given. */
function recordsJson(context: FieldContext): SQL {
  const t = tablesOf(context);
  const record = derived({
    modelId: sql`w.id`,
    wins: sql`s.wins`,
    ties: sql`s.ties`,
    losses: sql`s.losses`,
    missing: sql`s.missing`,
  });
  const json = objectJson(context.scope, objectTypeOf(context.field.type), context.nodes, record);
  return sql`coalesce((select json_agg(${json} order by w.n) from ${t.models} w cross join lateral (
      select count(*) filter (where c.top and c.winners = 1)::int as wins,
             count(*) filter (where c.top and c.winners > 1)::int as ties,
             count(*) filter (where c.ranked and c.value is not null and not c.top)::int as losses,
             count(*) filter (where c.ranked and c.value is null)::int as missing
      from ${t.cells} c where c.model_id = w.id) s), '[]'::json)`;
}

/** A set's cells (every compared model, in order) or its winners (the models with the best value). */
const cellsOf = (winners: boolean) => (context: FieldContext) => {
  const { scope, row } = context;
  const t = tablesOf(context);
  const where = sql`c.key = ${expression(row, 'key')} ${winners ? sql`and c.top` : sql``}`;
  if (winners) {
    const winner = scope.from(model);
    const json = objectJson(scope, objectTypeOf(context.field.type), context.nodes, winner.row);
    return sql`coalesce((select json_agg(${json} order by c.n) from ${t.cells} c
      join ${winner.source} on ${winner.row.id} = c.model_id where ${where}), '[]'::json)`;
  }
  const cell = derived({ modelId: sql`c.model_id`, resultId: sql`c.result_id`, value: sql`c.value` });
  const json = objectJson(scope, objectTypeOf(context.field.type), context.nodes, cell);
  return sql`coalesce((select json_agg(${json} order by c.n) from ${t.cells} c where ${where}), '[]'::json)`;
};

export const compareCatalog: Catalog = {
  Query: { compare: compareJson },
  Comparison: { rows: rowsOf(true), incomparable: rowsOf(false), records: recordsJson },
  ComparisonRow: { comparability: comparabilityOfKey, cells: cellsOf(false), winners: cellsOf(true) },
  ComparisonCell: { model: byId(model, 'modelId'), result: byId(benchmarkResult, 'resultId') },
  ComparisonRecord: { model: byId(model, 'modelId') },
};
