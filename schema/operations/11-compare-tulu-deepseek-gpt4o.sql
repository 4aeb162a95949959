-- The SQL that 11-compare-tulu-deepseek-gpt4o.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."name" as "name",
  "d0"."id" as "id"
from "dataset" as "d0"
where "d0"."id" in ($1, …);

select
  "d0"."name" as "name",
  "d0"."id" as "id"
from "model" as "d0"
where "d0"."id" in ($1, …);

select
  "d0"."slug" as "slug",
  "d0"."id" as "id"
from "metric" as "d0"
where "d0"."id" in ($1, …);

select distinct comparability_key as key from benchmark_result
where dataset_id = any(array(select jsonb_array_elements_text($1::jsonb)::int)) and model_id = any(array(select jsonb_array_elements_text($2::jsonb)::int))
  and (null::int[] is null or metric_id = any(null::int[]));

select distinct on (comparability_key) comparability_key as key, dataset_id, metric_id, shots,
       chain_of_thought, pass_k, split, variant, scaffold,
       (count(*) over (partition by comparability_key))::int as results
from benchmark_result where comparability_key = any(array(select jsonb_array_elements_text($1::jsonb)))
order by comparability_key;

select
  id,
  slug
from "dataset"
where slug = any(array(select jsonb_array_elements_text($1::jsonb)));

select
  id,
  slug
from "model"
where slug = any(array(select jsonb_array_elements_text($1::jsonb)));

select p.id, p.model_id, p.dataset_id, p.metric_id, p.comparability_key, p.value, m.higher_is_better
from preferred_results(null, $1::int[], $2::text[]) p
join metric m on m.id = p.metric_id
order by p.dataset_id, p.metric_id, p.comparability_key;
