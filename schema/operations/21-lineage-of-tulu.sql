-- The SQL that 21-lineage-of-tulu.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select d::text as data, json_typeof(d -> 'model') = 'null' or json_typeof(d -> 'llama') = 'null' as fallback from (select json_build_object('model', (select json_build_object('name', "c0"."name", 'ancestors', (with recursive "c1"(model_id, depth, visited, hops) as (
    select "c0"."id", 0, array["c0"."id"], array[]::integer[]
    union all
    select l.base_model_id, "c1".depth + 1, "c1".visited || l.base_model_id, "c1".hops || l.id
    from "c1" join "model_lineage" l on l.model_id = "c1".model_id
    where "c1".depth < 10 and l.base_model_id <> all ("c1".visited)
  )
  select case when count(*) > 1000
    then ($1 || count(*))::int::text::json
    else coalesce(json_agg(json_build_object('depth', "c2"."depth", 'model', (select json_build_object('name', "c4"."name") from "model" "c4"  where "c4"."id" = "c2"."model_id" limit 1), 'path', coalesce((select json_agg(json_build_object('kind', (case "c5"."kind" when 'adapter' then 'ADAPTER' when 'continued_pretraining' then 'CONTINUED_PRETRAINING' when 'distillation' then 'DISTILLATION' when 'finetune' then 'FINETUNE' when 'merge' then 'MERGE' when 'quantization' then 'QUANTIZATION' end), 'model', (select json_build_object('name', "c7"."name") from "model" "c7"  where "c7"."id" = "c5"."model_id" limit 1), 'baseModel', (select json_build_object('name', "c8"."name") from "model" "c8"  where "c8"."id" = "c5"."base_model_id" limit 1), 'source', (select json_build_object('slug', "c9"."slug") from "source" "c9"  where "c9"."id" = "c5"."source_id" limit 1)) order by "c6".n)
from unnest("c2"."hops") with ordinality "c6"(id, n)
join "model_lineage" "c5" on "c5"."id" = "c6".id), '[]'::json)) order by "c2"."depth", "c3"."name" collate "C",
      "c2"."model_id", "c2"."hops"), '[]'::json) end
  from (select * from "c1" where depth > 0 limit 1001) "c2"
  join "model" "c3" on "c3"."id" = "c2"."model_id")) from "model" "c0"  where "c0"."slug" = $2 limit 1), 'llama', (select json_build_object('descendants', (with recursive "c11"(model_id, depth, visited, hops) as (
    select "c10"."id", 0, array["c10"."id"], array[]::integer[]
    union all
    select l.model_id, "c11".depth + 1, "c11".visited || l.model_id, "c11".hops || l.id
    from "c11" join "model_lineage" l on l.base_model_id = "c11".model_id
    where "c11".depth < 2 and l.model_id <> all ("c11".visited)
  )
  select case when count(*) > 1000
    then ($3 || count(*))::int::text::json
    else coalesce(json_agg(json_build_object('depth', "c12"."depth", 'model', (select json_build_object('name', "c14"."name", 'organization', (select json_build_object('name', "c16"."name") from "model_developer" "c15" join "organization" "c16" on "c16"."id" = "c15"."organization_id" where "c15"."model_id" = "c14"."id" order by "c15"."position" asc, "c15"."organization_id" asc limit 1)) from "model" "c14"  where "c14"."id" = "c12"."model_id" limit 1)) order by "c12"."depth", "c13"."name" collate "C",
      "c12"."model_id", "c12"."hops"), '[]'::json) end
  from (select * from "c11" where depth > 0 limit 1001) "c12"
  join "model" "c13" on "c13"."id" = "c12"."model_id")) from "model" "c10"  where "c10"."slug" = $4 limit 1)) as d offset 0) answer;
