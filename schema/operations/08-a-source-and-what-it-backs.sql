-- The SQL that 08-a-source-and-what-it-backs.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."id" as "id",
  "d0"."slug" as "slug",
  "d0"."url" as "url",
  "d0"."title" as "title",
  "d0"."publisher" as "publisher",
  "d0"."kind" as "kind",
  "d0"."is_primary" as "primary",
  "d0"."published_on" as "publishedOn",
  "d0"."notes" as "notes",
  "d0"."created_at" as "createdAt",
  "d0"."updated_at" as "updatedAt",
  (
    select
      count(*)
    from "benchmark_result"
    where "d0"."id" = "benchmark_result"."source_id"
  ) as "_results_count",
  (
    select
      count(*)
    from "model"
    inner join "model_source" on "model_source"."entity_id" = "model"."id"
    where "d0"."id" = "model_source"."source_id"
  ) as "_models_count",
  "results"."r" as "results",
  "lineageEdges"."r" as "lineageEdges",
  "techniqueUses"."r" as "techniqueUses",
  "models"."r" as "models"
from "source" as "d0"
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
      "model"."r" as "model",
      "dataset"."r" as "dataset",
      "metric"."r" as "metric"
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
        limit $1
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
        limit $2
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
        limit $3
      ) as "t"
    ) as "metric" on true
    where "d0"."id" = "d1"."source_id"
    order by "d1"."id" asc
    limit $4
  ) as "t"
) as "results" on true
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
      "model"."r" as "model",
      "baseModel"."r" as "baseModel"
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
        where "d1"."model_id" = "d2"."id"
        limit $5
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
        limit $6
      ) as "t"
    ) as "baseModel" on true
    where "d0"."id" = "d1"."source_id"
    order by "d1"."id" asc
  ) as "t"
) as "lineageEdges" on true
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
      "technique"."r" as "technique"
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
        limit $7
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
          "d2"."kind" as "kind",
          "d2"."introduced_year" as "introducedYear",
          "d2"."introduced_by_source_id" as "introducedBySourceId",
          "d2"."parent_technique_id" as "parentTechniqueId"
        from "technique" as "d2"
        where "d1"."technique_id" = "d2"."id"
        limit $8
      ) as "t"
    ) as "technique" on true
    where "d0"."id" = "d1"."source_id"
    order by "d1"."id" asc
  ) as "t"
) as "techniqueUses" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
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
    inner join "model_source" as "tr0" on "tr0"."entity_id" = "d1"."id"
    where "d0"."id" = "tr0"."source_id"
    order by "d1"."slug" asc
    limit $9
  ) as "t"
) as "models" on true
where "d0"."slug" = $10
limit $11;
