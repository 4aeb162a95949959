-- The SQL that 06-deepseek-v3-across-sources.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  d::text as data,
  false as fallback
from (
  select
    json_build_object('benchmarkResults', (
      select
        json_build_object('totalCount', (
          select
            count(*)
          from "benchmark_result" "c1"
          where (("c1"."model_id" = coalesce((select "model"."id" from "model" where "model"."slug" = $1), (
            select
              case when (
                select
                  require_known_slugs($2::regclass, array(select jsonb_array_elements_text($3::jsonb)), $4)
              ) then null::integer end
          ))) and ("c1"."dataset_id" in (
            select
              "dataset"."id"
            from "dataset"
            where ((
              select
                require_known_slugs($5::regclass, array(select jsonb_array_elements_text($6::jsonb)), $7)
            ) and "dataset"."slug" in ($8, …))
          )))
        ), 'nodes', coalesce(json_agg(p.j), '[]'::json))
      from (
        select
          json_build_object('dataset', (
            select
              json_build_object('name', "c2"."name")
            from "dataset" "c2"
            where "c2"."id" = "c0"."dataset_id"
          ), 'metric', (
            select
              json_build_object('slug', "c3"."slug")
            from "metric" "c3"
            where "c3"."id" = "c0"."metric_id"
          ), 'value', "c0"."value", 'setting', json_build_object('shots', "c0"."shots", 'chainOfThought', "c0"."chain_of_thought", 'variant', "c0"."variant"), 'evaluator', (
            select
              json_build_object('name', "c4"."name")
            from "organization" "c4"
            where "c4"."id" = "c0"."evaluator_organization_id"
          ), 'evaluatorRelationship', (case "c0"."evaluator_relationship" when 'first_party' then 'FIRST_PARTY' when 'third_party' then 'THIRD_PARTY' when 'unknown' then 'UNKNOWN' end), 'source', (
            select
              json_build_object('title', "c5"."title")
            from "source" "c5"
            where "c5"."id" = "c0"."source_id"
          )) as j,
          null::json as c
        from "benchmark_result" "c0"
        where (("c0"."model_id" = coalesce((select "model"."id" from "model" where "model"."slug" = $9), (
          select
            case when (
              select
                require_known_slugs($10::regclass, array(select jsonb_array_elements_text($11::jsonb)), $12)
            ) then null::integer end
        ))) and ("c0"."dataset_id" in (
          select
            "dataset"."id"
          from "dataset"
          where ((
            select
              require_known_slugs($13::regclass, array(select jsonb_array_elements_text($14::jsonb)), $15)
          ) and "dataset"."slug" in ($16, …))
        )))
        order by "c0"."value" desc, "c0"."id" desc
        limit 20
      ) p
    )) as d
  offset 0
) answer;
