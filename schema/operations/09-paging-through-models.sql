-- The SQL that 09-paging-through-models.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

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
  (coalesce("d0"."parameter_count", 0)) as "parameterCountKey"
from "model" as "d0"
where true
order by coalesce("d0"."release_date", '0001-01-01'::date) desc, "d0"."id" desc
limit $1;

select
  count(*)
from "model";
