-- The SQL that 12-who-beats-tulu-on-humaneval.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."id" as "id",
  "source"."r" as "source"
from "benchmark_result" as "d0"
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."title" as "title",
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

select
  "d0"."name" as "name",
  "d0"."id" as "id"
from "model" as "d0"
where "d0"."slug" = $1
limit $2;

select * from model_beats_of(array(select jsonb_array_elements_text($1::jsonb)::int), $2, $3::int,
$4::float8, $5::int);

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
