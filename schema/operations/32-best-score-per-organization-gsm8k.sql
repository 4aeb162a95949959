-- The SQL that 32-best-score-per-organization-gsm8k.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

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
  "source"."r" as "source"
from "benchmark_result" as "d0"
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
    limit $1
  ) as "t"
) as "source" on true
where "d0"."id" in ($2, …);

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
  "d0"."kind" as "kind",
  "d0"."country" as "country",
  "d0"."headquarters" as "headquarters",
  "d0"."website" as "website",
  "d0"."founded_year" as "foundedYear"
from "organization" as "d0"
where "d0"."id" in ($1, …);

select (select id from dataset where slug = $1) as dataset_id,
(select id from metric where slug = $2) as metric_id;

select comparability_key as key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold,
       count(*)::int as results
from benchmark_result
where dataset_id = $1 and ($2::int is null or metric_id = $3)
group by comparability_key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold
order by count(*) desc, comparability_key;

with scores as (select p.id, p.model_id, p.value,
            case when "metric"."higher_is_better" then p.value else -p.value end as score
     from preferred_results(null, null::int[], array(select jsonb_array_elements_text($1::jsonb))) p
     join "metric" on "metric"."id" = p.metric_id),
per_organization as (
  select "model_developer"."organization_id" as organization_id, scores.*,
         row_number() over (partition by "model_developer"."organization_id"
                            order by scores.score desc, scores.model_id) as pick,
         count(*) over (partition by "model_developer"."organization_id") as models
  from scores join "model_developer" on "model_developer"."model_id" = scores.model_id
)
select rank() over (order by b.score desc)::int as rank, b.organization_id, b.model_id, b.id, b.value,
       b.models::int as models
from per_organization b join "organization" on "organization"."id" = b.organization_id
where b.pick = 1
order by b.score desc, "organization"."slug" collate "C";
