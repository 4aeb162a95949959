-- The SQL that 22-neighborhood-of-ai2.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

with recursive bfs(depth, frontier, visited) as (
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
                                   greatest($6 + 1 - cardinality(b.visited), 0)) g
      ) n
      -- Once more nodes than the limit are known, deeper levels cannot be returned: stop.
      where b.depth < $7 and cardinality(b.visited) <= $8 and n.found is not null
    ),
    reached as (
      select u.key, b.depth from bfs b cross join lateral unnest(b.frontier) as u(key)
    ),
    -- The nearest nodes; within a depth, by type then id (a stable choice that needs no name lookups for
    -- the nodes left out, which can be thousands).
    kept as (
      select r.key, r.depth, l.name, l.slug
      from (select * from reached order by depth, key limit $9) r
      cross join lateral (select o.name, o.slug from organization o where graph_node_type(r.key) = 'ORGANIZATION' and o.id = graph_node_id(r.key)
union all select m.name, m.slug from model m where graph_node_type(r.key) = 'MODEL' and m.id = graph_node_id(r.key)
union all select t.name, t.slug from technique t where graph_node_type(r.key) = 'TECHNIQUE' and t.id = graph_node_id(r.key)
union all select d.name, d.slug from dataset d where graph_node_type(r.key) = 'DATASET' and d.id = graph_node_id(r.key)) as l
    ),
    edges as (
      select g.from_key as node, g.to_key as neighbor, g.edge, g.detail
      from graph_edges_among(array(select key from kept), array(select jsonb_array_elements_text($10::jsonb)), $11) g
      order by array_position(array['DEVELOPED', 'DERIVED_FROM', 'USES_TECHNIQUE', 'TRAINED_ON', 'EVALUATED_ON', 'CREATED', 'SPECIALIZES', 'SUBSET_OF', 'EVALUATED', 'BEATS'], g.edge), g.from_key, g.to_key, g.detail
      limit $12
    )
    select
      (select json_agg(json_build_object('key', key::text, 'depth', depth, 'name', name, 'slug', slug)
              order by depth, key >> 32, name collate "C", key) from kept)::text as nodes,
      (select json_agg(json_build_object('from', node::text, 'to', neighbor::text, 'edge', edge, 'detail', detail)
              order by array_position(array['DEVELOPED', 'DERIVED_FROM', 'USES_TECHNIQUE', 'TRAINED_ON', 'EVALUATED_ON', 'CREATED', 'SPECIALIZES', 'SUBSET_OF', 'EVALUATED', 'BEATS'], edge), node, neighbor, detail) from edges)::text as edges,
      (select count(*) from reached)::int as reached;
