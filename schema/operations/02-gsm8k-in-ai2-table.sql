-- The SQL that 02-gsm8k-in-ai2-table.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

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
          where (("c1"."dataset_id" = coalesce((select "dataset"."id" from "dataset" where "dataset"."slug" = $1), (
            select
              case when (
                select
                  require_known_slugs($2::regclass, array(select jsonb_array_elements_text($3::jsonb)), $4)
              ) then null::integer end
          ))) and ("c1"."source_id" = coalesce((select "source"."id" from "source" where "source"."slug" = $5), (
            select
              case when (
                select
                  require_known_slugs($6::regclass, array(select jsonb_array_elements_text($7::jsonb)), $8)
              ) then null::integer end
          ))))
        ), 'nodes', coalesce(json_agg(p.j), '[]'::json))
      from (
        select
          json_build_object('model', (
            select
              json_build_object('name', "c2"."name", 'organization', (
                select
                  json_build_object('name', "c4"."name")
                from "model_developer" "c3"
                join "organization" "c4" on "c4"."id" = "c3"."organization_id"
                where "c3"."model_id" = "c2"."id"
                order by "c3"."position" asc, "c3"."organization_id" asc
                limit 1
              ))
            from "model" "c2"
            where "c2"."id" = "c0"."model_id"
          ), 'modelVariant', "c0"."model_variant", 'value', "c0"."value", 'setting', json_build_object('shots', "c0"."shots", 'chainOfThought', "c0"."chain_of_thought", 'harness', "c0"."harness"), 'evaluatorRelationship', (case "c0"."evaluator_relationship" when 'first_party' then 'FIRST_PARTY' when 'third_party' then 'THIRD_PARTY' when 'unknown' then 'UNKNOWN' end)) as j,
          null::json as c
        from "benchmark_result" "c0"
        where (("c0"."dataset_id" = coalesce((select "dataset"."id" from "dataset" where "dataset"."slug" = $9), (
          select
            case when (
              select
                require_known_slugs($10::regclass, array(select jsonb_array_elements_text($11::jsonb)), $12)
            ) then null::integer end
        ))) and ("c0"."source_id" = coalesce((select "source"."id" from "source" where "source"."slug" = $13), (
          select
            case when (
              select
                require_known_slugs($14::regclass, array(select jsonb_array_elements_text($15::jsonb)), $16)
            ) then null::integer end
        ))))
        order by "c0"."value" desc, "c0"."id" desc
        limit 20
      ) p
    ), 'otherSources', (
      select
        json_build_object('nodes', coalesce(json_agg(p.j), '[]'::json))
      from (
        select
          json_build_object('model', (
            select
              json_build_object('name', "c6"."name")
            from "model" "c6"
            where "c6"."id" = "c5"."model_id"
          ), 'value', "c5"."value", 'setting', json_build_object('shots', "c5"."shots", 'chainOfThought', "c5"."chain_of_thought", 'variant', "c5"."variant"), 'evaluator', (
            select
              json_build_object('name', "c7"."name")
            from "organization" "c7"
            where "c7"."id" = "c5"."evaluator_organization_id"
          ), 'source', (
            select
              json_build_object('slug', "c8"."slug")
            from "source" "c8"
            where "c8"."id" = "c5"."source_id"
          )) as j,
          null::json as c
        from "benchmark_result" "c5"
        where (("c5"."dataset_id" = coalesce((select "dataset"."id" from "dataset" where "dataset"."slug" = $17), (
          select
            case when (
              select
                require_known_slugs($18::regclass, array(select jsonb_array_elements_text($19::jsonb)), $20)
            ) then null::integer end
        ))) and ("c5"."evaluator_organization_id" in (
          select
            "organization"."id"
          from "organization"
          where ((
            select
              require_known_slugs($21::regclass, array(select jsonb_array_elements_text($22::jsonb)), $23)
          ) and "organization"."slug" in ($24, …))
        )))
        order by "c5"."id" asc
        limit 20
      ) p
    )) as d
  offset 0
) answer;
