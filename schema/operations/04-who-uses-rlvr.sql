-- The SQL that 04-who-uses-rlvr.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."id" as "id",
  "d0"."slug" as "slug",
  "d0"."name" as "name",
  "d0"."aliases" as "aliases",
  "d0"."description" as "description",
  "d0"."unverified_fields" as "unverifiedFields",
  "d0"."created_at" as "createdAt",
  "d0"."updated_at" as "updatedAt",
  "d0"."kind" as "kind",
  "d0"."country" as "country",
  "d0"."headquarters" as "headquarters",
  "d0"."website" as "website",
  "d0"."founded_year" as "foundedYear",
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
  "d0"."id" as "id",
  "d0"."slug" as "slug",
  "d0"."name" as "name",
  "d0"."aliases" as "aliases",
  "d0"."description" as "description",
  "d0"."unverified_fields" as "unverifiedFields",
  "d0"."created_at" as "createdAt",
  "d0"."updated_at" as "updatedAt",
  "d0"."kind" as "kind",
  "d0"."introduced_year" as "introducedYear",
  "d0"."introduced_by_source_id" as "introducedBySourceId",
  "d0"."parent_technique_id" as "parentTechniqueId",
  "introducedBy"."r" as "introducedBy",
  "uses"."r" as "uses"
from "technique" as "d0"
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."id" as "id",
      "d1"."slug" as "slug",
      "d1"."url" as "url",
      "d1"."title" as "title",
      "d1"."publisher" as "publisher",
      "d1"."kind" as "kind",
      "d1"."is_primary" as "primary",
      "d1"."published_on" as "publishedOn",
      "d1"."notes" as "notes",
      "d1"."created_at"::text as "createdAt",
      "d1"."updated_at"::text as "updatedAt"
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
      "d1"."model_id" as "modelId",
      "d1"."technique_id" as "techniqueId",
      "d1"."stage" as "stage",
      "d1"."details" as "details",
      "d1"."hyperparameters" as "hyperparameters",
      "d1"."source_id" as "sourceId",
      "d1"."unverified" as "unverified",
      "d1"."created_at"::text as "createdAt",
      "d1"."updated_at"::text as "updatedAt",
      "model"."r" as "model",
      "datasets"."r" as "datasets",
      "source"."r" as "source"
    from "model_technique" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."id" as "id",
          "d2"."slug" as "slug",
          "d2"."name" as "name",
          "d2"."aliases" as "aliases",
          "d2"."description" as "description",
          "d2"."unverified_fields" as "unverifiedFields",
          "d2"."created_at"::text as "createdAt",
          "d2"."updated_at"::text as "updatedAt",
          "d2"."architecture" as "architecture",
          "d2"."architecture_details" as "architectureDetails",
          "d2"."parameter_count"::text as "parameterCount",
          "d2"."active_parameter_count"::text as "activeParameterCount",
          "d2"."context_length" as "contextLength",
          "d2"."release_date" as "releaseDate",
          "d2"."license_id" as "licenseId",
          "d2"."license_notes" as "licenseNotes",
          "d2"."open_weights" as "openWeights",
          "d2"."access" as "access",
          "d2"."training_gpu_count" as "trainingGpuCount",
          "d2"."training_gpu_type" as "trainingGpuType",
          "d2"."training_gpu_hours"::text as "trainingGpuHours",
          "d2"."training_tokens"::text as "trainingTokens",
          "d2"."training_compute_notes" as "trainingComputeNotes"
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
          "d2"."id" as "id",
          "d2"."slug" as "slug",
          "d2"."name" as "name",
          "d2"."aliases" as "aliases",
          "d2"."description" as "description",
          "d2"."unverified_fields" as "unverifiedFields",
          "d2"."created_at"::text as "createdAt",
          "d2"."updated_at"::text as "updatedAt",
          "d2"."is_benchmark" as "benchmark",
          "d2"."is_training_data" as "trainingData",
          "d2"."domains" as "domains",
          "d2"."size" as "size",
          "d2"."example_count" as "exampleCount",
          "d2"."default_metric_id" as "defaultMetricId",
          "d2"."default_setting" as "defaultSetting",
          "d2"."license_id" as "licenseId",
          "d2"."license_notes" as "licenseNotes",
          "d2"."creators" as "creators",
          "d2"."introduced_year" as "introducedYear",
          "d2"."paper_source_id" as "paperSourceId",
          "d2"."parent_dataset_id" as "parentDatasetId",
          "d2"."huggingface_id" as "huggingfaceId",
          "d2"."homepage" as "homepage"
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
          "d2"."id" as "id",
          "d2"."slug" as "slug",
          "d2"."url" as "url",
          "d2"."title" as "title",
          "d2"."publisher" as "publisher",
          "d2"."kind" as "kind",
          "d2"."is_primary" as "primary",
          "d2"."published_on" as "publishedOn",
          "d2"."notes" as "notes",
          "d2"."created_at"::text as "createdAt",
          "d2"."updated_at"::text as "updatedAt"
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
