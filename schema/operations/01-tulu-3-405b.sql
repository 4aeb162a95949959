-- The SQL that 01-tulu-3-405b.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."name" as "name",
  "d0"."parameter_count" as "parameterCount",
  "d0"."id" as "id",
  (
    select
      count(*)
    from "benchmark_result"
    where (("benchmark_result"."dataset_id" in (
      select
        "dataset"."id"
      from "dataset"
      where ((
        select
          require_known_slugs($1::regclass, array(select jsonb_array_elements_text($2::jsonb)), $3)
      ) and "dataset"."slug" in ($4, …))
    )) and ("d0"."id" = "benchmark_result"."model_id"))
  ) as "_results_count",
  "developers"."r" as "developers",
  "license"."r" as "license",
  "baseModelEdges"."r" as "baseModelEdges",
  "techniqueUses"."r" as "techniqueUses",
  "results"."r" as "results"
from "model" as "d0"
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."model_id" as "modelId",
      "d1"."organization_id" as "organizationId",
      "d1"."position" as "position",
      "d1"."source_id" as "sourceId",
      "organization"."r" as "organization"
    from "model_developer" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."country" as "country",
          "d2"."id" as "id"
        from "organization" as "d2"
        where "d1"."organization_id" = "d2"."id"
        limit $5
      ) as "t"
    ) as "organization" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."position" asc, "d1"."organization_id" asc
  ) as "t"
) as "developers" on true
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."name" as "name",
      "d1"."category" as "category",
      "d1"."id" as "id"
    from "license" as "d1"
    where "d0"."license_id" = "d1"."id"
    limit $6
  ) as "t"
) as "license" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."kind" as "kind",
      "d1"."id" as "id",
      "baseModel"."r" as "baseModel",
      "source"."r" as "source"
    from "model_lineage" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "model" as "d2"
        where "d1"."base_model_id" = "d2"."id"
        limit $7
      ) as "t"
    ) as "baseModel" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."title" as "title",
          "d2"."url" as "url",
          "d2"."id" as "id"
        from "source" as "d2"
        where "d1"."source_id" = "d2"."id"
        limit $8
      ) as "t"
    ) as "source" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."id" asc
  ) as "t"
) as "baseModelEdges" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."stage" as "stage",
      "d1"."details" as "details",
      "d1"."id" as "id",
      "technique"."r" as "technique",
      "source"."r" as "source"
    from "model_technique" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "technique" as "d2"
        where "d1"."technique_id" = "d2"."id"
        limit $9
      ) as "t"
    ) as "technique" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."slug" as "slug",
          "d2"."id" as "id"
        from "source" as "d2"
        where "d1"."source_id" = "d2"."id"
        limit $10
      ) as "t"
    ) as "source" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."stage" asc, "d1"."id" asc
  ) as "t"
) as "techniqueUses" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."dataset_id" as "datasetId",
      "d1"."id" as "id",
      "d1"."value" as "value",
      "d1"."shots" as "shots",
      "d1"."chain_of_thought" as "chainOfThought",
      "d1"."pass_k" as "passK",
      "d1"."split" as "split",
      "d1"."harness" as "harness",
      "d1"."scaffold" as "scaffold",
      "d1"."variant" as "variant",
      "dataset"."r" as "dataset",
      "metric"."r" as "metric",
      "source"."r" as "source"
    from "benchmark_result" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "dataset" as "d2"
        where "d1"."dataset_id" = "d2"."id"
        limit $11
      ) as "t"
    ) as "dataset" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "metric" as "d2"
        where "d1"."metric_id" = "d2"."id"
        limit $12
      ) as "t"
    ) as "metric" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."title" as "title",
          "d2"."url" as "url",
          "d2"."id" as "id"
        from "source" as "d2"
        where "d1"."source_id" = "d2"."id"
        limit $13
      ) as "t"
    ) as "source" on true
    where (("d1"."dataset_id" in (
      select
        "dataset"."id"
      from "dataset"
      where ((
        select
          require_known_slugs($14::regclass, array(select jsonb_array_elements_text($15::jsonb)), $16)
      ) and "dataset"."slug" in ($17, …))
    )) and ("d0"."id" = "d1"."model_id"))
    order by "d1"."dataset_id" asc, "d1"."id" asc
    limit $18
  ) as "t"
) as "results" on true
where "d0"."slug" = $19
limit $20;
