-- The SQL that 03-descendants-of-llama-3-1-405b.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."name" as "name",
  "d0"."id" as "id",
  "developers"."r" as "developers",
  "derivativeEdges"."r" as "derivativeEdges"
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
          "d2"."id" as "id"
        from "organization" as "d2"
        where "d1"."organization_id" = "d2"."id"
        limit $1
      ) as "t"
    ) as "organization" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."position" asc, "d1"."organization_id" asc
  ) as "t"
) as "developers" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."kind" as "kind",
      "d1"."id" as "id",
      "model"."r" as "model",
      "source"."r" as "source"
    from "model_lineage" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id",
          "developers"."r" as "developers",
          "derivativeEdges"."r" as "derivativeEdges"
        from "model" as "d2"
        left join lateral(
          select
            coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
          from (
            select
              "d3"."model_id" as "modelId",
              "d3"."organization_id" as "organizationId",
              "d3"."position" as "position",
              "d3"."source_id" as "sourceId",
              "organization"."r" as "organization"
            from "model_developer" as "d3"
            left join lateral(
              select
                row_to_json("t".*) "r"
              from (
                select
                  "d4"."name" as "name",
                  "d4"."id" as "id"
                from "organization" as "d4"
                where "d3"."organization_id" = "d4"."id"
                limit $2
              ) as "t"
            ) as "organization" on true
            where "d2"."id" = "d3"."model_id"
            order by "d3"."position" asc, "d3"."organization_id" asc
          ) as "t"
        ) as "developers" on true
        left join lateral(
          select
            coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
          from (
            select
              "d3"."kind" as "kind",
              "d3"."id" as "id",
              "model"."r" as "model"
            from "model_lineage" as "d3"
            left join lateral(
              select
                row_to_json("t".*) "r"
              from (
                select
                  "d4"."name" as "name",
                  "d4"."id" as "id"
                from "model" as "d4"
                where "d3"."model_id" = "d4"."id"
                limit $3
              ) as "t"
            ) as "model" on true
            where "d2"."id" = "d3"."base_model_id"
            order by "d3"."id" asc
          ) as "t"
        ) as "derivativeEdges" on true
        where "d1"."model_id" = "d2"."id"
        limit $4
      ) as "t"
    ) as "model" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."slug" as "slug",
          "d2"."id" as "id"
        from "source" as "d2"
        where "d1"."source_id" = "d2"."id"
        limit $5
      ) as "t"
    ) as "source" on true
    where "d0"."id" = "d1"."base_model_id"
    order by "d1"."id" asc
  ) as "t"
) as "derivativeEdges" on true
where "d0"."slug" = $6
limit $7;
