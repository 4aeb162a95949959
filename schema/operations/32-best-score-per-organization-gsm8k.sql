-- The SQL that 32-best-score-per-organization-gsm8k.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."evaluator_relationship" as "evaluatorRelationship",
  "d0"."id" as "id",
  "source"."r" as "source"
from "benchmark_result" as "d0"
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."slug" as "slug",
      "d1"."url" as "url",
      "d1"."id" as "id"
    from "source" as "d1"
    where "d0"."source_id" = "d1"."id"
    limit $1
  ) as "t"
) as "source" on true
where "d0"."id" in ($2, …);

select
  "d0"."name" as "name",
  "d0"."country" as "country",
  "d0"."id" as "id"
from "organization" as "d0"
where "d0"."id" in ($1, …);

select
  "d0"."name" as "name",
  "d0"."id" as "id"
from "model" as "d0"
where "d0"."id" in ($1, …);

select (select id from dataset where slug = $1) as dataset_id,
(select id from metric where slug = $2) as metric_id;

select comparability_key as key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold,
       result_count as results
from comparability_set
where dataset_id = $1 and ($2::int is null or metric_id = $3)
order by result_count desc, comparability_key;

with scores as (select p.id, p.model_id, p.value,
            case when "metric"."higher_is_better" then p.value else -p.value end as score
     from preferred_results(null, null::int[], $1::text[]) p
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
