-- The SQL that 04-who-uses-rlvr.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."name" as "name",
  "d0"."kind" as "kind",
  "d0"."introduced_year" as "introducedYear",
  "d0"."id" as "id",
  "introducedBy"."r" as "introducedBy",
  "uses"."r" as "uses"
from "technique" as "d0"
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."title" as "title",
      "d1"."url" as "url",
      "d1"."id" as "id"
    from "source" as "d1"
    where "d0"."introduced_by_source_id" = "d1"."id"
    limit $1
  ) as "t"
) as "introducedBy" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."id" as "id",
      "d1"."stage" as "stage",
      "model"."r" as "model",
      "datasets"."r" as "datasets",
      "source"."r" as "source"
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
        limit $2
      ) as "t"
    ) as "model" on true
    left join lateral(
      select
        coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "dataset" as "d2"
        inner join "model_technique_dataset" as "tr1" on "tr1"."dataset_id" = "d2"."id"
        where "d1"."id" = "tr1"."model_technique_id"
        order by "d2"."slug" asc
      ) as "t"
    ) as "datasets" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."slug" as "slug",
          "d2"."id" as "id"
        from "source" as "d2"
        where "d1"."source_id" = "d2"."id"
        limit $3
      ) as "t"
    ) as "source" on true
    where "d0"."id" = "d1"."technique_id"
    order by "d1"."id" asc
    limit $4
  ) as "t"
) as "uses" on true
where "d0"."slug" = $5
limit $6;

select
  "d0"."slug" as "slug",
  "d0"."name" as "name",
  "d0"."kind" as "kind",
  "d0"."country" as "country",
  "d0"."id" as "id",
  (coalesce("d0"."founded_year", 0)) as "foundedYearKey"
from "organization" as "d0"
where exists (
  select
    1
  from "model_developer"
  join "model_technique" on "model_technique"."model_id" = "model_developer"."model_id"
  join "technique" on "technique"."id" = "model_technique"."technique_id"
  where "model_developer"."organization_id" = "d0"."id" and ((
    select
      require_known_slugs($1::regclass, array(select jsonb_array_elements_text($2::jsonb)), $3)
  ) and "technique"."slug" in ($4, …))
)
order by "d0"."slug" asc
limit $5;

select
  count(*)
from "organization"
where exists (
  select
    1
  from "model_developer"
  join "model_technique" on "model_technique"."model_id" = "model_developer"."model_id"
  join "technique" on "technique"."id" = "model_technique"."technique_id"
  where "model_developer"."organization_id" = "organization"."id" and ((
    select
      require_known_slugs($1::regclass, array(select jsonb_array_elements_text($2::jsonb)), $3)
  ) and "technique"."slug" in ($4, …))
);
