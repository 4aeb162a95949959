-- The SQL that 30-models-per-country.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

with scope as (select "model"."id" as id, "model"."architecture" as architecture, "model"."license_id" as license_id,
             "model"."release_date" as release_date
      from "model" where "model"."open_weights" = $1)
      select "organization"."country"::text as key, null::text as name, count(distinct scope.id)::int as count,
             (select count(*) from scope)::int as total
      from scope left join "model_developer" on "model_developer"."model_id" = scope.id
left join "organization" on "organization"."id" = "model_developer"."organization_id"
      group by "organization"."country"::text, "organization"."country"::text collate "C", null::text
      order by "organization"."country"::text is null, count(distinct scope.id) desc, "organization"."country"::text collate "C";

with scope as (select "model"."id" as id, "model"."architecture" as architecture, "model"."license_id" as license_id,
             "model"."release_date" as release_date
      from "model" where true)
      select "organization"."country"::text as key, null::text as name, count(distinct scope.id)::int as count,
             (select count(*) from scope)::int as total
      from scope left join "model_developer" on "model_developer"."model_id" = scope.id
left join "organization" on "organization"."id" = "model_developer"."organization_id"
      group by "organization"."country"::text, "organization"."country"::text collate "C", null::text
      order by "organization"."country"::text is null, count(distinct scope.id) desc, "organization"."country"::text collate "C";
