-- The SQL that 22-neighborhood-of-ai2.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select d::text as data, json_typeof(d -> 'neighborhood') = 'null' as fallback from (select json_build_object('neighborhood', (with recursive bfs(depth, frontier, visited) as (
  select 0, array[$1::bigint], array[$2::bigint]
  union all
  select b.depth + 1, n.found, b.visited || n.found
  from bfs b
  cross join lateral (
    -- Only the nodes of lowest key are kept (below): of a level, its first limit + 1 - |visited| new
    -- nodes by key are enough to fill the kept nodes and to know whether more were reachable (then the
    -- visited nodes are more than the limit, and the walk stops as it would with the whole level).
    select array_agg(g.neighbor order by g.neighbor) as found
    from graph_first_neighbors(b.frontier, array(select jsonb_array_elements_text($3::jsonb)), $4, $5, b.visited,
                               greatest(50 + 1 - cardinality(b.visited), 0)) g
  ) n
  -- Once more nodes than the limit are known, deeper levels cannot be returned: stop.
  where b.depth < 1 and cardinality(b.visited) <= 50 and n.found is not null
),
reached as (
  select u.key, b.depth from bfs b cross join lateral unnest(b.frontier) as u(key)
),
-- The nearest nodes; within a depth, by type then id (a stable choice that needs no name lookups for
-- the nodes left out, which can be thousands).
kept as (
  select r.key, r.depth, l.name, l.slug
  from (select * from reached order by depth, key limit 50) r
  cross join lateral (select o.name, o.slug from organization o where graph_node_type(r.key) = 'ORGANIZATION' and o.id = graph_node_id(r.key)
union all select m.name, m.slug from model m where graph_node_type(r.key) = 'MODEL' and m.id = graph_node_id(r.key)
union all select t.name, t.slug from technique t where graph_node_type(r.key) = 'TECHNIQUE' and t.id = graph_node_id(r.key)
union all select d.name, d.slug from dataset d where graph_node_type(r.key) = 'DATASET' and d.id = graph_node_id(r.key)) as l
),
edges as (
  select g.from_key as node, g.to_key as neighbor, g.edge, g.detail, array_position(array['DEVELOPED', 'DERIVED_FROM', 'USES_TECHNIQUE', 'TRAINED_ON', 'EVALUATED_ON', 'CREATED', 'SPECIALIZES', 'SUBSET_OF', 'EVALUATED', 'BEATS'], g.edge) as rank
  from graph_edges_among(array(select key from kept), array(select jsonb_array_elements_text($6::jsonb)), $7) g
  order by 5, g.from_key, g.to_key, g.detail
  limit $8
)
select case when exists (select from kept where depth = 0) then json_build_object('truncated', ((select count(*) from reached) > 50), 'center', (select json_build_object('name', "c0"."name") from kept "c0" where "c0".depth = 0), 'nodes', (select coalesce(json_agg(json_build_object('entityId', translate(encode(convert_to((case graph_node_type("c1"."key") when 'ORGANIZATION' then 'Organization:' when 'MODEL' then 'Model:' when 'TECHNIQUE' then 'Technique:' when 'DATASET' then 'Dataset:' end) || graph_node_id("c1"."key")::text, 'UTF8'), 'base64'), E'\n', ''), 'type', (case graph_node_type("c1"."key") when 'DATASET' then 'DATASET' when 'MODEL' then 'MODEL' when 'ORGANIZATION' then 'ORGANIZATION' when 'TECHNIQUE' then 'TECHNIQUE' end), 'name', "c1"."name", 'depth', "c1"."depth") order by "c1".depth, "c1".key >> 32, "c1".name collate "C", "c1".key), '[]'::json) from kept "c1"), 'edges', (select coalesce(json_agg(json_build_object('type', (case "c2"."edge" when 'BEATS' then 'BEATS' when 'CREATED' then 'CREATED' when 'DERIVED_FROM' then 'DERIVED_FROM' when 'DEVELOPED' then 'DEVELOPED' when 'EVALUATED' then 'EVALUATED' when 'EVALUATED_ON' then 'EVALUATED_ON' when 'SPECIALIZES' then 'SPECIALIZES' when 'SUBSET_OF' then 'SUBSET_OF' when 'TRAINED_ON' then 'TRAINED_ON' when 'USES_TECHNIQUE' then 'USES_TECHNIQUE' end), 'fromId', translate(encode(convert_to((case graph_node_type("c2"."node") when 'ORGANIZATION' then 'Organization:' when 'MODEL' then 'Model:' when 'TECHNIQUE' then 'Technique:' when 'DATASET' then 'Dataset:' end) || graph_node_id("c2"."node")::text, 'UTF8'), 'base64'), E'\n', ''), 'toId', translate(encode(convert_to((case graph_node_type("c2"."neighbor") when 'ORGANIZATION' then 'Organization:' when 'MODEL' then 'Model:' when 'TECHNIQUE' then 'Technique:' when 'DATASET' then 'Dataset:' end) || graph_node_id("c2"."neighbor")::text, 'UTF8'), 'base64'), E'\n', ''), 'detail', "c2"."detail") order by "c2".rank, "c2".node, "c2".neighbor, "c2".detail), '[]'::json)
from (select * from edges "c2" order by "c2".rank, "c2".node, "c2".neighbor, "c2".detail limit 2000) "c2")) end)) as d offset 0) answer;
