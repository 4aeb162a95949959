/**
 * Leaderboards, comparisons and who-beats-whom, all computed from comparable results (one comparability key)
 * and the preference rule of `preferred_results()` (src/db/sql/30-comparison.sql). Over all results and every
 * model they read the preferred results stored in `result_preference`; with an `asOf` date or a set of compared
 * models they compute them.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import type { Comparability } from './comparability.ts';
import { intArray, intArrayLiteral, rows, textArrayLiteral } from './sql.ts';

/** Differences of printed scores (95.5 - 93.6) without binary noise (1.8999999999999986). */
export const roundDifference = (x: number) => Math.round(x * 1e6) / 1e6;

/** All results for one model at one key: the preferred one and the ones it was chosen over. */
export type Conflict = { resultIds: number[]; min: number; max: number; spread: number };

export type LeaderboardEntry = {
  rank: number;
  modelId: number;
  resultId: number;
  sourceId: number;
  value: number;
  conflict: Conflict;
};

export type Leaderboard = {
  comparability: Comparability;
  asOf: string | null;
  entries: LeaderboardEntry[];
  totalModels: number;
};

type ConflictRow = { model_id: number; ids: number[]; min: number; max: number };

async function conflicts(
  db: AppDb,
  key: string,
  modelIds: number[],
  asOf: string | null,
): Promise<Map<number, Conflict>> {
  if (modelIds.length === 0) return new Map();
  const found = await rows<ConflictRow>(
    db,
    sql`select model_id, json_agg(id order by id) as ids, min(value) as min, max(value) as max
        from benchmark_result
        where comparability_key = ${key} and model_id = any(${intArray(modelIds)})
          and (${asOf}::date is null or reported_on <= ${asOf}::date)
        group by model_id`,
  );
  return new Map(
    found.map((r) => [
      Number(r.model_id),
      {
        resultIds: r.ids.map(Number),
        min: Number(r.min),
        max: Number(r.max),
        spread: roundDifference(Number(r.max) - Number(r.min)),
      },
    ]),
  );
}

/**
 * Every model at one key over all results, as preferred_results() ranks them, from the stored preferred results
 * (`result_preference`) in value order through its (key, value) index: the first `limit` cost their number, not
 * the key's thousands of models (a window over the whole key would sort them all). The metric's direction picks
 * the branch. Columns: id (the result), model_id, source_id, value, rank (ties share one), total (models ranked);
 * in rank order, then by model. Also the compiled query path's leaderboard (src/graphql/compiled/leaderboard.ts).
 */
export function storedLeaderboardPage(key: SQL, metricId: SQL, limit: SQL): SQL {
  const page = (order: SQL) => sql`(
      select p.result_id as id, p.model_id, p.source_id, p.value, rank() over (order by p.value ${order})::int as rank
      from result_preference p where p.comparability_key = ${key}
      order by p.value ${order}, p.model_id limit ${limit})`;
  const total = sql`(select count(*) from result_preference where comparability_key = ${key})::int`;
  return sql`with direction as (select higher_is_better from metric where id = ${metricId})
      select page.*, ${total} as total from ${page(sql`desc`)} page where (select higher_is_better from direction)
      union all
      select page.*, ${total} as total from ${page(sql`asc`)} page where not (select higher_is_better from direction)
      order by rank, model_id`;
}

/**
 * Models ranked at one key. Ties share a rank (1, 1, 3). `models` restricts the field (a SQL condition on the
 * `model` table); `asOf` keeps only results reported by that date.
 */
export async function leaderboard(
  db: AppDb,
  {
    comparability,
    models,
    asOf = null,
    limit,
  }: { comparability: Comparability; models?: SQL | undefined; asOf?: string | null; limit: number },
): Promise<Leaderboard> {
  type Ranked = { id: number; model_id: number; source_id: number; value: number; rank: number; total: number };
  let ranked: Ranked[];
  if (asOf === null && !models) {
    ranked = await rows<Ranked>(
      db,
      storedLeaderboardPage(sql`${comparability.key}`, sql`${comparability.metricId}`, sql`${limit}`),
    );
  } else {
    const modelIds = models ? sql`array(select id from model where ${models})` : sql`null::int[]`;
    ranked = await rows<Ranked>(
      db,
      sql`select p.id, p.model_id, p.source_id, p.value,
                 rank() over (order by case when m.higher_is_better then -p.value else p.value end)::int as rank,
                 count(*) over ()::int as total
          from preferred_results(${asOf}::date, ${modelIds}, ${textArrayLiteral([comparability.key])}::text[]) p
          join metric m on m.id = p.metric_id
          order by rank, p.model_id
          limit ${limit}`,
    );
  }
  const byModel = await conflicts(
    db,
    comparability.key,
    ranked.map((r) => Number(r.model_id)),
    asOf,
  );
  return {
    comparability,
    asOf,
    totalModels: Number(ranked[0]?.total ?? 0),
    entries: ranked.map((r) => ({
      rank: Number(r.rank),
      modelId: Number(r.model_id),
      resultId: Number(r.id),
      sourceId: Number(r.source_id),
      value: Number(r.value),
      conflict: byModel.get(Number(r.model_id)) as Conflict,
    })),
  };
}

export type ComparisonCell = { modelId: number; resultId: number | null; value: number | null };

export type ComparisonRow = {
  key: string;
  datasetId: number;
  metricId: number;
  cells: ComparisonCell[];
  /** Models sharing the best value (several on a tie). */
  winnerIds: number[];
  /** Best value minus the best value of the others (0 on a tie); null when fewer than two models have a value. */
  margin: number | null;
};

export type ModelRecord = { modelId: number; wins: number; ties: number; losses: number; missing: number };

export type Comparison = {
  rows: ComparisonRow[];
  /** Keys where fewer than two of the models have a result: listed, never ranked. */
  incomparable: ComparisonRow[];
  records: ModelRecord[];
};

type PreferredRow = {
  id: number;
  model_id: number;
  dataset_id: number;
  metric_id: number;
  comparability_key: string;
  value: number;
  higher_is_better: boolean;
};

/**
 * A matrix of comparable scores: one row per comparability key on the datasets, one cell per model (the
 * model's preferred result, chosen with coverage counted among these models). A row ranks only when at least
 * two models have a value; per model, a row counts as a win (sole best), a tie (shared best), a loss or missing.
 */
export async function compare(
  db: AppDb,
  { modelIds, datasetIds, metricIds }: { modelIds: number[]; datasetIds: number[]; metricIds?: number[] | undefined },
): Promise<Comparison> {
  const metricList = metricIds ? intArray(metricIds) : sql`null::int[]`;
  // Keys first, then passed as a value, in a second statement: computed inside the same statement, they would
  // reach the planner as a subquery and preferred_results() could not use its index (measured on 400k results:
  // 29 s instead of 0.13 s).
  const keys = await rows<{ key: string }>(
    db,
    sql`select distinct comparability_key as key from benchmark_result
        where dataset_id = any(${intArray(datasetIds)}) and model_id = any(${intArray(modelIds)})
          and (${metricList} is null or metric_id = any(${metricList}))`,
  );
  const preferred =
    keys.length === 0
      ? []
      : await rows<PreferredRow>(
          db,
          sql`select p.id, p.model_id, p.dataset_id, p.metric_id, p.comparability_key, p.value, m.higher_is_better
              from preferred_results(null, ${intArrayLiteral(modelIds)}::int[], ${textArrayLiteral(keys.map((k) => k.key))}::text[]) p
              join metric m on m.id = p.metric_id
              order by p.dataset_id, p.metric_id, p.comparability_key`,
        );
  const byKey = new Map<string, PreferredRow[]>();
  for (const row of preferred) byKey.set(row.comparability_key, [...(byKey.get(row.comparability_key) ?? []), row]);

  const records = new Map(modelIds.map((id) => [id, { modelId: id, wins: 0, ties: 0, losses: 0, missing: 0 }]));
  const ranked: ComparisonRow[] = [];
  const incomparable: ComparisonRow[] = [];
  for (const [key, results] of byKey) {
    const first = results[0] as PreferredRow;
    const better = (a: number, b: number) => (first.higher_is_better ? a > b : a < b);
    const cells = modelIds.map((modelId) => {
      const r = results.find((x) => Number(x.model_id) === modelId);
      return { modelId, resultId: r ? Number(r.id) : null, value: r ? Number(r.value) : null };
    });
    const valued = cells.filter((c): c is ComparisonCell & { value: number } => c.value !== null);
    const row: ComparisonRow = {
      key,
      datasetId: Number(first.dataset_id),
      metricId: Number(first.metric_id),
      cells,
      winnerIds: [],
      margin: null,
    };
    if (valued.length < 2) {
      incomparable.push(row);
      continue;
    }
    const best = valued.reduce((a, b) => (better(b.value, a.value) ? b : a)).value;
    row.winnerIds = valued.filter((c) => c.value === best).map((c) => c.modelId);
    const others = valued.filter((c) => c.value !== best);
    row.margin =
      row.winnerIds.length > 1 || others.length === 0
        ? 0
        : roundDifference(Math.abs(best - others.reduce((a, b) => (better(b.value, a.value) ? b : a)).value));
    for (const cell of cells) {
      const record = records.get(cell.modelId) as ModelRecord;
      if (cell.value === null) record.missing++;
      else if (cell.value !== best) record.losses++;
      else if (row.winnerIds.length > 1) record.ties++;
      else record.wins++;
    }
    ranked.push(row);
  }
  return { rows: ranked, incomparable, records: [...records.values()] };
}

export type Beat = {
  winnerId: number;
  loserId: number;
  key: string;
  datasetId: number;
  metricId: number;
  winnerValue: number;
  loserValue: number;
  margin: number;
  winnerResultId: number;
  loserResultId: number;
};

type BeatRow = {
  winner_id: number;
  loser_id: number;
  comparability_key: string;
  dataset_id: number;
  metric_id: number;
  winner_value: number;
  loser_value: number;
  margin: number;
  winner_result_id: number;
  loser_result_id: number;
};

/**
 * Derived wins (`side: 'winner'`) or losses (`side: 'loser'`) of several models at once: for each model at most
 * `first`, largest margin first (then by comparability key and opponent). One statement (`model_beats_of`).
 */
export async function beats(
  db: AppDb,
  {
    modelIds,
    side,
    datasetId,
    minMargin,
    first,
  }: {
    modelIds: number[];
    side: 'winner' | 'loser';
    datasetId?: number | undefined;
    minMargin?: number | undefined;
    first: number;
  },
): Promise<Beat[]> {
  const found = await rows<BeatRow>(
    db,
    sql`select * from model_beats_of(${intArray(modelIds)}, ${side === 'loser'}, ${datasetId ?? null}::int,
                                     ${minMargin ?? null}::float8, ${first}::int)`,
  );
  return found.map((r) => ({
    winnerId: Number(r.winner_id),
    loserId: Number(r.loser_id),
    key: r.comparability_key,
    datasetId: Number(r.dataset_id),
    metricId: Number(r.metric_id),
    winnerValue: Number(r.winner_value),
    loserValue: Number(r.loser_value),
    margin: roundDifference(Number(r.margin)),
    winnerResultId: Number(r.winner_result_id),
    loserResultId: Number(r.loser_result_id),
  }));
}
