-- The SQL that 11-compare-tulu-deepseek-gpt4o.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

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
  "d0"."training_compute_notes" as "trainingComputeNotes"
from "model" as "d0"
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
  "d0"."description" as "description",
  "d0"."unit" as "unit",
  "d0"."higher_is_better" as "higherIsBetter",
  "d0"."min_value" as "minValue",
  "d0"."max_value" as "maxValue"
from "metric" as "d0"
where "d0"."id" in ($1, …);

select distinct comparability_key as key from benchmark_result
where dataset_id = any(array(select jsonb_array_elements_text($1::jsonb)::int)) and model_id = any(array(select jsonb_array_elements_text($2::jsonb)::int))
  and (null::int[] is null or metric_id = any(null::int[]));

select distinct on (comparability_key) comparability_key as key, dataset_id, metric_id, shots,
       chain_of_thought, pass_k, split, variant, scaffold,
       (count(*) over (partition by comparability_key))::int as results
from benchmark_result where comparability_key = any(array(select jsonb_array_elements_text($1::jsonb)))
order by comparability_key;

select
  id,
  slug
from "dataset"
where slug = any(array(select jsonb_array_elements_text($1::jsonb)));

select
  id,
  slug
from "model"
where slug = any(array(select jsonb_array_elements_text($1::jsonb)));

select p.id, p.model_id, p.dataset_id, p.metric_id, p.comparability_key, p.value, m.higher_is_better
from preferred_results(null, array(select jsonb_array_elements_text($1::jsonb)::int), $2::text[]) p
join metric m on m.id = p.metric_id
order by p.dataset_id, p.metric_id, p.comparability_key;
