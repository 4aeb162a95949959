-- The SQL that 23-path-ai2-to-deepseek.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

with recursive
    -- The node where the walk below would meet after two steps, found by index (NULL: the walk runs).
    near as materialized (
      select m.met from (
        -- OFFSET 0: called once (pulled up, the call was made twice, in the filter below and for the column).
        select graph_two_hop_meeting($1::bigint, $2::bigint, array(select jsonb_array_elements_text($3::jsonb))) as met
        where $4 and $5 >= 2 and $6 >= 2
        offset 0
      ) m
      where m.met is not null
    ),
    -- Each side's frontier and visited nodes, and their numbers (f_size, f_count...): the same, except after a
    -- level that is not expanded (below), whose nodes the arrays lack.
    walk(step, side, f_frontier, f_visited, b_frontier, b_visited, f_size, f_count, b_size, b_count,
                          found, parents, edges, forwards, details, met) as (
      select 0, null::text, array[$7::bigint], array[$8::bigint],
             array[$9::bigint], array[$10::bigint], 1, 1, 1, 1,
             null::bigint[], null::bigint[], null::text[], null::boolean[], null::text[],
             case when $11::bigint = $12::bigint then $13::bigint end
      where not exists (select from near)
      union all
      select s.step + 1, x.side,
             case when x.side = 'F' then n.found else s.f_frontier end,
             case when x.side = 'F' then s.f_visited || n.found else s.f_visited end,
             case when x.side = 'B' then n.found else s.b_frontier end,
             case when x.side = 'B' then s.b_visited || n.found else s.b_visited end,
             case when x.side = 'F' then n.size else s.f_size end,
             case when x.side = 'F' then s.f_count + n.size else s.f_count end,
             case when x.side = 'B' then n.size else s.b_size end,
             case when x.side = 'B' then s.b_count + n.size else s.b_count end,
             n.found, n.parents, n.edges, n.forwards, n.details,
             -- The nodes found by the meeting check are all visited by the other side, and an expansion
             -- finds none of them (the check would have): the sides meet at the smallest, found[1].
             case when n.meets then n.found[1] end
      from walk s
      cross join lateral (
        select case when s.f_size <= s.b_size then 'F' else 'B' end as side
      ) x
      cross join lateral (
        -- Each newly reached node once, with its parent: the smallest key, then the preferred edge type,
        -- then an edge that points along the path (out of the parent on the forward side, into it on the
        -- backward side: Tülu 3 405B -BEATS-> DeepSeek-V3 rather than DeepSeek-V3 -BEATS-> Tülu 3 405B).
        -- First only the nodes the other side has visited: if the frontier reaches one, the sides meet at
        -- this step, the meeting node and its parent are chosen among exactly these edges as they would be
        -- among all, and the full expansion is skipped. Past the visited limit only this check runs (when
        -- the frontier is within the limit, as every expanded frontier is): two organizations that each
        -- evaluated 30,000 models meet one step after the first side's expansion went past the limit, and
        -- the path is the one an unlimited search finds.
        with meeting as materialized (
          select distinct on (g.neighbor) g.neighbor, g.node, g.edge, g.forward, g.detail, true as meets
          from graph_path_edges(case when x.side = 'F' then s.f_frontier else s.b_frontier end, array(select jsonb_array_elements_text($14::jsonb)), case when x.side = 'F' then s.b_visited else s.f_visited end, null) g
          where cardinality(case when x.side = 'F' then s.f_frontier else s.b_frontier end) <= $15
          order by g.neighbor, g.node, array_position(array['DEVELOPED', 'DERIVED_FROM', 'USES_TECHNIQUE', 'TRAINED_ON', 'EVALUATED_ON', 'CREATED', 'SPECIALIZES', 'SUBSET_OF', 'EVALUATED', 'BEATS'], g.edge), g.forward = (x.side = 'F') desc, g.detail
        ),
        -- The level before the last step, when the last step expands the other side (its frontier is the
        -- smaller: on the forward side, this level is larger than the backward frontier; on the backward side,
        -- at least as large as the forward one). That step meets this level only at nodes the two frontiers
        -- both reach, at the smallest first: the level's size and that node (graph_level) are all it needs, and
        -- the edges of the level's other nodes (on the 4x graph, 200,000 BEATS pairs to 2,200 models) are never
        -- read. The level is recorded as that node alone, with its parent, its size as the level's.
        level as materialized (
          select l.size, l.first_common,
                 l.size > case when x.side = 'F' then s.b_size else s.f_size - 1 end as skipped
          from graph_level(case when x.side = 'F' then s.f_frontier else s.b_frontier end, array(select jsonb_array_elements_text($16::jsonb)),
                           case when x.side = 'F' then s.f_visited else s.b_visited end,
                           case when x.side = 'F' then s.b_frontier else s.f_frontier end,
                           case when x.side = 'F' then s.b_size else s.f_size - 1 end) l
          where $17 and s.step + 1 = $18 - 1 and not exists (select 1 from meeting)
            and s.f_count + s.b_count <= $19
        ),
        reached as (
          select * from meeting
          union all
          select * from (
            select distinct on (g.neighbor) g.neighbor, g.node, g.edge, g.forward, g.detail, false as meets
            from graph_path_edges(case when x.side = 'F' then s.f_frontier else s.b_frontier end, array(select jsonb_array_elements_text($20::jsonb)), null, case when x.side = 'F' then s.f_visited else s.b_visited end) g
            order by g.neighbor, g.node, array_position(array['DEVELOPED', 'DERIVED_FROM', 'USES_TECHNIQUE', 'TRAINED_ON', 'EVALUATED_ON', 'CREATED', 'SPECIALIZES', 'SUBSET_OF', 'EVALUATED', 'BEATS'], g.edge), g.forward = (x.side = 'F') desc, g.detail
          ) expanded
          where not exists (select 1 from meeting)
            and s.f_count + s.b_count <= $21
            and not exists (select 1 from level where skipped)
            -- The last step's level is never met: not expanded.
            and not ($22 and s.step + 1 = $23)
          union all
          select * from (
            select distinct on (g.neighbor) g.neighbor, g.node, g.edge, g.forward, g.detail, false as meets
            from level
            cross join lateral graph_path_edges(case when x.side = 'F' then s.f_frontier else s.b_frontier end, array(select jsonb_array_elements_text($24::jsonb)), array[level.first_common], null) g
            where level.skipped and level.first_common is not null
            order by g.neighbor, g.node, array_position(array['DEVELOPED', 'DERIVED_FROM', 'USES_TECHNIQUE', 'TRAINED_ON', 'EVALUATED_ON', 'CREATED', 'SPECIALIZES', 'SUBSET_OF', 'EVALUATED', 'BEATS'], g.edge), g.forward = (x.side = 'F') desc, g.detail
          ) common
        )
        select coalesce(
                 array_agg(c.neighbor order by c.neighbor),
                 -- A level not expanded, and the last step's when it would have been: the walk goes on (a last
                 -- step past the visited limit is not made, as before: the search could not decide).
                 case when exists (select 1 from level where skipped)
                        or ($25 and s.step + 1 = $26 and s.f_count + s.b_count <= $27)
                      then '{}'::bigint[] end
               ) as found,
               coalesce((select level.size from level where skipped), count(c.neighbor)::int) as size,
               array_agg(c.node order by c.neighbor) as parents,
               array_agg(c.edge order by c.neighbor) as edges,
               array_agg(c.forward order by c.neighbor) as forwards,
               array_agg(c.detail order by c.neighbor) as details,
               bool_or(c.meets) as meets
        from reached c
      ) n
      where s.met is null and s.step < $28 and n.found is not null
    ),
    outcome as (select * from walk order by step desc limit 1),
    -- From the meeting node back to each end, through the parents recorded by that side's steps (each node is
    -- found by one step, at its position in that step's arrays).
    chain(side, child, parent, edge, forward, detail, k) as (
      select s.side, outcome.met, s.parents[p.i], s.edges[p.i], s.forwards[p.i], s.details[p.i], 1
      from outcome, walk s cross join lateral (select array_position(s.found, outcome.met) as i) p
      where s.side is not null and p.i is not null
      union all
      select c.side, c.parent, s.parents[p.i], s.edges[p.i], s.forwards[p.i], s.details[p.i], c.k + 1
      from chain c join walk s on s.side = c.side
      cross join lateral (select array_position(s.found, c.parent) as i) p
      where p.i is not null
    ),
    -- In path order: the forward side's hops lead from the parent to the child, the backward side's the
    -- other way. graph_neighbors' "forward" is relative to the expanded (parent) node.
    hops as (
      select (select count(*) from chain where side = 'F') - k + 1 as position, parent as from_key,
             child as to_key, edge, forward, detail
      from chain where side = 'F'
      union all
      select (select count(*) from chain where side = 'F') + k, child, parent, edge, not forward, detail
      from chain where side = 'B'
    ),
    -- The two hops through the meeting node found by index, with the edges the walk would choose: on the
    -- forward side (from the start) the preferred type, then an edge out of the start; on the backward side
    -- the preferred type, then an edge into the end.
    near_hops as (
      select 1 as position, $29::bigint as from_key, n.met as to_key, e.edge, e.forward, e.detail
      from near n cross join lateral (
        select g.edge, g.from_key = $30::bigint as forward, g.detail
        from graph_edges_among(array[$31::bigint, n.met], array(select jsonb_array_elements_text($32::jsonb)), null) g
        where g.from_key <> g.to_key
        order by array_position(array['DEVELOPED', 'DERIVED_FROM', 'USES_TECHNIQUE', 'TRAINED_ON', 'EVALUATED_ON', 'CREATED', 'SPECIALIZES', 'SUBSET_OF', 'EVALUATED', 'BEATS'], g.edge), g.from_key = $33::bigint desc, g.detail
        limit 1
      ) e
      union all
      select 2, n.met, $34::bigint, e.edge, e.forward, e.detail
      from near n cross join lateral (
        select g.edge, g.to_key = $35::bigint as forward, g.detail
        from graph_edges_among(array[$36::bigint, n.met], array(select jsonb_array_elements_text($37::jsonb)), null) g
        where g.from_key <> g.to_key
        order by array_position(array['DEVELOPED', 'DERIVED_FROM', 'USES_TECHNIQUE', 'TRAINED_ON', 'EVALUATED_ON', 'CREATED', 'SPECIALIZES', 'SUBSET_OF', 'EVALUATED', 'BEATS'], g.edge), g.from_key = $38::bigint, g.detail
        limit 1
      ) e
    ),
    labeled as (
      select h.*, fl.name as from_name, fl.slug as from_slug, tl.name as to_name, tl.slug as to_slug
      from (select * from hops union all select * from near_hops) h
      cross join lateral (select o.name, o.slug from organization o where graph_node_type(h.from_key) = 'ORGANIZATION' and o.id = graph_node_id(h.from_key)
union all select m.name, m.slug from model m where graph_node_type(h.from_key) = 'MODEL' and m.id = graph_node_id(h.from_key)
union all select t.name, t.slug from technique t where graph_node_type(h.from_key) = 'TECHNIQUE' and t.id = graph_node_id(h.from_key)
union all select d.name, d.slug from dataset d where graph_node_type(h.from_key) = 'DATASET' and d.id = graph_node_id(h.from_key)) as fl
      cross join lateral (select o.name, o.slug from organization o where graph_node_type(h.to_key) = 'ORGANIZATION' and o.id = graph_node_id(h.to_key)
union all select m.name, m.slug from model m where graph_node_type(h.to_key) = 'MODEL' and m.id = graph_node_id(h.to_key)
union all select t.name, t.slug from technique t where graph_node_type(h.to_key) = 'TECHNIQUE' and t.id = graph_node_id(h.to_key)
union all select d.name, d.slug from dataset d where graph_node_type(h.to_key) = 'DATASET' and d.id = graph_node_id(h.to_key)) as tl
    )
    select coalesce(outcome.met, (select met from near))::text as met, outcome.step,
           outcome.f_count + outcome.b_count as visited,
           (select json_agg(json_build_object('position', position, 'from', from_key::text, 'to', to_key::text,
                     'edge', edge, 'forward', forward, 'detail', detail,
                     'fromName', from_name, 'fromSlug', from_slug, 'toName', to_name, 'toSlug', to_slug)
                   order by position) from labeled)::text as hops,
           (select json_build_object('name', l.name, 'slug', l.slug)
            from (select $39::bigint as key) e cross join lateral (select o.name, o.slug from organization o where graph_node_type(e.key) = 'ORGANIZATION' and o.id = graph_node_id(e.key)
union all select m.name, m.slug from model m where graph_node_type(e.key) = 'MODEL' and m.id = graph_node_id(e.key)
union all select t.name, t.slug from technique t where graph_node_type(e.key) = 'TECHNIQUE' and t.id = graph_node_id(e.key)
union all select d.name, d.slug from dataset d where graph_node_type(e.key) = 'DATASET' and d.id = graph_node_id(e.key)) as l)::text as from_label,
           (select json_build_object('name', l.name, 'slug', l.slug)
            from (select $40::bigint as key) e cross join lateral (select o.name, o.slug from organization o where graph_node_type(e.key) = 'ORGANIZATION' and o.id = graph_node_id(e.key)
union all select m.name, m.slug from model m where graph_node_type(e.key) = 'MODEL' and m.id = graph_node_id(e.key)
union all select t.name, t.slug from technique t where graph_node_type(e.key) = 'TECHNIQUE' and t.id = graph_node_id(e.key)
union all select d.name, d.slug from dataset d where graph_node_type(e.key) = 'DATASET' and d.id = graph_node_id(e.key)) as l)::text as to_label
    from (select) one left join outcome on true;
