-- The SQL that 39-models-per-language-and-task.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."slug" as "slug",
  "d0"."name" as "name",
  "d0"."id" as "id",
  (coalesce("d0"."release_date", '0001-01-01'::date)) as "releaseDateKey",
  (coalesce("d0"."parameter_count", 0)) as "parameterCountKey",
  "task"."r" as "task"
from "model" as "d0"
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."task" as "task",
      "d1"."input_modalities" as "inputModalities",
      "d1"."output_modalities" as "outputModalities",
      "d1"."model_id" as "modelId"
    from "model_task" as "d1"
    where "d0"."id" = "d1"."model_id"
    limit $1
  ) as "t"
) as "task" on true
where exists (
  select
    1
  from "model_task"
  where "model_task"."model_id" = "d0"."id" and "model_task"."input_modalities" && array[$2]::modality[]
)
order by "d0"."slug" asc
limit $3;

select "language"."slug" as key, "language"."name" as name, count(distinct scope.id)::int as count, ((select count(*) from (select "model"."id" as id, "model"."architecture" as architecture, "model"."license_id" as license_id,
         "model"."release_date" as release_date
  from "model" where true) counted))::int as total
  from (select "model"."id" as id, "model"."architecture" as architecture, "model"."license_id" as license_id,
         "model"."release_date" as release_date
  from "model" where true) scope left join "model_language" on "model_language"."model_id" = scope.id
left join "language" on "language"."id" = "model_language"."language_id"
  group by "language"."slug", "language"."slug" collate "C", "language"."name"
  order by "language"."slug" is null, "language"."slug" collate "C";

select "model_task"."task" as key, null::text as name, count(*)::int as count, (sum(count(*)) over ())::int as total
from (select "model"."id" as id, "model"."architecture" as architecture, "model"."license_id" as license_id,
       "model"."release_date" as release_date
from "model" where true) scope left join "model_task" on "model_task"."model_id" = scope.id
group by "model_task"."task", "model_task"."task" collate "C", null::text
order by "model_task"."task" is null, count(*) desc, "model_task"."task" collate "C";
