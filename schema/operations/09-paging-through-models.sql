-- The SQL that 09-paging-through-models.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."id" as "id",
  "d0"."name" as "name",
  "d0"."release_date" as "releaseDate",
  (coalesce("d0"."release_date", '0001-01-01'::date)) as "releaseDateKey",
  (coalesce("d0"."parameter_count", 0)) as "parameterCountKey"
from "model" as "d0"
where true
order by coalesce("d0"."release_date", '0001-01-01'::date) desc, "d0"."id" desc
limit $1;

select
  count(*)
from "model";
