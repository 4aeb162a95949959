-- The SQL that 07-large-open-weight-models.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."id" as "id",
  "d0"."name" as "name",
  "d0"."parameter_count" as "parameterCount",
  "d0"."active_parameter_count" as "activeParameterCount",
  "d0"."architecture" as "architecture",
  "d0"."release_date" as "releaseDate",
  (coalesce("d0"."release_date", '0001-01-01'::date)) as "releaseDateKey",
  (coalesce("d0"."parameter_count", 0)) as "parameterCountKey",
  "license"."r" as "license",
  "developers"."r" as "developers"
from "model" as "d0"
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
    limit $1
  ) as "t"
) as "license" on true
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
        limit $2
      ) as "t"
    ) as "organization" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."position" asc, "d1"."organization_id" asc
  ) as "t"
) as "developers" on true
where (("d0"."open_weights" = $3) and ("d0"."parameter_count" >= $4))
order by coalesce("d0"."parameter_count", 0) desc, "d0"."id" desc
limit $5;

select
  count(*)
from "model"
where (("model"."open_weights" = $1) and ("model"."parameter_count" >= $2));
