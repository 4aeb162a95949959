-- The SQL that 21-lineage-of-tulu.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."id" as "id"
from "model" as "d0"
where "d0"."slug" = $1
limit $2;

select
  "d0"."name" as "name",
  "d0"."id" as "id"
from "model" as "d0"
where "d0"."slug" = $1
limit $2;

select
  "d0"."name" as "name",
  "d0"."id" as "id",
  "developers"."r" as "developers"
from "model" as "d0"
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."model_id" as "modelId",
      "d1"."organization_id" as "organizationId",
      "d1"."position" as "position",
      "d1"."source_id" as "sourceId",
      "organization"."r" as "organization"
    from "model_developer" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "organization" as "d2"
        where "d1"."organization_id" = "d2"."id"
        limit $1
      ) as "t"
    ) as "organization" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."position" asc, "d1"."organization_id" asc
  ) as "t"
) as "developers" on true
where "d0"."id" in ($2, …);

select
  "d0"."slug" as "slug",
  "d0"."id" as "id"
from "source" as "d0"
where "d0"."id" in ($1, …);

with recursive walk(request, up, max_depth, model_id, depth, visited, hops) as (
  select (s->>0)::int, (s->>2)::boolean, (s->>3)::int, (s->>1)::int, 0, array[(s->>1)::int], array[]::integer[]
  from jsonb_array_elements($1::jsonb) as s
  union all
  select w.request, w.up, w.max_depth, n.next, w.depth + 1, w.visited || n.next, w.hops || n.id
  from walk w
  -- Ancestors follow an edge from the derived model to its base, descendants the other way; the branch
  -- of the other direction is skipped (a one-time filter), and each branch uses its index.
  cross join lateral (
    select l.id, l.base_model_id as next from model_lineage l where w.up and l.model_id = w.model_id
    union all
    select l.id, l.model_id from model_lineage l where not w.up and l.base_model_id = w.model_id
  ) n
  where w.depth < w.max_depth and n.next <> all (w.visited)
),
-- Breadth first and pipelined: the walk stops as soon as the budget is reached.
bounded as (select * from walk where depth > 0 limit $2)
select b.request, b.model_id, b.depth,
  (select json_agg(json_build_object('id', l.id, 'kind', l.kind, 'details', l.details,
            'unverified', l.unverified, 'sourceId', l.source_id, 'modelId', l.model_id,
            'baseModelId', l.base_model_id) order by h.position)
   from unnest(b.hops) with ordinality as h(id, position)
   join model_lineage l on l.id = h.id)::text as hops
from bounded b
join model m on m.id = b.model_id
order by b.request, b.depth, m.name collate "C", b.model_id, b.hops;
