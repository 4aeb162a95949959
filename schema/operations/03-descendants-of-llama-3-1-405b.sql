-- The SQL that 03-descendants-of-llama-3-1-405b.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  d::text as data,
  json_typeof(d -> 'model') = 'null' as fallback
from (
  select
    json_build_object('model', (
      select
        json_build_object('name', "c0"."name", 'organization', (
          select
            json_build_object('name', "c2"."name")
          from "model_developer" "c1"
          join "organization" "c2" on "c2"."id" = "c1"."organization_id"
          where "c1"."model_id" = "c0"."id"
          order by "c1"."position" asc, "c1"."organization_id" asc
          limit 1
        ), 'derivatives', coalesce((
          select
            json_agg(l.j)
          from (
            select
              json_build_object('kind', (case "c3"."kind" when 'adapter' then 'ADAPTER' when 'continued_pretraining' then 'CONTINUED_PRETRAINING' when 'distillation' then 'DISTILLATION' when 'finetune' then 'FINETUNE' when 'merge' then 'MERGE' when 'quantization' then 'QUANTIZATION' end), 'model', (
                select
                  json_build_object('name', "c4"."name", 'organization', (
                    select
                      json_build_object('name', "c6"."name")
                    from "model_developer" "c5"
                    join "organization" "c6" on "c6"."id" = "c5"."organization_id"
                    where "c5"."model_id" = "c4"."id"
                    order by "c5"."position" asc, "c5"."organization_id" asc
                    limit 1
                  ), 'derivatives', coalesce((
                    select
                      json_agg(l.j)
                    from (
                      select
                        json_build_object('kind', (case "c7"."kind" when 'adapter' then 'ADAPTER' when 'continued_pretraining' then 'CONTINUED_PRETRAINING' when 'distillation' then 'DISTILLATION' when 'finetune' then 'FINETUNE' when 'merge' then 'MERGE' when 'quantization' then 'QUANTIZATION' end), 'model', (case when "c8"."id" is null then null else json_build_object('name', "c8"."name") end)) as j
                      from "model_lineage" "c7"
                      left join "model" "c8" on "c8"."id" = "c7"."model_id"
                      where "c7"."base_model_id" = "c4"."id"
                      order by "c7"."id" asc
                    ) l
                  ), '[]'::json))
                from "model" "c4"
                where "c4"."id" = "c3"."model_id"
              ), 'source', (
                select
                  json_build_object('slug', "c9"."slug")
                from "source" "c9"
                where "c9"."id" = "c3"."source_id"
              )) as j
            from "model_lineage" "c3"
            where "c3"."base_model_id" = "c0"."id"
            order by "c3"."id" asc
          ) l
        ), '[]'::json))
      from "model" "c0"
      where "c0"."slug" = $1
      limit 1
    )) as d
  offset 0
) answer;
