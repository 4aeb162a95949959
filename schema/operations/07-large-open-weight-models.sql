-- The SQL that 07-large-open-weight-models.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

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
  (coalesce("d0"."release_date", '0001-01-01'::date)) as "releaseDateKey",
  (coalesce("d0"."parameter_count", 0)) as "parameterCountKey",
  "license"."r" as "license",
  "developers"."r" as "developers"
from "model" as "d0"
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
    limit $1
  ) as "t"
) as "license" on true
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
        limit $2
      ) as "t"
    ) as "organization" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."position" asc, "d1"."organization_id" asc
  ) as "t"
) as "developers" on true
where (("d0"."open_weights" = $3) and ("d0"."parameter_count" >= $4))
order by coalesce("d0"."parameter_count", 0) desc, "d0"."id" desc
limit $5;

select
  count(*)
from "model"
where (("model"."open_weights" = $1) and ("model"."parameter_count" >= $2));
