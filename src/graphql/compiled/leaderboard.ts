/**
 * `Query.leaderboard` on the compiled query path: the leaderboard over all results and every model (no `filter`,
 * no `asOf`: those compute the preferred results for the request and stay with the resolvers), as one part of
 * the statement. The set is named as `resolveComparability` names it, from `comparability_set`; when the
 * arguments name no set or several (or an unknown dataset or metric), the field is null and the resolvers answer
 * with their error. The page is the resolver's own SQL (`storedLeaderboardPage`); entries, conflicts and the
 * comparability are built from rows of it that are not tables, so their fields are declared here. Also
 * `Model.beats` / `beatenBy` without `dataset` (a slug the resolvers check): the rows of `model_beats_of`, as
 * the resolvers' loader reads them.
 */
import { type SQL, sql } from 'drizzle-orm';
import { storedLeaderboardPage } from '../../analytics/ranking.ts';
import type { SettingInput } from '../../analytics/comparability.ts';
import { benchmarkResult, comparabilitySet, dataset, metric, model, source } from '../../db/schema.ts';
import { COMPARISON_LIMITS } from '../types/comparison.ts';
import { leadOrganizationJson } from './lead-organization.ts';
import { collectFields, NotCompilable, subSelections } from './selection.ts';
import {
  byId,
  type Catalog,
  derived,
  expression,
  type FieldContext,
  type Row,
  listJson,
  objectJson,
  objectTypeOf,
} from './sql-json.ts';

type LeaderboardArgs = {
  dataset: string;
  metric: string;
  setting?: SettingInput | null;
  filter?: unknown;
  asOf?: string | null;
  first?: number | null;
};

/** The fields of `EvaluationSettingInput`, which are also the names of `comparability_set`'s setting columns. */
const SETTING_FIELDS = ['shots', 'chainOfThought', 'passK', 'split', 'variant', 'scaffold'] as const;

function leaderboardJson(context: FieldContext): SQL {
  const { scope, args, responseKey } = context;
  const { dataset: datasetSlug, metric: metricSlug, setting, filter, asOf, first } = args as LeaderboardArgs;
  if (filter != null || asOf != null) throw new NotCompilable('leaderboard filter or asOf');
  if (typeof first !== 'number' || first < 1 || first > COMPARISON_LIMITS.leaderboardEntries) {
    throw new NotCompilable('leaderboard first');
  }
  // Zero or several sets, or an unknown slug: null, and the resolvers say why.
  scope.nullMeansFallback.push(responseKey);
  const set = scope.from(comparabilitySet);
  const conditions = [
    sql`${set.row.datasetId} = (select ${dataset.id} from ${dataset} where ${dataset.slug} = ${datasetSlug})`,
    sql`${set.row.metricId} = (select ${metric.id} from ${metric} where ${metric.slug} = ${metricSlug})`,
  ];
  // A setting field given must match (an explicit null: not stated); one left out matches anything.
  for (const field of SETTING_FIELDS) {
    const value = setting?.[field];
    if (value !== undefined) conditions.push(sql`${set.row[field]} is not distinct from ${value}`);
  }
  const board = derived({
    key: set.row.comparabilityKey,
    metricId: set.row.metricId,
    totalModels: sql`(select count(*) from result_preference where comparability_key = ${set.row.comparabilityKey})::int`,
    asOf: sql`null::date`,
    first: sql.raw(String(first)),
    set: set.row as unknown as SQL,
  });
  const json = objectJson(scope, objectTypeOf(context.field.type), context.nodes, board);
  // The matching sets counted before the first is taken: its board only when it is the one.
  return sql`(select case when count(*) over () = 1 then ${json} end
              from ${set.source} where ${sql.join(conditions, sql` and `)} limit 1)`;
}

/** A `Comparability` object from a row of `comparability_set`. */
function comparabilityJson(context: FieldContext, set: Row & typeof comparabilitySet): SQL {
  const comparability = derived({
    key: set.comparabilityKey,
    resultCount: set.resultCount,
    datasetId: set.datasetId,
    metricId: set.metricId,
    shots: set.shots,
    chainOfThought: set.chainOfThought,
    passK: set.passK,
    split: set.split,
    variant: set.variant,
    scaffold: set.scaffold,
    harness: sql`null::text`,
  });
  return objectJson(context.scope, objectTypeOf(context.field.type), context.nodes, comparability);
}

/** The `Comparability` of the set whose key the parent's row holds under `key`. */
export function comparabilityOfKey(context: FieldContext): SQL {
  const set = context.scope.from(comparabilitySet);
  const json = comparabilityJson(context, set.row);
  return sql`(select ${json} from ${set.source} where ${set.row.comparabilityKey} = ${expression(context.row, 'key')})`;
}

/** `Model.beats` (wins) or `beatenBy` (losses): the model's first `first` by margin, from `model_beats_of`. */
const beatsOf =
  (losses: boolean) =>
  (context: FieldContext): SQL => {
    const { scope, row } = context;
    const {
      dataset: datasetSlug,
      minMargin,
      first,
    } = context.args as {
      dataset?: string | null;
      minMargin?: number | null;
      first?: number;
    };
    if (datasetSlug != null) throw new NotCompilable('beats dataset');
    if (typeof first !== 'number' || first < 1 || first > COMPARISON_LIMITS.beats) {
      throw new NotCompilable('beats first');
    }
    const beat = scope.name();
    const column = (name: string) => sql.raw(`"${beat}"."${name}"`);
    const fields = derived({
      winnerId: column('winner_id'),
      loserId: column('loser_id'),
      key: column('comparability_key'),
      winnerValue: column('winner_value'),
      loserValue: column('loser_value'),
      // As roundDifference(): a difference of printed scores without binary noise.
      margin: sql`round(${column('margin')}::numeric, 6)::float8`,
      winnerResultId: column('winner_result_id'),
      loserResultId: column('loser_result_id'),
    });
    const json = objectJson(scope, objectTypeOf(context.field.type), context.nodes, fields);
    return sql`coalesce((select json_agg(${json} order by ${column('ordinality')})
      from model_beats_of(array[${row.id}]::int[], ${losses}, null::int, ${minMargin ?? null}::float8,
                          ${sql.raw(String(first))}) with ordinality ${sql.raw(`"${beat}"`)}), '[]'::json)`;
  };

export const leaderboardCatalog: Catalog = {
  Query: { leaderboard: leaderboardJson },
  Model: { beats: beatsOf(false), beatenBy: beatsOf(true) },
  Beat: {
    winner: byId(model, 'winnerId'),
    loser: byId(model, 'loserId'),
    winnerResult: byId(benchmarkResult, 'winnerResultId'),
    loserResult: byId(benchmarkResult, 'loserResultId'),
    comparability: comparabilityOfKey,
  },
  Leaderboard: {
    comparability: (context) =>
      comparabilityJson(context, expression(context.row, 'set') as unknown as Row & typeof comparabilitySet),
    entries: (context) => {
      const { scope, row } = context;
      const key = expression(row, 'key');
      const page = scope.name();
      const stats = scope.name();
      const column = (alias: string, name: string) => sql.raw(`"${alias}"."${name}"`);
      const entry = derived({
        rank: column(page, 'rank'),
        value: column(page, 'value'),
        modelId: column(page, 'model_id'),
        resultId: column(page, 'id'),
        sourceId: column(page, 'source_id'),
        key: key as SQL,
        conflictCount: column(stats, 'count'),
        conflictMin: column(stats, 'min'),
        conflictMax: column(stats, 'max'),
      });
      const entryType = objectTypeOf(context.field.type);
      const json = objectJson(scope, entryType, context.nodes, entry);
      // The results at each entry's model, counted, only when the entries' conflicts are asked for.
      const selected = collectFields(entryType, subSelections(context.nodes), scope.fragments, scope.variables);
      const conflicts = [...selected.values()].some((group) => group[0]!.name.value === 'conflict');
      const pageSql = storedLeaderboardPage(
        key as SQL,
        expression(row, 'metricId') as SQL,
        expression(row, 'first') as SQL,
      );
      return sql`coalesce((select json_agg(${json} order by ${column(page, 'rank')}, ${column(page, 'model_id')})
        from (${pageSql}) ${sql.raw(`"${page}"`)}
        ${
          conflicts
            ? sql`cross join lateral (
          select count(*)::int as count, min(r.value) as min, max(r.value) as max from ${benchmarkResult} r
          where r.comparability_key = ${key} and r.model_id = ${column(page, 'model_id')}
        ) ${sql.raw(`"${stats}"`)}`
            : sql``
        }), '[]'::json)`;
    },
  },
  LeaderboardEntry: {
    model: byId(model, 'modelId'),
    organization: (context) => leadOrganizationJson(context, expression(context.row, 'modelId')),
    result: byId(benchmarkResult, 'resultId'),
    source: byId(source, 'sourceId'),
    conflict: (context) => {
      const { row } = context;
      const min = expression(row, 'conflictMin');
      const max = expression(row, 'conflictMax');
      const conflict = derived({
        key: expression(row, 'key'),
        modelId: expression(row, 'modelId'),
        count: expression(row, 'conflictCount'),
        min,
        max,
        // As roundDifference(): a difference of printed scores without binary noise.
        spread: sql`round((${max} - ${min})::numeric, 6)::float8`,
      });
      return objectJson(context.scope, objectTypeOf(context.field.type), context.nodes, conflict);
    },
  },
  ResultConflict: {
    count: ({ row }) => sql`${expression(row, 'count')}`,
    results: (context) =>
      listJson(
        context.scope,
        context,
        benchmarkResult,
        (result) =>
          sql`${result.comparabilityKey} = ${expression(context.row, 'key')} and ${result.modelId} = ${expression(context.row, 'modelId')}`,
        (result) => [{ expression: sql`${result.id}`, direction: 'asc' }],
      ),
  },
  Comparability: {
    dataset: byId(dataset, 'datasetId'),
    metric: byId(metric, 'metricId'),
    setting: (context) => objectJson(context.scope, objectTypeOf(context.field.type), context.nodes, context.row),
  },
};
