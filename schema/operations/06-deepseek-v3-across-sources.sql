-- The SQL that 06-deepseek-v3-across-sources.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."id" as "id",
  "d0"."model_id" as "modelId",
  "d0"."dataset_id" as "datasetId",
  "d0"."metric_id" as "metricId",
  "d0"."value" as "value",
  "d0"."reported_value" as "reportedValue",
  "d0"."stderr" as "stderr",
  "d0"."shots" as "shots",
  "d0"."chain_of_thought" as "chainOfThought",
  "d0"."pass_k" as "passK",
  "d0"."split" as "split",
  "d0"."harness" as "harness",
  "d0"."scaffold" as "scaffold",
  "d0"."variant" as "variant",
  "d0"."model_variant" as "modelVariant",
  "d0"."evaluator_organization_id" as "evaluatorOrganizationId",
  "d0"."evaluator_relationship" as "evaluatorRelationship",
  "d0"."reported_on" as "reportedOn",
  "d0"."source_id" as "sourceId",
  "d0"."notes" as "notes",
  "d0"."unverified" as "unverified",
  "d0"."comparability_key" as "comparabilityKey",
  "d0"."created_at" as "createdAt",
  "d0"."updated_at" as "updatedAt",
  (coalesce("d0"."reported_on", '0001-01-01'::date)) as "reportedOnKey",
  "dataset"."r" as "dataset",
  "metric"."r" as "metric",
  "evaluator"."r" as "evaluator",
  "source"."r" as "source"
from "benchmark_result" as "d0"
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
      "d1"."is_benchmark" as "benchmark",
      "d1"."is_training_data" as "trainingData",
      "d1"."domains" as "domains",
      "d1"."size" as "size",
      "d1"."example_count" as "exampleCount",
      "d1"."default_metric_id" as "defaultMetricId",
      "d1"."default_setting" as "defaultSetting",
      "d1"."license_id" as "licenseId",
      "d1"."license_notes" as "licenseNotes",
      "d1"."creators" as "creators",
      "d1"."introduced_year" as "introducedYear",
      "d1"."paper_source_id" as "paperSourceId",
      "d1"."parent_dataset_id" as "parentDatasetId",
      "d1"."huggingface_id" as "huggingfaceId",
      "d1"."homepage" as "homepage"
    from "dataset" as "d1"
    where "d0"."dataset_id" = "d1"."id"
    limit $1
  ) as "t"
) as "dataset" on true
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."id" as "id",
      "d1"."slug" as "slug",
      "d1"."name" as "name",
      "d1"."description" as "description",
      "d1"."unit" as "unit",
      "d1"."higher_is_better" as "higherIsBetter",
      "d1"."min_value" as "minValue",
      "d1"."max_value" as "maxValue"
    from "metric" as "d1"
    where "d0"."metric_id" = "d1"."id"
    limit $2
  ) as "t"
) as "metric" on true
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
    where "d0"."evaluator_organization_id" = "d1"."id"
    limit $3
  ) as "t"
) as "evaluator" on true
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
    where "d0"."source_id" = "d1"."id"
    limit $4
  ) as "t"
) as "source" on true
where (("d0"."model_id" in (
  select
    "model"."id"
  from "model"
  where ((
    select
      require_known_slugs($5::regclass, array(select jsonb_array_elements_text($6::jsonb)), $7)
  ) and "model"."slug" in ($8, …))
)) and ("d0"."dataset_id" in (
  select
    "dataset"."id"
  from "dataset"
  where ((
    select
      require_known_slugs($9::regclass, array(select jsonb_array_elements_text($10::jsonb)), $11)
  ) and "dataset"."slug" in ($12, …))
)))
order by "d0"."value" desc, "d0"."id" desc
limit $13;

select
  count(*)
from "benchmark_result"
where (("benchmark_result"."model_id" in (
  select
    "model"."id"
  from "model"
  where ((
    select
      require_known_slugs($1::regclass, array(select jsonb_array_elements_text($2::jsonb)), $3)
  ) and "model"."slug" in ($4, …))
)) and ("benchmark_result"."dataset_id" in (
  select
    "dataset"."id"
  from "dataset"
  where ((
    select
      require_known_slugs($5::regclass, array(select jsonb_array_elements_text($6::jsonb)), $7)
  ) and "dataset"."slug" in ($8, …))
)));
