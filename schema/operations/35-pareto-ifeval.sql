-- The SQL that 35-pareto-ifeval.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."id" as "id",
  "source"."r" as "source"
from "benchmark_result" as "d0"
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."slug" as "slug",
      "d1"."id" as "id"
    from "source" as "d1"
    where "d0"."source_id" = "d1"."id"
    limit $1
  ) as "t"
) as "source" on true
where "d0"."id" in ($2, …);

select
  "d0"."name" as "name",
  "d0"."id" as "id"
from "model" as "d0"
where "d0"."id" in ($1, …);

select (select id from dataset where slug = $1) as dataset_id,
(select id from metric where slug = $2) as metric_id;

select comparability_key as key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold,
       result_count as results
from comparability_set
where dataset_id = $1 and ($2::int is null or metric_id = $3)
order by result_count desc, comparability_key;

with scores as (select p.id, p.model_id, p.value,
            case when "metric"."higher_is_better" then p.value else -p.value end as score
     from preferred_results(null, null::int[], $1::text[]) p
     join "metric" on "metric"."id" = p.metric_id),
sized as (
  select scores.*, "model"."parameter_count" as parameter_count
  from scores join "model" on "model"."id" = scores.model_id
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
order by s.parameter_count nulls last, s.score desc, s.model_id;
