-- The SQL that 30-models-per-country.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select "organization"."country"::text as key, null::text as name, count(distinct scope.id)::int as count, ((select count(*) from (select "model"."id" as id, "model"."architecture" as architecture, "model"."license_id" as license_id,
             "model"."release_date" as release_date
      from "model" where "model"."open_weights" = $1) counted))::int as total
      from (select "model"."id" as id, "model"."architecture" as architecture, "model"."license_id" as license_id,
             "model"."release_date" as release_date
      from "model" where "model"."open_weights" = $2) scope left join "model_developer" on "model_developer"."model_id" = scope.id
left join "organization" on "organization"."id" = "model_developer"."organization_id"
      group by "organization"."country"::text, "organization"."country"::text collate "C", null::text
      order by "organization"."country"::text is null, count(distinct scope.id) desc, "organization"."country"::text collate "C";

select "organization"."country"::text as key, null::text as name, count(distinct scope.id)::int as count, ((select count(*) from (select "model"."id" as id, "model"."architecture" as architecture, "model"."license_id" as license_id,
             "model"."release_date" as release_date
      from "model" where true) counted))::int as total
      from (select "model"."id" as id, "model"."architecture" as architecture, "model"."license_id" as license_id,
             "model"."release_date" as release_date
      from "model" where true) scope left join "model_developer" on "model_developer"."model_id" = scope.id
left join "organization" on "organization"."id" = "model_developer"."organization_id"
      group by "organization"."country"::text, "organization"."country"::text collate "C", null::text
      order by "organization"."country"::text is null, count(distinct scope.id) desc, "organization"."country"::text collate "C";
