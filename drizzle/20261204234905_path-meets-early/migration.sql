-- A shortest-path step first looks for the other side's visited nodes (src/db/sql/40-graph.sql).
-- The edges between the nodes of `node_keys` and those of `among`, walkable either way, as graph_neighbors gives
-- them (`forward`: the edge points from `node` to `neighbor`), but only those whose neighbor is in `among`. A
-- shortest-path search asks this first at each step, with the other side's visited nodes: when the two sides
-- meet, the step needs no more, and the full expansion (every BEATS opponent of every model of the frontier:
-- hundreds of thousands at scale) is never computed. BEATS edges come from both sets' preferred results joined
-- at their common keys.
CREATE OR REPLACE FUNCTION graph_neighbors_among(node_keys bigint[], edge_types text[], among bigint[])
RETURNS TABLE (node bigint, neighbor bigint, edge text, forward boolean, detail text)
LANGUAGE sql STABLE SET jit = off
AS $$
  WITH targets AS MATERIALIZED (
    SELECT DISTINCT k AS key FROM unnest(among) AS u(k)
  ),
  mine AS MATERIALIZED (
    SELECT p.comparability_key, p.model_id, p.dataset_id, p.metric_id, p.value
    FROM result_preference p
    WHERE 'BEATS' = ANY (edge_types)
      AND p.model_id = ANY (ARRAY(SELECT graph_node_id(k) FROM unnest(node_keys) AS u(k)
                                  WHERE graph_node_type(k) = 'MODEL'))
  ),
  theirs AS MATERIALIZED (
    SELECT p.comparability_key, p.model_id, p.value
    FROM result_preference p
    WHERE 'BEATS' = ANY (edge_types)
      AND p.model_id = ANY (ARRAY(SELECT graph_node_id(key) FROM targets WHERE graph_node_type(key) = 'MODEL'))
  ),
  -- One row per pair and direction: `mine_wins` when the node's model is the winner.
  beats AS (
    SELECT x.model_id AS mine_id, y.model_id AS their_id,
           CASE WHEN m.higher_is_better THEN x.value > y.value ELSE x.value < y.value END AS mine_wins,
           count(DISTINCT x.dataset_id)::integer AS benchmarks
    FROM mine x
    JOIN theirs y ON y.comparability_key = x.comparability_key AND y.model_id <> x.model_id
    JOIN metric m ON m.id = x.metric_id
    WHERE x.value <> y.value
    GROUP BY 1, 2, 3
  )
  SELECT g.node, g.neighbor, g.edge, g.forward, g.detail
  FROM graph_neighbors(node_keys, array_remove(edge_types, 'BEATS'), true, true, NULL) g
  WHERE g.neighbor IN (SELECT key FROM targets)
  UNION ALL
  SELECT graph_node_key('MODEL', b.mine_id), graph_node_key('MODEL', b.their_id), 'BEATS', b.mine_wins,
         b.benchmarks::text
  FROM beats b
$$;
