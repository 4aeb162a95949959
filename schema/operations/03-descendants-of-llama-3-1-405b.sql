-- The SQL that 03-descendants-of-llama-3-1-405b.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

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
  "developers"."r" as "developers",
  "derivativeEdges"."r" as "derivativeEdges"
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
        limit $1
      ) as "t"
    ) as "organization" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."position" asc, "d1"."organization_id" asc
  ) as "t"
) as "developers" on true
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
          "d2"."training_compute_notes" as "trainingComputeNotes",
          "developers"."r" as "developers",
          "derivativeEdges"."r" as "derivativeEdges"
        from "model" as "d2"
        left join lateral(
          select
            coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
          from (
            select
              "d3"."model_id" as "modelId",
              "d3"."organization_id" as "organizationId",
              "d3"."position" as "position",
              "d3"."source_id" as "sourceId",
              "organization"."r" as "organization"
            from "model_developer" as "d3"
            left join lateral(
              select
                row_to_json("t".*) "r"
              from (
                select
                  "d4"."id" as "id",
                  "d4"."slug" as "slug",
                  "d4"."name" as "name",
                  "d4"."aliases" as "aliases",
                  "d4"."description" as "description",
                  "d4"."unverified_fields" as "unverifiedFields",
                  "d4"."created_at"::text as "createdAt",
                  "d4"."updated_at"::text as "updatedAt",
                  "d4"."kind" as "kind",
                  "d4"."country" as "country",
                  "d4"."headquarters" as "headquarters",
                  "d4"."website" as "website",
                  "d4"."founded_year" as "foundedYear"
                from "organization" as "d4"
                where "d3"."organization_id" = "d4"."id"
                limit $2
              ) as "t"
            ) as "organization" on true
            where "d2"."id" = "d3"."model_id"
            order by "d3"."position" asc, "d3"."organization_id" asc
          ) as "t"
        ) as "developers" on true
        left join lateral(
          select
            coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
          from (
            select
              "d3"."id" as "id",
              "d3"."model_id" as "modelId",
              "d3"."base_model_id" as "baseModelId",
              "d3"."kind" as "kind",
              "d3"."details" as "details",
              "d3"."source_id" as "sourceId",
              "d3"."unverified" as "unverified",
              "d3"."created_at"::text as "createdAt",
              "d3"."updated_at"::text as "updatedAt",
              "model"."r" as "model"
            from "model_lineage" as "d3"
            left join lateral(
              select
                row_to_json("t".*) "r"
              from (
                select
                  "d4"."id" as "id",
                  "d4"."slug" as "slug",
                  "d4"."name" as "name",
                  "d4"."aliases" as "aliases",
                  "d4"."description" as "description",
                  "d4"."unverified_fields" as "unverifiedFields",
                  "d4"."created_at"::text as "createdAt",
                  "d4"."updated_at"::text as "updatedAt",
                  "d4"."architecture" as "architecture",
                  "d4"."architecture_details" as "architectureDetails",
                  "d4"."parameter_count"::text as "parameterCount",
                  "d4"."active_parameter_count"::text as "activeParameterCount",
                  "d4"."context_length" as "contextLength",
                  "d4"."release_date" as "releaseDate",
                  "d4"."license_id" as "licenseId",
                  "d4"."license_notes" as "licenseNotes",
                  "d4"."open_weights" as "openWeights",
                  "d4"."access" as "access",
                  "d4"."training_gpu_count" as "trainingGpuCount",
                  "d4"."training_gpu_type" as "trainingGpuType",
                  "d4"."training_gpu_hours"::text as "trainingGpuHours",
                  "d4"."training_tokens"::text as "trainingTokens",
                  "d4"."training_compute_notes" as "trainingComputeNotes"
                from "model" as "d4"
                where "d3"."model_id" = "d4"."id"
                limit $3
              ) as "t"
            ) as "model" on true
            where "d2"."id" = "d3"."base_model_id"
            order by "d3"."id" asc
          ) as "t"
        ) as "derivativeEdges" on true
        where "d1"."model_id" = "d2"."id"
        limit $4
      ) as "t"
    ) as "model" on true
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
        limit $5
      ) as "t"
    ) as "source" on true
    where "d0"."id" = "d1"."base_model_id"
    order by "d1"."id" asc
  ) as "t"
) as "derivativeEdges" on true
where "d0"."slug" = $6
limit $7;
