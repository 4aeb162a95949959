/**
 * Best scores at one comparability key (same dataset, metric and setting): each organization's best model, the
 * state of the art over time, and the Pareto frontier of score against size. The metric's direction decides
 * what "best" means. Each function is one SQL statement whatever the number of results.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import { benchmarkResult, metric, model, modelDeveloper, organization } from '../db/schema.ts';
import { rows, textArrayLiteral } from './sql.ts';

/** Ids of the models matching `condition` (on the `model` table), as a SQL array; `null` = every model. */
function modelIds(condition: SQL | undefined): SQL {
  return condition ? sql`array(select ${model.id} from ${model} where ${condition})` : sql`null::int[]`;
}

/**
 * Each model's preferred result at `key` (the rule of `preferred_results()`, src/db/sql/30-comparison.sql), with a
 * `score` that is larger when better whatever the metric's direction. With a model condition, only those models
 * are compared, and a source's coverage is counted among them.
 */
function preferredScores(key: string, condition: SQL | undefined): SQL {
  return sql`select p.id, p.model_id, p.value,
                    case when ${metric.higherIsBetter} then p.value else -p.value end as score
             from preferred_results(null, ${modelIds(condition)}, ${textArrayLiteral([key])}::text[]) p
             join ${metric} on ${metric.id} = p.metric_id`;
}

export type OrganizationBest = {
  rank: number;
  organizationId: number;
  modelId: number;
  resultId: number;
  value: number;
  modelsEvaluated: number;
};

/**
 * For every organization with a model at `key`, its best model there: the model's preferred result, best first.
 * A model with several developers counts for each. Organizations with equal best values share a rank (1, 1, 3);
 * within an organization, a tie goes to the model with the lowest id.
 */
export async function bestByOrganization(
  db: AppDb,
  { key, condition }: { key: string; condition: SQL | undefined },
): Promise<OrganizationBest[]> {
  const found = await rows<{
    rank: number;
    organization_id: number;
    model_id: number;
    id: number;
    value: number;
    models: number;
  }>(
    db,
    sql`with scores as (${preferredScores(key, condition)}),
        per_organization as (
          select ${modelDeveloper.organizationId} as organization_id, scores.*,
                 row_number() over (partition by ${modelDeveloper.organizationId}
                                    order by scores.score desc, scores.model_id) as pick,
                 count(*) over (partition by ${modelDeveloper.organizationId}) as models
          from scores join ${modelDeveloper} on ${modelDeveloper.modelId} = scores.model_id
        )
        select rank() over (order by b.score desc)::int as rank, b.organization_id, b.model_id, b.id, b.value,
               b.models::int as models
        from per_organization b join ${organization} on ${organization.id} = b.organization_id
        where b.pick = 1
        order by b.score desc, ${organization.slug} collate "C"`,
  );
  return found.map((r) => ({
    rank: Number(r.rank),
    organizationId: Number(r.organization_id),
    modelId: Number(r.model_id),
    resultId: Number(r.id),
    value: Number(r.value),
    modelsEvaluated: Number(r.models),
  }));
}

export type DateBasis = 'reported' | 'release';

export type RecordPoint = {
  date: string;
  dateBasis: DateBasis;
  value: number;
  /** How much better than the previous best, in the metric's unit; null for the first point. */
  improvement: number | null;
  modelId: number;
  resultId: number;
};

export type StateOfTheArt = { points: RecordPoint[]; results: number; undatedResults: number };

/**
 * The best score at `key` as it stood over time: every result at the key (all sources, not only preferred
 * ones: each is what had been published by its date), dated by `reported_on`, else by the model's release
 * date. Results with neither are left out and counted. A point is emitted where a result beats every earlier
 * one; on one date the best result of the day is taken first, so ties and same-day runners-up add no point.
 */
export async function stateOfTheArt(
  db: AppDb,
  { key, condition }: { key: string; condition: SQL | undefined },
): Promise<StateOfTheArt> {
  const [found] = await rows<{
    points: RecordPoint[] | null;
    results: number;
    undated: number;
  }>(
    db,
    sql`with scored as (
          select r.id, r.model_id, r.value, coalesce(r.reported_on, m.release_date) as dated,
                 case when r.reported_on is not null then 'reported' else 'release' end as basis,
                 case when ${metric.higherIsBetter} then r.value else -r.value end as score
          from ${benchmarkResult} r
          join ${model} m on m.id = r.model_id
          join ${metric} on ${metric.id} = r.metric_id
          where r.comparability_key = ${key}
            ${condition ? sql`and r.model_id in (select ${model.id} from ${model} where ${condition})` : sql``}
        ),
        running as (
          select scored.*,
                 max(score) over (order by dated, score desc, id rows between unbounded preceding and 1 preceding)
                   as previous_best
          from scored where dated is not null
        )
        select
          (select count(*) from scored)::int as results,
          (select count(*) from scored where dated is null)::int as undated,
          (select json_agg(json_build_object('date', dated::text, 'dateBasis', basis, 'value', value,
                                             'improvement', score - previous_best, 'modelId', model_id,
                                             'resultId', id)
                           order by dated, score desc, id)
           from running where previous_best is null or score > previous_best) as points`,
  );
  return {
    results: Number(found?.results ?? 0),
    undatedResults: Number(found?.undated ?? 0),
    points: (found?.points ?? []).map((p) => ({
      date: p.date,
      dateBasis: p.dateBasis,
      value: Number(p.value),
      // Rounded away from binary noise, as the seed loader rounds values (88.6 - 87.2 is 1.3999999999999915).
      improvement: p.improvement === null ? null : Number(Number(p.improvement).toPrecision(12)),
      modelId: Number(p.modelId),
      resultId: Number(p.resultId),
    })),
  };
}

export type ParetoPoint = {
  modelId: number;
  resultId: number;
  value: number;
  parameterCount: number | null;
  /** Number of sized models this one dominates; null for a model of undisclosed size. */
  dominates: number | null;
  /** Number of sized models that dominate this one; null for a model of undisclosed size. */
  dominatedBy: number | null;
};

export type ParetoFrontier = { frontier: ParetoPoint[]; dominated: ParetoPoint[]; undisclosedSize: ParetoPoint[] };

/**
 * Score against total parameter count at `key`, one preferred result per model. A model is dominated when
 * another scores at least as well with at most as many parameters, and is strictly better on one of the two;
 * the frontier is the models nobody dominates. Models of undisclosed size cannot be placed and are listed apart.
 */
export async function paretoFrontier(
  db: AppDb,
  { key, condition }: { key: string; condition: SQL | undefined },
): Promise<ParetoFrontier> {
  const found = await rows<{
    id: number;
    model_id: number;
    value: number;
    parameter_count: number | string | null;
    dominates: number | null;
    dominated_by: number | null;
  }>(
    db,
    sql`with scores as (${preferredScores(key, condition)}),
        sized as (
          select scores.*, ${model.parameterCount} as parameter_count
          from scores join ${model} on ${model.id} = scores.model_id
        )
        select s.id, s.model_id, s.value, s.parameter_count,
          case when s.parameter_count is not null then (
            select count(*) from sized o
            where o.parameter_count >= s.parameter_count and o.score <= s.score
              and (o.parameter_count > s.parameter_count or o.score < s.score))::int end as dominates,
          case when s.parameter_count is not null then (
            select count(*) from sized o
            where o.parameter_count <= s.parameter_count and o.score >= s.score
              and (o.parameter_count < s.parameter_count or o.score > s.score))::int end as dominated_by
        from sized s
        order by s.parameter_count nulls last, s.score desc, s.model_id`,
  );
  const points: ParetoPoint[] = found.map((r) => ({
    modelId: Number(r.model_id),
    resultId: Number(r.id),
    value: Number(r.value),
    parameterCount: r.parameter_count === null ? null : Number(r.parameter_count),
    dominates: r.dominates === null ? null : Number(r.dominates),
    dominatedBy: r.dominated_by === null ? null : Number(r.dominated_by),
  }));
  return {
    frontier: points.filter((p) => p.dominatedBy === 0),
    dominated: points.filter((p) => p.dominatedBy !== null && p.dominatedBy > 0),
    undisclosedSize: points.filter((p) => p.parameterCount === null),
  };
}
