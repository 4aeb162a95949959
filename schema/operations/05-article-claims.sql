-- The SQL that 05-article-claims.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."id" as "id",
  "d0"."slug" as "slug",
  "d0"."source_id" as "sourceId",
  "d0"."ordinal" as "ordinal",
  "d0"."statement" as "statement",
  "d0"."quote" as "quote",
  "d0"."predicate" as "predicate",
  "d0"."subject_model_id" as "subjectModelId",
  "d0"."subject_organization_id" as "subjectOrganizationId",
  "d0"."quantity" as "quantity",
  "d0"."quantity_unit" as "quantityUnit",
  "d0"."attributes" as "attributes",
  "d0"."qualifier" as "qualifier",
  "d0"."notes" as "notes",
  "d0"."created_at" as "createdAt",
  "d0"."updated_at" as "updatedAt",
  "subjectModel"."r" as "subjectModel",
  "subjectOrganization"."r" as "subjectOrganization",
  "objects"."r" as "objects"
from "claim" as "d0"
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."id" as "id",
      "d1"."slug" as "slug",
      "d1"."name" as "name",
      "d1"."aliases" as "aliases",
      "d1"."description" as "description",
      "d1"."unverified_fields" as "unverifiedFields",
      "d1"."created_at"::text as "createdAt",
      "d1"."updated_at"::text as "updatedAt",
      "d1"."architecture" as "architecture",
      "d1"."architecture_details" as "architectureDetails",
      "d1"."parameter_count"::text as "parameterCount",
      "d1"."active_parameter_count"::text as "activeParameterCount",
      "d1"."context_length" as "contextLength",
      "d1"."release_date" as "releaseDate",
      "d1"."license_id" as "licenseId",
      "d1"."license_notes" as "licenseNotes",
      "d1"."open_weights" as "openWeights",
      "d1"."access" as "access",
      "d1"."training_gpu_count" as "trainingGpuCount",
      "d1"."training_gpu_type" as "trainingGpuType",
      "d1"."training_gpu_hours"::text as "trainingGpuHours",
      "d1"."training_tokens"::text as "trainingTokens",
      "d1"."training_compute_notes" as "trainingComputeNotes"
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
      "d1"."id" as "id",
      "d1"."slug" as "slug",
      "d1"."name" as "name",
      "d1"."aliases" as "aliases",
      "d1"."description" as "description",
      "d1"."unverified_fields" as "unverifiedFields",
      "d1"."created_at"::text as "createdAt",
      "d1"."updated_at"::text as "updatedAt",
      "d1"."kind" as "kind",
      "d1"."country" as "country",
      "d1"."headquarters" as "headquarters",
      "d1"."website" as "website",
      "d1"."founded_year" as "foundedYear"
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
      "d1"."id" as "id",
      "d1"."claim_id" as "claimId",
      "d1"."position" as "position",
      "d1"."model_id" as "modelId",
      "d1"."organization_id" as "organizationId",
      "d1"."technique_id" as "techniqueId",
      "d1"."dataset_id" as "datasetId",
      "model"."r" as "model",
      "dataset"."r" as "dataset",
      "technique"."r" as "technique"
    from "claim_object" as "d1"
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
        limit $3
      ) as "t"
    ) as "model" on true
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
        where "d1"."dataset_id" = "d2"."id"
        limit $4
      ) as "t"
    ) as "dataset" on true
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
          "d2"."kind" as "kind",
          "d2"."introduced_year" as "introducedYear",
          "d2"."introduced_by_source_id" as "introducedBySourceId",
          "d2"."parent_technique_id" as "parentTechniqueId"
        from "technique" as "d2"
        where "d1"."technique_id" = "d2"."id"
        limit $5
      ) as "t"
    ) as "technique" on true
    where "d0"."id" = "d1"."claim_id"
    order by "d1"."position" asc
  ) as "t"
) as "objects" on true
where "d0"."source_id" in (
  select
    "source"."id"
  from "source"
  where ((
    select
      require_known_slugs($6::regclass, array(select jsonb_array_elements_text($7::jsonb)), $8)
  ) and "source"."slug" in ($9, …))
)
order by "d0"."source_id" asc, "d0"."ordinal" asc
limit $10;

select
  count(*)
from "claim"
where "claim"."source_id" in (
  select
    "source"."id"
  from "source"
  where ((
    select
      require_known_slugs($1::regclass, array(select jsonb_array_elements_text($2::jsonb)), $3)
  ) and "source"."slug" in ($4, …))
);
