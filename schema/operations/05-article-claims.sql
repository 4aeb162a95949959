-- The SQL that 05-article-claims.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."source_id" as "sourceId",
  "d0"."ordinal" as "ordinal",
  "d0"."statement" as "statement",
  "d0"."predicate" as "predicate",
  "d0"."quantity" as "quantity",
  "d0"."quantity_unit" as "quantityUnit",
  "d0"."attributes" as "attributes",
  "d0"."qualifier" as "qualifier",
  "d0"."id" as "id",
  "subjectModel"."r" as "subjectModel",
  "subjectOrganization"."r" as "subjectOrganization",
  "objects"."r" as "objects"
from "claim" as "d0"
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."name" as "name",
      "d1"."id" as "id"
    from "model" as "d1"
    where "d0"."subject_model_id" = "d1"."id"
    limit $1
  ) as "t"
) as "subjectModel" on true
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."name" as "name",
      "d1"."id" as "id"
    from "organization" as "d1"
    where "d0"."subject_organization_id" = "d1"."id"
    limit $2
  ) as "t"
) as "subjectOrganization" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."model_id" as "modelId",
      "d1"."organization_id" as "organizationId",
      "d1"."technique_id" as "techniqueId",
      "d1"."dataset_id" as "datasetId",
      "d1"."id" as "id",
      "model"."r" as "model",
      "dataset"."r" as "dataset",
      "technique"."r" as "technique"
    from "claim_object" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "model" as "d2"
        where "d1"."model_id" = "d2"."id"
        limit $3
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
        limit $4
      ) as "t"
    ) as "dataset" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "technique" as "d2"
        where "d1"."technique_id" = "d2"."id"
        limit $5
      ) as "t"
    ) as "technique" on true
    where "d0"."id" = "d1"."claim_id"
    order by "d1"."position" asc
  ) as "t"
) as "objects" on true
where "d0"."source_id" = coalesce((select "source"."id" from "source" where "source"."slug" = $6), (
  select
    case when (
      select
        require_known_slugs($7::regclass, array(select jsonb_array_elements_text($8::jsonb)), $9)
    ) then null::integer end
))
order by "d0"."source_id" asc, "d0"."ordinal" asc
limit $10;

select
  count(*)
from "claim"
where "claim"."source_id" = coalesce((select "source"."id" from "source" where "source"."slug" = $1), (
  select
    case when (
      select
        require_known_slugs($2::regclass, array(select jsonb_array_elements_text($3::jsonb)), $4)
    ) then null::integer end
));
