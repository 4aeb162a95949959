-- The SQL that 10-gsm8k-leaderboard.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."name" as "name",
  "d0"."id" as "id"
from "dataset" as "d0"
where "d0"."id" in ($1, …);

select
  "d0"."name" as "name",
  "d0"."id" as "id"
from "metric" as "d0"
where "d0"."id" in ($1, …);

select
  "d0"."name" as "name",
  "d0"."id" as "id"
from "model" as "d0"
where "d0"."id" in ($1, …);

select
  "d0"."name" as "name",
  "d0"."id" as "id"
from "organization" as "d0"
where "d0"."id" in ($1, …);

select
  "d0"."title" as "title",
  "d0"."id" as "id"
from "source" as "d0"
where "d0"."id" in ($1, …);

select (select id from dataset where slug = $1) as dataset_id,
(select id from metric where slug = $2) as metric_id;

select comparability_key as key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold,
       result_count as results
from comparability_set
where dataset_id = $1 and ($2::int is null or metric_id = $3)
order by result_count desc, comparability_key;

select distinct on (model_id) model_id, organization_id from model_developer
where model_id = any(array(select jsonb_array_elements_text($1::jsonb)::int)) order by model_id, position, organization_id;

select model_id, json_agg(id order by id) as ids, min(value) as min, max(value) as max
from benchmark_result
where comparability_key = $1 and model_id = any(array(select jsonb_array_elements_text($2::jsonb)::int))
  and ($3::date is null or reported_on <= $4::date)
group by model_id;

with direction as (select higher_is_better from metric where id = $1)
select page.*, (select count(*) from result_preference where comparability_key = $2)::int as total from (
select p.result_id as id, p.model_id, p.source_id, p.value, rank() over (order by p.value desc)::int as rank
from result_preference p where p.comparability_key = $3
order by p.value desc, p.model_id limit $4) page where (select higher_is_better from direction)
union all
select page.*, (select count(*) from result_preference where comparability_key = $5)::int as total from (
select p.result_id as id, p.model_id, p.source_id, p.value, rank() over (order by p.value asc)::int as rank
from result_preference p where p.comparability_key = $6
order by p.value asc, p.model_id limit $7) page where not (select higher_is_better from direction)
order by rank, model_id;
