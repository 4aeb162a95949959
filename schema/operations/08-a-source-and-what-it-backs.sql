-- The SQL that 08-a-source-and-what-it-backs.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."title" as "title",
  "d0"."url" as "url",
  "d0"."kind" as "kind",
  "d0"."is_primary" as "primary",
  "d0"."id" as "id",
  (
    select
      count(*)
    from "benchmark_result"
    where "d0"."id" = "benchmark_result"."source_id"
  ) as "_results_count",
  (
    select
      count(*)
    from "model"
    inner join "model_source" on "model_source"."entity_id" = "model"."id"
    where "d0"."id" = "model_source"."source_id"
  ) as "_models_count",
  "results"."r" as "results",
  "lineageEdges"."r" as "lineageEdges",
  "techniqueUses"."r" as "techniqueUses",
  "models"."r" as "models"
from "source" as "d0"
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."id" as "id",
      "d1"."value" as "value",
      "model"."r" as "model",
      "dataset"."r" as "dataset",
      "metric"."r" as "metric"
    from "benchmark_result" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "model" as "d2"
        where "d1"."model_id" = "d2"."id"
        limit $1
      ) as "t"
    ) as "model" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "dataset" as "d2"
        where "d1"."dataset_id" = "d2"."id"
        limit $2
      ) as "t"
    ) as "dataset" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."slug" as "slug",
          "d2"."id" as "id"
        from "metric" as "d2"
        where "d1"."metric_id" = "d2"."id"
        limit $3
      ) as "t"
    ) as "metric" on true
    where "d0"."id" = "d1"."source_id"
    order by "d1"."id" asc
    limit $4
  ) as "t"
) as "results" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."kind" as "kind",
      "d1"."id" as "id",
      "model"."r" as "model",
      "baseModel"."r" as "baseModel"
    from "model_lineage" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "model" as "d2"
        where "d1"."model_id" = "d2"."id"
        limit $5
      ) as "t"
    ) as "model" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "model" as "d2"
        where "d1"."base_model_id" = "d2"."id"
        limit $6
      ) as "t"
    ) as "baseModel" on true
    where "d0"."id" = "d1"."source_id"
    order by "d1"."id" asc
  ) as "t"
) as "lineageEdges" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."id" as "id",
      "model"."r" as "model",
      "technique"."r" as "technique"
    from "model_technique" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "model" as "d2"
        where "d1"."model_id" = "d2"."id"
        limit $7
      ) as "t"
    ) as "model" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "technique" as "d2"
        where "d1"."technique_id" = "d2"."id"
        limit $8
      ) as "t"
    ) as "technique" on true
    where "d0"."id" = "d1"."source_id"
    order by "d1"."id" asc
  ) as "t"
) as "techniqueUses" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."slug" as "slug",
      "d1"."name" as "name",
      "d1"."id" as "id"
    from "model" as "d1"
    inner join "model_source" as "tr0" on "tr0"."entity_id" = "d1"."id"
    where "d0"."id" = "tr0"."source_id"
    order by "d1"."slug" asc
    limit $9
  ) as "t"
) as "models" on true
where "d0"."slug" = $10
limit $11;
