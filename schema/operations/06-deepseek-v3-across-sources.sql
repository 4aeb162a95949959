-- The SQL that 06-deepseek-v3-across-sources.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."value" as "value",
  "d0"."id" as "id",
  "d0"."shots" as "shots",
  "d0"."chain_of_thought" as "chainOfThought",
  "d0"."pass_k" as "passK",
  "d0"."split" as "split",
  "d0"."harness" as "harness",
  "d0"."scaffold" as "scaffold",
  "d0"."variant" as "variant",
  "d0"."evaluator_relationship" as "evaluatorRelationship",
  (coalesce("d0"."reported_on", '0001-01-01'::date)) as "reportedOnKey",
  "dataset"."r" as "dataset",
  "metric"."r" as "metric",
  "evaluator"."r" as "evaluator",
  "source"."r" as "source"
from "benchmark_result" as "d0"
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."name" as "name",
      "d1"."id" as "id"
    from "dataset" as "d1"
    where "d0"."dataset_id" = "d1"."id"
    limit $1
  ) as "t"
) as "dataset" on true
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."slug" as "slug",
      "d1"."id" as "id"
    from "metric" as "d1"
    where "d0"."metric_id" = "d1"."id"
    limit $2
  ) as "t"
) as "metric" on true
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."name" as "name",
      "d1"."id" as "id"
    from "organization" as "d1"
    where "d0"."evaluator_organization_id" = "d1"."id"
    limit $3
  ) as "t"
) as "evaluator" on true
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."title" as "title",
      "d1"."id" as "id"
    from "source" as "d1"
    where "d0"."source_id" = "d1"."id"
    limit $4
  ) as "t"
) as "source" on true
where (("d0"."model_id" = (
  select
    "model"."id"
  from "model"
  where ((
    select
      require_known_slugs($5::regclass, array(select jsonb_array_elements_text($6::jsonb)), $7)
  ) and "model"."slug" in ($8, …))
)) and ("d0"."dataset_id" in (
  select
    "dataset"."id"
  from "dataset"
  where ((
    select
      require_known_slugs($9::regclass, array(select jsonb_array_elements_text($10::jsonb)), $11)
  ) and "dataset"."slug" in ($12, …))
)))
order by "d0"."value" desc, "d0"."id" desc
limit $13;

select
  count(*)
from "benchmark_result"
where (("benchmark_result"."model_id" = (
  select
    "model"."id"
  from "model"
  where ((
    select
      require_known_slugs($1::regclass, array(select jsonb_array_elements_text($2::jsonb)), $3)
  ) and "model"."slug" in ($4, …))
)) and ("benchmark_result"."dataset_id" in (
  select
    "dataset"."id"
  from "dataset"
  where ((
    select
      require_known_slugs($5::regclass, array(select jsonb_array_elements_text($6::jsonb)), $7)
  ) and "dataset"."slug" in ($8, …))
)));
