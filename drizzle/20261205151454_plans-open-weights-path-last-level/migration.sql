DROP INDEX "model_parameter_count_idx";--> statement-breakpoint
CREATE INDEX "model_parameter_count_idx" ON "model" ("parameter_count","open_weights");--> statement-breakpoint
-- A path search's level before its last step, without its edges (src/db/sql/40-graph.sql has the current definitions).
-- Every neighbor of some nodes, walkable either way, through the edge types given, without the edges (a key may
-- repeat): the neighbors of graph_neighbors(node_keys, edge_types, true, true, NULL). Those of the other edge types
-- come from graph_first_neighbors (its plan is cached; graph_neighbors is planned at each call, 10 to 200 ms).
-- BEATS neighbors are read per comparability key instead of per pair: at each key of the nodes' preferred
-- results, every model whose value differs from one of theirs there (the nodes' lowest and highest value there
-- tell), through the (key, model, value) index. A model has one preferred result per key, so a differing value is
-- another model's, and the two are a BEATS edge one way or the other. Twenty-five models of one organization beat
-- or lose to 2,200 models on the 4x graph through 200,000 pairs; this reads their ten keys' 12,500 results.
CREATE OR REPLACE FUNCTION graph_neighbor_keys(node_keys bigint[], edge_types text[])
RETURNS TABLE (neighbor bigint)
LANGUAGE sql STABLE SET jit = off
AS $$
  SELECT g.neighbor FROM graph_first_neighbors(node_keys, array_remove(edge_types, 'BEATS'), true, true, '{}', NULL) g
  UNION ALL
  SELECT graph_node_key('MODEL', l.model_id)
  FROM (
    SELECT p.comparability_key, min(p.value) AS low, max(p.value) AS high
    FROM result_preference p
    WHERE 'BEATS' = ANY (edge_types)
      AND p.model_id = ANY (ARRAY(SELECT graph_node_id(k) FROM unnest(node_keys) AS u(k)
                                  WHERE graph_node_type(k) = 'MODEL'))
    GROUP BY p.comparability_key
  ) f
  JOIN result_preference l ON l.comparability_key = f.comparability_key
  WHERE f.low <> f.high OR l.value <> f.low
$$;
--> statement-breakpoint

-- The level a shortest-path search (src/analytics/graph.ts) would reach from `frontier`, without reading the edges
-- of each of its nodes: `size`, how many nodes not in `visited` the frontier reaches, and, when they are more than
-- `common_above`, `first_common`: the smallest of them that is also a neighbor of `other` (NULL if none). The search
-- asks this instead of expanding the level before its last step, when the last step will expand the other side:
-- that step then meets this level only at the nodes both frontiers reach, the smallest first, and nothing else of
-- the level is ever read. test/graph.test.ts checks it against graph_neighbors.
-- PL/pgSQL with a generic plan, planned once per session, as graph_first_neighbors; one row (ROWS 1: the planner's
-- default of 1,000 made the path's statement cost enough for JIT, 16 s of compilation).
CREATE OR REPLACE FUNCTION graph_level(
  frontier bigint[], edge_types text[], visited bigint[], other bigint[], common_above integer
)
RETURNS TABLE (size integer, first_common bigint)
LANGUAGE plpgsql STABLE ROWS 1 SET jit = off SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  level bigint[];
BEGIN
  SELECT coalesce(array_agg(n.key), '{}') INTO level
  FROM (SELECT DISTINCT g.neighbor AS key FROM graph_neighbor_keys(frontier, edge_types) g) n
  LEFT JOIN unnest(visited) AS v(key) ON v.key = n.key
  WHERE v.key IS NULL;
  size := cardinality(level);
  IF size > common_above THEN
    SELECT min(n.key) INTO first_common
    FROM unnest(level) AS n(key)
    WHERE n.key IN (SELECT g.neighbor FROM graph_neighbor_keys(other, edge_types) g);
  END IF;
  RETURN NEXT;
END
$$;
