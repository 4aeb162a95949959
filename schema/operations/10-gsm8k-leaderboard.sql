-- The SQL that 10-gsm8k-leaderboard.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

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
  "d0"."aliases" as "aliases",
  "d0"."description" as "description",
  "d0"."unverified_fields" as "unverifiedFields",
  "d0"."created_at" as "createdAt",
  "d0"."updated_at" as "updatedAt",
  "d0"."kind" as "kind",
  "d0"."country" as "country",
  "d0"."headquarters" as "headquarters",
  "d0"."website" as "website",
  "d0"."founded_year" as "foundedYear"
from "organization" as "d0"
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
  "d0"."updated_at" as "updatedAt"
from "source" as "d0"
where "d0"."id" in ($1, …);

select (select id from dataset where slug = $1) as dataset_id,
(select id from metric where slug = $2) as metric_id;

select comparability_key as key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold,
       count(*)::int as results
from benchmark_result
where dataset_id = $1 and ($2::int is null or metric_id = $3)
group by comparability_key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold
order by count(*) desc, comparability_key;

select distinct on (model_id) model_id, organization_id from model_developer
where model_id = any(array(select jsonb_array_elements_text($1::jsonb)::int)) order by model_id, position, organization_id;

select model_id, json_agg(id order by id) as ids, min(value) as min, max(value) as max
from benchmark_result
where comparability_key = $1 and model_id = any(array(select jsonb_array_elements_text($2::jsonb)::int))
  and ($3::date is null or reported_on <= $4::date)
group by model_id;

select p.id, p.model_id, p.source_id, p.value,
       rank() over (order by case when m.higher_is_better then -p.value else p.value end)::int as rank,
       count(*) over ()::int as total
from preferred_results($1::date, null::int[], $2::text[]) p
join metric m on m.id = p.metric_id
order by rank, p.model_id
limit $3;
