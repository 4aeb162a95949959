-- The SQL that 01-tulu-3-405b.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."id" as "id",
  "d0"."slug" as "slug",
  "d0"."name" as "name",
  "d0"."aliases" as "aliases",
  "d0"."description" as "description",
  "d0"."unverified_fields" as "unverifiedFields",
  "d0"."created_at" as "createdAt",
  "d0"."updated_at" as "updatedAt",
  "d0"."architecture" as "architecture",
  "d0"."architecture_details" as "architectureDetails",
  "d0"."parameter_count" as "parameterCount",
  "d0"."active_parameter_count" as "activeParameterCount",
  "d0"."context_length" as "contextLength",
  "d0"."release_date" as "releaseDate",
  "d0"."license_id" as "licenseId",
  "d0"."license_notes" as "licenseNotes",
  "d0"."open_weights" as "openWeights",
  "d0"."access"::text[] as "access",
  "d0"."training_gpu_count" as "trainingGpuCount",
  "d0"."training_gpu_type" as "trainingGpuType",
  "d0"."training_gpu_hours" as "trainingGpuHours",
  "d0"."training_tokens" as "trainingTokens",
  "d0"."training_compute_notes" as "trainingComputeNotes",
  (
    select
      count(*)
    from "benchmark_result"
    where (("benchmark_result"."dataset_id" in (
      select
        "dataset"."id"
      from "dataset"
      where ((
        select
          require_known_slugs($1::regclass, array(select jsonb_array_elements_text($2::jsonb)), $3)
      ) and "dataset"."slug" in ($4, …))
    )) and ("d0"."id" = "benchmark_result"."model_id"))
  ) as "_results_count",
  "developers"."r" as "developers",
  "license"."r" as "license",
  "baseModelEdges"."r" as "baseModelEdges",
  "techniqueUses"."r" as "techniqueUses",
  "results"."r" as "results"
from "model" as "d0"
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."model_id" as "modelId",
      "d1"."organization_id" as "organizationId",
      "d1"."position" as "position",
      "d1"."source_id" as "sourceId",
      "organization"."r" as "organization"
    from "model_developer" as "d1"
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
          "d2"."country" as "country",
          "d2"."headquarters" as "headquarters",
          "d2"."website" as "website",
          "d2"."founded_year" as "foundedYear"
        from "organization" as "d2"
        where "d1"."organization_id" = "d2"."id"
        limit $5
      ) as "t"
    ) as "organization" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."position" asc, "d1"."organization_id" asc
  ) as "t"
) as "developers" on true
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."id" as "id",
      "d1"."slug" as "slug",
      "d1"."spdx_id" as "spdxId",
      "d1"."name" as "name",
      "d1"."category" as "category",
      "d1"."osi_approved" as "osiApproved",
      "d1"."url" as "url",
      "d1"."description" as "description",
      "d1"."source_id" as "sourceId",
      "d1"."unverified_fields" as "unverifiedFields",
      "d1"."created_at"::text as "createdAt",
      "d1"."updated_at"::text as "updatedAt"
    from "license" as "d1"
    where "d0"."license_id" = "d1"."id"
    limit $6
  ) as "t"
) as "license" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."id" as "id",
      "d1"."model_id" as "modelId",
      "d1"."base_model_id" as "baseModelId",
      "d1"."kind" as "kind",
      "d1"."details" as "details",
      "d1"."source_id" as "sourceId",
      "d1"."unverified" as "unverified",
      "d1"."created_at"::text as "createdAt",
      "d1"."updated_at"::text as "updatedAt",
      "baseModel"."r" as "baseModel",
      "source"."r" as "source"
    from "model_lineage" as "d1"
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
        where "d1"."base_model_id" = "d2"."id"
        limit $7
      ) as "t"
    ) as "baseModel" on true
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
        limit $8
      ) as "t"
    ) as "source" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."id" asc
  ) as "t"
) as "baseModelEdges" on true
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
      "technique"."r" as "technique",
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
          "d2"."kind" as "kind",
          "d2"."introduced_year" as "introducedYear",
          "d2"."introduced_by_source_id" as "introducedBySourceId",
          "d2"."parent_technique_id" as "parentTechniqueId"
        from "technique" as "d2"
        where "d1"."technique_id" = "d2"."id"
        limit $9
      ) as "t"
    ) as "technique" on true
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
        limit $10
      ) as "t"
    ) as "source" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."stage" asc, "d1"."id" asc
  ) as "t"
) as "techniqueUses" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."id" as "id",
      "d1"."model_id" as "modelId",
      "d1"."dataset_id" as "datasetId",
      "d1"."metric_id" as "metricId",
      "d1"."value" as "value",
      "d1"."reported_value" as "reportedValue",
      "d1"."stderr" as "stderr",
      "d1"."shots" as "shots",
      "d1"."chain_of_thought" as "chainOfThought",
      "d1"."pass_k" as "passK",
      "d1"."split" as "split",
      "d1"."harness" as "harness",
      "d1"."scaffold" as "scaffold",
      "d1"."variant" as "variant",
      "d1"."model_variant" as "modelVariant",
      "d1"."evaluator_organization_id" as "evaluatorOrganizationId",
      "d1"."evaluator_relationship" as "evaluatorRelationship",
      "d1"."reported_on" as "reportedOn",
      "d1"."source_id" as "sourceId",
      "d1"."notes" as "notes",
      "d1"."unverified" as "unverified",
      "d1"."comparability_key" as "comparabilityKey",
      "d1"."created_at"::text as "createdAt",
      "d1"."updated_at"::text as "updatedAt",
      "dataset"."r" as "dataset",
      "metric"."r" as "metric",
      "source"."r" as "source"
    from "benchmark_result" as "d1"
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
        limit $11
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
          "d2"."description" as "description",
          "d2"."unit" as "unit",
          "d2"."higher_is_better" as "higherIsBetter",
          "d2"."min_value" as "minValue",
          "d2"."max_value" as "maxValue"
        from "metric" as "d2"
        where "d1"."metric_id" = "d2"."id"
        limit $12
      ) as "t"
    ) as "metric" on true
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
        limit $13
      ) as "t"
    ) as "source" on true
    where (("d1"."dataset_id" in (
      select
        "dataset"."id"
      from "dataset"
      where ((
        select
          require_known_slugs($14::regclass, array(select jsonb_array_elements_text($15::jsonb)), $16)
      ) and "dataset"."slug" in ($17, …))
    )) and ("d0"."id" = "d1"."model_id"))
    order by "d1"."dataset_id" asc, "d1"."id" asc
    limit $18
  ) as "t"
) as "results" on true
where "d0"."slug" = $19
limit $20;
