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
--> statement-breakpoint
-- A neighborhood's edges skip the edge types whose end is a node type absent from the set (src/db/sql/40-graph.sql has
-- the current definitions).
-- The edges of the given types between nodes of a set (a neighborhood's nodes), each once, from its origin: all
-- of the other types, then the BEATS edges by winner and loser, as many as `max_edges` leaves room for (NULL: all).
-- Sorted by type, origin and end, the first `max_edges` are thus the same as those of the whole set.
-- Each type's edges are read from its table once for the whole set (both ends given as arrays), as `graph_edge`
-- defines them: a set of a few hundred nodes costs one index scan per table, where reading each node's edges
-- through the view cost ten branches per node. Edges with a model at one end are found from the model's side,
-- where they are few (an evaluator organization has EVALUATED edges to thousands of models, a model a handful).
-- A type whose end is a node type absent from the set is not read at all (its condition on the set's arrays filters
-- the set's one row, so the index scan below never starts): the bench's neighborhood of a model at 4x (195 models,
-- 7 organizations) read every model's techniques, results and training datasets to find none: 3,786 of the 6,488
-- buffers the function read, 2 of its 10.7 ms of CPU.
-- test/graph.test.ts checks that this gives exactly the view's edges. PL/pgSQL with a generic plan, planned once per
-- session, as graph_first_neighbors.
CREATE OR REPLACE FUNCTION graph_edges_among(node_keys bigint[], edge_types text[], max_edges integer)
RETURNS TABLE (from_key bigint, to_key bigint, edge text, detail text)
LANGUAGE plpgsql STABLE SET jit = off SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH sets AS MATERIALIZED (
    SELECT
      ARRAY(SELECT DISTINCT graph_node_id(k) FROM unnest(node_keys) AS u(k) WHERE graph_node_type(k) = 'ORGANIZATION') AS orgs,
      ARRAY(SELECT DISTINCT graph_node_id(k) FROM unnest(node_keys) AS u(k) WHERE graph_node_type(k) = 'MODEL') AS models,
      ARRAY(SELECT DISTINCT graph_node_id(k) FROM unnest(node_keys) AS u(k) WHERE graph_node_type(k) = 'TECHNIQUE') AS techniques,
      ARRAY(SELECT DISTINCT graph_node_id(k) FROM unnest(node_keys) AS u(k) WHERE graph_node_type(k) = 'DATASET') AS datasets
  ),
  others AS MATERIALIZED (
    SELECT graph_node_key('ORGANIZATION', d.organization_id) AS from_key, graph_node_key('MODEL', d.model_id) AS to_key,
           'DEVELOPED'::text AS edge, NULL::text AS detail
    FROM sets s JOIN model_developer d ON d.model_id = ANY (s.models) AND d.organization_id = ANY (s.orgs)
    WHERE 'DEVELOPED' = ANY (edge_types) AND cardinality(s.models) > 0 AND cardinality(s.orgs) > 0
    UNION ALL
    SELECT graph_node_key('MODEL', l.model_id), graph_node_key('MODEL', l.base_model_id), 'DERIVED_FROM', l.kind::text
    FROM sets s JOIN model_lineage l ON l.model_id = ANY (s.models) AND l.base_model_id = ANY (s.models)
    WHERE 'DERIVED_FROM' = ANY (edge_types) AND cardinality(s.models) > 0
    UNION ALL
    SELECT graph_node_key('MODEL', mt.model_id), graph_node_key('TECHNIQUE', mt.technique_id), 'USES_TECHNIQUE',
           mt.stage::text
    FROM sets s JOIN model_technique mt ON mt.model_id = ANY (s.models) AND mt.technique_id = ANY (s.techniques)
    WHERE 'USES_TECHNIQUE' = ANY (edge_types) AND cardinality(s.models) > 0 AND cardinality(s.techniques) > 0
    UNION ALL
    SELECT graph_node_key('TECHNIQUE', t.id), graph_node_key('TECHNIQUE', t.parent_technique_id), 'SPECIALIZES', NULL
    FROM sets s JOIN technique t ON t.id = ANY (s.techniques) AND t.parent_technique_id = ANY (s.techniques)
    WHERE 'SPECIALIZES' = ANY (edge_types) AND cardinality(s.techniques) > 0
    UNION ALL
    SELECT graph_node_key('MODEL', r.model_id), graph_node_key('DATASET', r.dataset_id), 'EVALUATED_ON', count(*)::text
    FROM sets s JOIN benchmark_result r ON r.model_id = ANY (s.models) AND r.dataset_id = ANY (s.datasets)
    WHERE 'EVALUATED_ON' = ANY (edge_types) AND cardinality(s.models) > 0 AND cardinality(s.datasets) > 0
    GROUP BY r.model_id, r.dataset_id
    UNION ALL
    SELECT graph_node_key('ORGANIZATION', dc.organization_id), graph_node_key('DATASET', dc.dataset_id), 'CREATED', NULL
    FROM sets s JOIN dataset_creator dc ON dc.organization_id = ANY (s.orgs) AND dc.dataset_id = ANY (s.datasets)
    WHERE 'CREATED' = ANY (edge_types) AND cardinality(s.orgs) > 0 AND cardinality(s.datasets) > 0
    UNION ALL
    SELECT graph_node_key('MODEL', mt.model_id), graph_node_key('DATASET', mtd.dataset_id), 'TRAINED_ON',
           string_agg(t.slug, ',' ORDER BY t.slug)
    FROM sets s
    JOIN model_technique mt ON mt.model_id = ANY (s.models)
    JOIN model_technique_dataset mtd ON mtd.model_technique_id = mt.id AND mtd.dataset_id = ANY (s.datasets)
    JOIN technique t ON t.id = mt.technique_id
    WHERE 'TRAINED_ON' = ANY (edge_types) AND cardinality(s.models) > 0 AND cardinality(s.datasets) > 0
    GROUP BY mt.model_id, mtd.dataset_id
    UNION ALL
    SELECT graph_node_key('DATASET', ds.id), graph_node_key('DATASET', ds.parent_dataset_id), 'SUBSET_OF', NULL
    FROM sets s JOIN dataset ds ON ds.id = ANY (s.datasets) AND ds.parent_dataset_id = ANY (s.datasets)
    WHERE 'SUBSET_OF' = ANY (edge_types) AND cardinality(s.datasets) > 0
    UNION ALL
    SELECT graph_node_key('ORGANIZATION', r.evaluator_organization_id), graph_node_key('MODEL', r.model_id), 'EVALUATED',
           count(*)::text
    -- OFFSET 0: the models' results through the model index only; the planner, which cannot see the sets' sizes,
    -- otherwise intersects it with the evaluator index, whose entries for a few evaluators are hundreds of thousands.
    FROM sets s CROSS JOIN LATERAL (
      SELECT r.evaluator_organization_id, r.model_id FROM benchmark_result r
      WHERE r.model_id = ANY (s.models) AND cardinality(s.orgs) > 0
      OFFSET 0
    ) r
    WHERE 'EVALUATED' = ANY (edge_types) AND r.evaluator_organization_id = ANY (s.orgs)
    GROUP BY r.evaluator_organization_id, r.model_id
  )
  SELECT from_key, to_key, edge, detail FROM others
  UNION ALL
  SELECT graph_node_key('MODEL', b.winner_id), graph_node_key('MODEL', b.loser_id), 'BEATS', b.benchmarks::text
  FROM sets s CROSS JOIN LATERAL graph_beats_among(
    s.models,
    -- greatest() would turn "no limit" (NULL) into 0.
    CASE WHEN max_edges IS NOT NULL THEN greatest(max_edges - (SELECT count(*) FROM others)::integer, 0) END
  ) b
  WHERE 'BEATS' = ANY (edge_types);
END
$$;
