-- The SQL that 02-gsm8k-in-ai2-table.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."id" as "id",
  "d0"."value" as "value",
  "d0"."shots" as "shots",
  "d0"."chain_of_thought" as "chainOfThought",
  "d0"."pass_k" as "passK",
  "d0"."split" as "split",
  "d0"."harness" as "harness",
  "d0"."scaffold" as "scaffold",
  "d0"."variant" as "variant",
  (coalesce("d0"."reported_on", '0001-01-01'::date)) as "reportedOnKey",
  "model"."r" as "model",
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
    from "model" as "d1"
    where "d0"."model_id" = "d1"."id"
    limit $1
  ) as "t"
) as "model" on true
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."name" as "name",
      "d1"."id" as "id"
    from "organization" as "d1"
    where "d0"."evaluator_organization_id" = "d1"."id"
    limit $2
  ) as "t"
) as "evaluator" on true
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."slug" as "slug",
      "d1"."id" as "id"
    from "source" as "d1"
    where "d0"."source_id" = "d1"."id"
    limit $3
  ) as "t"
) as "source" on true
where (("d0"."dataset_id" = (
  select
    "dataset"."id"
  from "dataset"
  where ((
    select
      require_known_slugs($4::regclass, array(select jsonb_array_elements_text($5::jsonb)), $6)
  ) and "dataset"."slug" in ($7, …))
)) and ("d0"."evaluator_organization_id" in (
  select
    "organization"."id"
  from "organization"
  where ((
    select
      require_known_slugs($8::regclass, array(select jsonb_array_elements_text($9::jsonb)), $10)
  ) and "organization"."slug" in ($11, …))
)))
order by "d0"."id" asc
limit $12;

select
  "d0"."value" as "value",
  "d0"."id" as "id",
  "d0"."model_variant" as "modelVariant",
  "d0"."shots" as "shots",
  "d0"."chain_of_thought" as "chainOfThought",
  "d0"."pass_k" as "passK",
  "d0"."split" as "split",
  "d0"."harness" as "harness",
  "d0"."scaffold" as "scaffold",
  "d0"."variant" as "variant",
  "d0"."evaluator_relationship" as "evaluatorRelationship",
  (coalesce("d0"."reported_on", '0001-01-01'::date)) as "reportedOnKey",
  "model"."r" as "model"
from "benchmark_result" as "d0"
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."name" as "name",
      "d1"."id" as "id",
      "developers"."r" as "developers"
    from "model" as "d1"
    left join lateral(
      select
        coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
      from (
        select
          "d2"."model_id" as "modelId",
          "d2"."organization_id" as "organizationId",
          "d2"."position" as "position",
          "d2"."source_id" as "sourceId",
          "organization"."r" as "organization"
        from "model_developer" as "d2"
        left join lateral(
          select
            row_to_json("t".*) "r"
          from (
            select
              "d3"."name" as "name",
              "d3"."id" as "id"
            from "organization" as "d3"
            where "d2"."organization_id" = "d3"."id"
            limit $1
          ) as "t"
        ) as "organization" on true
        where "d1"."id" = "d2"."model_id"
        order by "d2"."position" asc, "d2"."organization_id" asc
      ) as "t"
    ) as "developers" on true
    where "d0"."model_id" = "d1"."id"
    limit $2
  ) as "t"
) as "model" on true
where (("d0"."dataset_id" = (
  select
    "dataset"."id"
  from "dataset"
  where ((
    select
      require_known_slugs($3::regclass, array(select jsonb_array_elements_text($4::jsonb)), $5)
  ) and "dataset"."slug" in ($6, …))
)) and ("d0"."source_id" = (
  select
    "source"."id"
  from "source"
  where ((
    select
      require_known_slugs($7::regclass, array(select jsonb_array_elements_text($8::jsonb)), $9)
  ) and "source"."slug" in ($10, …))
)))
order by "d0"."value" desc, "d0"."id" desc
limit $11;

select
  count(*)
from "benchmark_result"
where (("benchmark_result"."dataset_id" = (
  select
    "dataset"."id"
  from "dataset"
  where ((
    select
      require_known_slugs($1::regclass, array(select jsonb_array_elements_text($2::jsonb)), $3)
  ) and "dataset"."slug" in ($4, …))
)) and ("benchmark_result"."source_id" = (
  select
    "source"."id"
  from "source"
  where ((
    select
      require_known_slugs($5::regclass, array(select jsonb_array_elements_text($6::jsonb)), $7)
  ) and "source"."slug" in ($8, …))
)));
