-- The SQL that 37-models-per-license-architecture-and-year.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select "license"."category"::text as key, null::text as name, sum(scope.grouped_rows)::int as count, (sum(sum(scope.grouped_rows)) over ())::int as total
from (select scope.license_id, count(*) as grouped_rows from (select "model"."id" as id, "model"."architecture" as architecture, "model"."license_id" as license_id,
       "model"."release_date" as release_date
from "model" where true) scope group by scope.license_id) scope left join "license" on "license"."id" = scope.license_id
group by "license"."category"::text, "license"."category", null::text
order by "license"."category"::text is null, "license"."category";

select extract(year from scope.release_date)::int::text as key, null::text as name, sum(scope.grouped_rows)::int as count, (sum(sum(scope.grouped_rows)) over ())::int as total
from (select scope.release_date, count(*) as grouped_rows from (select "model"."id" as id, "model"."architecture" as architecture, "model"."license_id" as license_id,
       "model"."release_date" as release_date
from "model" where true) scope group by scope.release_date) scope 
group by extract(year from scope.release_date)::int::text, extract(year from scope.release_date)::int, null::text
order by extract(year from scope.release_date)::int::text is null, extract(year from scope.release_date)::int;

select scope.architecture::text as key, null::text as name, sum(scope.grouped_rows)::int as count, (sum(sum(scope.grouped_rows)) over ())::int as total
from (select scope.architecture, count(*) as grouped_rows from (select "model"."id" as id, "model"."architecture" as architecture, "model"."license_id" as license_id,
       "model"."release_date" as release_date
from "model" where true) scope group by scope.architecture) scope 
group by scope.architecture::text, scope.architecture, null::text
order by scope.architecture::text is null, scope.architecture;
