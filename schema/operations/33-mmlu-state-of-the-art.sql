-- The SQL that 33-mmlu-state-of-the-art.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."name" as "name",
  "d0"."release_date" as "releaseDate",
  "d0"."id" as "id"
from "model" as "d0"
where "d0"."id" in ($1, …);

select
  "d0"."reported_on" as "reportedOn",
  "d0"."id" as "id",
  "source"."r" as "source"
from "benchmark_result" as "d0"
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."slug" as "slug",
      "d1"."url" as "url",
      "d1"."id" as "id"
    from "source" as "d1"
    where "d0"."source_id" = "d1"."id"
    limit $1
  ) as "t"
) as "source" on true
where "d0"."id" in ($2, …);

select (select id from dataset where slug = $1) as dataset_id,
(select id from metric where slug = $2) as metric_id;

select comparability_key as key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold,
       result_count as results
from comparability_set
where dataset_id = $1 and ($2::int is null or metric_id = $3)
order by result_count desc, comparability_key;

with scored as (
  select r.id, r.model_id, r.value, coalesce(r.reported_on, m.release_date) as dated,
         case when r.reported_on is not null then 'reported' else 'release' end as basis,
         case when "metric"."higher_is_better" then r.value else -r.value end as score
  from "benchmark_result" r
  join "model" m on m.id = r.model_id
  join "metric" on "metric"."id" = r.metric_id
  where r.comparability_key = $1
    
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
   from running where previous_best is null or score > previous_best) as points;
