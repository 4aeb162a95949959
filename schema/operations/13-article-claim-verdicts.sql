-- The SQL that 13-article-claim-verdicts.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

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
  "license"."r" as "license",
  "developers"."r" as "developers",
  "techniqueUses"."r" as "techniqueUses",
  "externalIds"."r" as "externalIds",
  "sourceLinks"."r" as "sourceLinks",
  "languageLinks"."r" as "languageLinks"
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
  ) as "t"
) as "developers" on true
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
      "datasets"."r" as "datasets"
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
        limit $3
      ) as "t"
    ) as "technique" on true
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
      ) as "t"
    ) as "datasets" on true
    where "d0"."id" = "d1"."model_id"
  ) as "t"
) as "techniqueUses" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."id" as "id",
      "d1"."model_id" as "modelId",
      "d1"."namespace" as "namespace",
      "d1"."value" as "value"
    from "model_external_id" as "d1"
    where "d0"."id" = "d1"."model_id"
  ) as "t"
) as "externalIds" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."entity_id" as "entityId",
      "d1"."source_id" as "sourceId",
      "d1"."notes" as "notes",
      "source"."r" as "source"
    from "model_source" as "d1"
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
        limit $4
      ) as "t"
    ) as "source" on true
    where "d0"."id" = "d1"."entity_id"
  ) as "t"
) as "sourceLinks" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."model_id" as "modelId",
      "d1"."language_id" as "languageId",
      "d1"."source_id" as "sourceId",
      "d1"."notes" as "notes",
      "d1"."unverified" as "unverified",
      "d1"."created_at"::text as "createdAt",
      "d1"."updated_at"::text as "updatedAt",
      "language"."r" as "language"
    from "model_language" as "d1"
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
          "d2"."created_at"::text as "createdAt",
          "d2"."updated_at"::text as "updatedAt"
        from "language" as "d2"
        where "d1"."language_id" = "d2"."id"
        limit $5
      ) as "t"
    ) as "language" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."language_id" asc, "d1"."source_id" asc
  ) as "t"
) as "languageLinks" on true
where "d0"."id" in ($6, …);

select
  "d0"."id" as "id",
  "d0"."slug" as "slug",
  "d0"."name" as "name",
  "d0"."aliases" as "aliases",
  "d0"."description" as "description",
  "d0"."unverified_fields" as "unverifiedFields",
  "d0"."created_at" as "createdAt",
  "d0"."updated_at" as "updatedAt",
  "d0"."is_benchmark" as "benchmark",
  "d0"."is_training_data" as "trainingData",
  "d0"."domains"::text[] as "domains",
  "d0"."size" as "size",
  "d0"."example_count" as "exampleCount",
  "d0"."default_metric_id" as "defaultMetricId",
  "d0"."default_setting" as "defaultSetting",
  "d0"."license_id" as "licenseId",
  "d0"."license_notes" as "licenseNotes",
  "d0"."creators" as "creators",
  "d0"."introduced_year" as "introducedYear",
  "d0"."paper_source_id" as "paperSourceId",
  "d0"."parent_dataset_id" as "parentDatasetId",
  "d0"."huggingface_id" as "huggingfaceId",
  "d0"."homepage" as "homepage"
from "dataset" as "d0"
where "d0"."id" in ($1, …);

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
  "sourceLinks"."r" as "sourceLinks"
from "organization" as "d0"
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."entity_id" as "entityId",
      "d1"."source_id" as "sourceId",
      "d1"."notes" as "notes"
    from "organization_source" as "d1"
    where "d0"."id" = "d1"."entity_id"
  ) as "t"
) as "sourceLinks" on true
where "d0"."id" in ($1, …);

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
  "d0"."parent_technique_id" as "parentTechniqueId"
from "technique" as "d0"
where "d0"."id" in ($1, …);

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
  "objects"."r" as "objects"
from "claim" as "d0"
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
      "d1"."dataset_id" as "datasetId"
    from "claim_object" as "d1"
    where "d0"."id" = "d1"."claim_id"
    order by "d1"."position" asc
  ) as "t"
) as "objects" on true
where "d0"."id" in ($1, …);

select
  "d0"."slug" as "slug",
  "d0"."id" as "id"
from "source" as "d0"
where "d0"."id" in ($1, …);

select
  "d0"."source_id" as "sourceId",
  "d0"."ordinal" as "ordinal",
  "d0"."statement" as "statement",
  "d0"."id" as "id"
from "claim" as "d0"
where "d0"."source_id" = coalesce((select "source"."id" from "source" where "source"."slug" = $1), (
  select
    case when (
      select
        require_known_slugs($2::regclass, array(select jsonb_array_elements_text($3::jsonb)), $4)
    ) then null::integer end
))
order by "d0"."source_id" asc, "d0"."ordinal" asc
limit $5;

select p.id, p.model_id, p.dataset_id, p.comparability_key, p.value, p.source_id, m.higher_is_better,
       'aggregate' = any(d.domains) as aggregate, d.slug as dataset, m.slug as metric
from preferred_result p join metric m on m.id = p.metric_id join dataset d on d.id = p.dataset_id
where p.model_id = any(array(select jsonb_array_elements_text($1::jsonb)::int))
order by p.id;

with recursive up(model_id, ancestor_id, depth, path, source_ids) as (
  select l.model_id, l.base_model_id, 1, array[l.model_id, l.base_model_id], array[l.source_id]
  from model_lineage l where l.model_id = any(array(select jsonb_array_elements_text($1::jsonb)::int))
  union all
  select up.model_id, l.base_model_id, up.depth + 1, up.path || l.base_model_id, up.source_ids || l.source_id
  from up join model_lineage l on l.model_id = up.ancestor_id
  where not l.base_model_id = any(up.path) and up.depth < 20)
select distinct on (model_id, ancestor_id) model_id, ancestor_id, depth, source_ids
from up order by model_id, ancestor_id, depth;
