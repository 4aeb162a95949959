-- The SQL that 38-japanese-models-and-their-best-scores.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."id" as "id",
  "d0"."name" as "name",
  "d0"."parameter_count" as "parameterCount",
  (coalesce("d0"."release_date", '0001-01-01'::date)) as "releaseDateKey",
  (coalesce("d0"."parameter_count", 0)) as "parameterCountKey",
  (
    select
      count(*)
    from "benchmark_result"
    where ((true) and ("d0"."id" = "benchmark_result"."model_id"))
  ) as "_results_count",
  "languageLinks"."r" as "languageLinks",
  "task"."r" as "task",
  "results"."r" as "results"
from "model" as "d0"
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."unverified" as "unverified",
      "d1"."model_id" as "modelId",
      "d1"."language_id" as "languageId",
      "d1"."source_id" as "sourceId",
      "language"."r" as "language",
      "source"."r" as "source"
    from "model_language" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."slug" as "slug",
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "language" as "d2"
        where "d1"."language_id" = "d2"."id"
        limit $1
      ) as "t"
    ) as "language" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."slug" as "slug",
          "d2"."id" as "id"
        from "source" as "d2"
        where "d1"."source_id" = "d2"."id"
        limit $2
      ) as "t"
    ) as "source" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."language_id" asc, "d1"."source_id" asc
  ) as "t"
) as "languageLinks" on true
left join lateral(
  select
    row_to_json("t".*) "r"
  from (
    select
      "d1"."task" as "task",
      "d1"."input_modalities" as "inputModalities",
      "d1"."output_modalities" as "outputModalities",
      "d1"."model_id" as "modelId",
      "source"."r" as "source"
    from "model_task" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."slug" as "slug",
          "d2"."id" as "id"
        from "source" as "d2"
        where "d1"."source_id" = "d2"."id"
        limit $3
      ) as "t"
    ) as "source" on true
    where "d0"."id" = "d1"."model_id"
    limit $4
  ) as "t"
) as "task" on true
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."dataset_id" as "datasetId",
      "d1"."id" as "id",
      "d1"."value" as "value",
      "d1"."shots" as "shots",
      "d1"."chain_of_thought" as "chainOfThought",
      "d1"."pass_k" as "passK",
      "d1"."split" as "split",
      "d1"."harness" as "harness",
      "d1"."scaffold" as "scaffold",
      "d1"."variant" as "variant",
      "dataset"."r" as "dataset",
      "metric"."r" as "metric",
      "source"."r" as "source"
    from "benchmark_result" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "dataset" as "d2"
        where "d1"."dataset_id" = "d2"."id"
        limit $5
      ) as "t"
    ) as "dataset" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."slug" as "slug",
          "d2"."id" as "id"
        from "metric" as "d2"
        where "d1"."metric_id" = "d2"."id"
        limit $6
      ) as "t"
    ) as "metric" on true
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."slug" as "slug",
          "d2"."id" as "id"
        from "source" as "d2"
        where "d1"."source_id" = "d2"."id"
        limit $7
      ) as "t"
    ) as "source" on true
    where ((true) and ("d0"."id" = "d1"."model_id"))
    order by "d1"."dataset_id" asc, "d1"."id" asc
    limit $8
  ) as "t"
) as "results" on true
where exists (
  select
    1
  from "model_language"
  join "language" on "language"."id" = "model_language"."language_id"
  where "model_language"."model_id" = "d0"."id" and ((
    select
      require_known_slugs($9::regclass, array(select jsonb_array_elements_text($10::jsonb)), $11)
  ) and "language"."slug" in ($12, …))
)
order by coalesce("d0"."parameter_count", 0) asc, "d0"."id" asc
limit $13;

select
  "d0"."name" as "name",
  "d0"."id" as "id"
from "model" as "d0"
where "d0"."id" in ($1, …);

select
  "d0"."slug" as "slug",
  "d0"."id" as "id"
from "source" as "d0"
where "d0"."id" in ($1, …);

select (select id from dataset where slug = $1) as dataset_id,
(select id from metric where slug = $2) as metric_id;

select comparability_key as key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold,
       result_count as results
from comparability_set
where dataset_id = $1 and ($2::int is null or metric_id = $3)
order by result_count desc, comparability_key;

select
  count(*)
from "model"
where exists (
  select
    1
  from "model_language"
  join "language" on "language"."id" = "model_language"."language_id"
  where "model_language"."model_id" = "model"."id" and ((
    select
      require_known_slugs($1::regclass, array(select jsonb_array_elements_text($2::jsonb)), $3)
  ) and "language"."slug" in ($4, …))
);

select model_id, json_agg(id order by id) as ids, min(value) as min, max(value) as max
from benchmark_result
where comparability_key = $1 and model_id = any(array(select jsonb_array_elements_text($2::jsonb)::int))
  and ($3::date is null or reported_on <= $4::date)
group by model_id;

select p.id, p.model_id, p.source_id, p.value,
       rank() over (order by case when m.higher_is_better then -p.value else p.value end)::int as rank,
       count(*) over ()::int as total
from preferred_results($1::date, array(select id from model where exists (select 1 from "model_language" join "language" on "language"."id" = "model_language"."language_id" where "model_language"."model_id" = "model"."id" and ((select require_known_slugs($2::regclass, array(select jsonb_array_elements_text($3::jsonb)), $4)) and "language"."slug" in ($5, …)))), $6::text[]) p
join metric m on m.id = p.metric_id
order by rank, p.model_id
limit $7;
