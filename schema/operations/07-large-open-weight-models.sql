-- The SQL that 07-large-open-weight-models.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  d::text as data,
  false as fallback
from (
  select
    json_build_object('models', (
      select
        json_build_object('totalCount', (
          select
            count(*)
          from "model" "c1"
          where (("c1"."open_weights" = $1) and ("c1"."parameter_count" >= $2))
        ), 'nodes', coalesce(json_agg(p.j), '[]'::json))
      from (
        select
          json_build_object('name', "c0"."name", 'parameterCount', "c0"."parameter_count", 'activeParameterCount', "c0"."active_parameter_count", 'architecture', (case "c0"."architecture" when 'dense' then 'DENSE' when 'moe' then 'MOE' end), 'releaseDate', "c0"."release_date", 'license', (
            select
              json_build_object('name', "c2"."name", 'category', (case "c2"."category" when 'copyleft' then 'COPYLEFT' when 'non_commercial' then 'NON_COMMERCIAL' when 'permissive' then 'PERMISSIVE' when 'proprietary' then 'PROPRIETARY' when 'restrictive' then 'RESTRICTIVE' when 'unknown' then 'UNKNOWN' end))
            from "license" "c2"
            where "c2"."id" = "c0"."license_id"
          ), 'organization', (
            select
              json_build_object('name', "c4"."name", 'country', "c4"."country")
            from "model_developer" "c3"
            join "organization" "c4" on "c4"."id" = "c3"."organization_id"
            where "c3"."model_id" = "c0"."id"
            order by "c3"."position" asc, "c3"."organization_id" asc
            limit 1
          )) as j,
          null::json as c
        from "model" "c0"
        where (("c0"."open_weights" = $3) and ("c0"."parameter_count" >= $4))
        order by coalesce("c0"."parameter_count", 0) desc, "c0"."id" desc
        limit 20
      ) p
    )) as d
  offset 0
) answer;
