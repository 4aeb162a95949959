DROP INDEX "model_lineage_base_model_idx";--> statement-breakpoint
CREATE INDEX "model_lineage_base_model_idx" ON "model_lineage" ("base_model_id","model_id");--> statement-breakpoint
DROP INDEX "model_technique_technique_idx";--> statement-breakpoint
CREATE INDEX "model_technique_technique_idx" ON "model_technique" ("technique_id","model_id");--> statement-breakpoint
-- A neighborhood's walk reads each node's first neighbors by key (src/db/sql/40-graph.sql has the current definitions).
-- The neighbors of lowest key of some nodes, as a neighborhood's walk keeps them (src/analytics/graph.ts): for the
-- nodes of `node_keys`, their neighbors through edges of the given types (`outgoing`: out of the node, `incoming`:
-- into it) that are not in `visited`, each once, the first `how_many` by key. The first keys of a union are among
-- the first of each part, so each node reads each edge type's neighbors (all of one node type) in id order through
-- an index, without the visited ones, and stops at `how_many`: an organization that evaluated 60,000 models costs
-- its first `how_many` models instead of a sort of all of them. A dataset's evaluated models are read per
-- comparability key (`comparability_set`, kept at commit), through the (key, model) index; BEATS opponents per key
-- of each of the node's preferred results, through the (key, model, value) index, as graph_beats reads them.
-- PL/pgSQL with a generic plan: a session plans the statement once, where an SQL function is planned at each call
-- (its twenty branches cost 10 to 20 ms of planning, against under a millisecond of execution).
-- test/graph.test.ts checks this against graph_neighbors.
CREATE OR REPLACE FUNCTION graph_first_neighbors(
  node_keys bigint[], edge_types text[], outgoing boolean, incoming boolean, visited bigint[], how_many integer
)
RETURNS TABLE (neighbor bigint)
LANGUAGE plpgsql STABLE SET jit = off SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  RETURN QUERY
  WITH nodes AS (
    SELECT DISTINCT graph_node_type(k) AS type, graph_node_id(k) AS id FROM unnest(node_keys) AS u(k)
  ),
  -- The visited nodes of each type, as ids.
  seen AS MATERIALIZED (
    SELECT
      ARRAY(SELECT graph_node_id(k) FROM unnest(visited) AS u(k) WHERE graph_node_type(k) = 'ORGANIZATION') AS orgs,
      ARRAY(SELECT graph_node_id(k) FROM unnest(visited) AS u(k) WHERE graph_node_type(k) = 'MODEL') AS models,
      ARRAY(SELECT graph_node_id(k) FROM unnest(visited) AS u(k) WHERE graph_node_type(k) = 'TECHNIQUE') AS techniques,
      ARRAY(SELECT graph_node_id(k) FROM unnest(visited) AS u(k) WHERE graph_node_type(k) = 'DATASET') AS datasets
  )
  SELECT DISTINCT graph_node_key(f.type, f.id)
  FROM nodes n
  CROSS JOIN seen s
  CROSS JOIN LATERAL (
    -- An organization's models (DEVELOPED, EVALUATED) and datasets (CREATED).
    (SELECT 'MODEL' AS type, d.model_id AS id FROM model_developer d
     WHERE n.type = 'ORGANIZATION' AND outgoing AND 'DEVELOPED' = ANY (edge_types)
       AND d.organization_id = n.id AND d.model_id <> ALL (s.models)
     ORDER BY d.model_id LIMIT how_many)
    UNION ALL
    (SELECT DISTINCT 'MODEL', r.model_id FROM benchmark_result r
     WHERE n.type = 'ORGANIZATION' AND outgoing AND 'EVALUATED' = ANY (edge_types)
       AND r.evaluator_organization_id = n.id AND r.model_id <> ALL (s.models)
     ORDER BY r.model_id LIMIT how_many)
    UNION ALL
    (SELECT 'DATASET', c.dataset_id FROM dataset_creator c
     WHERE n.type = 'ORGANIZATION' AND outgoing AND 'CREATED' = ANY (edge_types)
       AND c.organization_id = n.id AND c.dataset_id <> ALL (s.datasets)
     ORDER BY c.dataset_id LIMIT how_many)
    -- A model's organizations (DEVELOPED, EVALUATED), models (DERIVED_FROM either way, BEATS), techniques and
    -- datasets.
    UNION ALL
    (SELECT 'ORGANIZATION', d.organization_id FROM model_developer d
     WHERE n.type = 'MODEL' AND incoming AND 'DEVELOPED' = ANY (edge_types)
       AND d.model_id = n.id AND d.organization_id <> ALL (s.orgs)
     ORDER BY d.organization_id LIMIT how_many)
    UNION ALL
    (SELECT DISTINCT 'ORGANIZATION', r.evaluator_organization_id FROM benchmark_result r
     WHERE n.type = 'MODEL' AND incoming AND 'EVALUATED' = ANY (edge_types)
       AND r.model_id = n.id AND r.evaluator_organization_id IS NOT NULL
       AND r.evaluator_organization_id <> ALL (s.orgs)
     ORDER BY r.evaluator_organization_id LIMIT how_many)
    UNION ALL
    (SELECT DISTINCT 'MODEL', l.base_model_id FROM model_lineage l
     WHERE n.type = 'MODEL' AND outgoing AND 'DERIVED_FROM' = ANY (edge_types)
       AND l.model_id = n.id AND l.base_model_id <> ALL (s.models)
     ORDER BY l.base_model_id LIMIT how_many)
    UNION ALL
    (SELECT DISTINCT 'MODEL', l.model_id FROM model_lineage l
     WHERE n.type = 'MODEL' AND incoming AND 'DERIVED_FROM' = ANY (edge_types)
       AND l.base_model_id = n.id AND l.model_id <> ALL (s.models)
     ORDER BY l.model_id LIMIT how_many)
    UNION ALL
    (SELECT DISTINCT 'MODEL', o.id FROM result_preference p
     JOIN metric m ON m.id = p.metric_id
     CROSS JOIN LATERAL (
       SELECT l.model_id AS id FROM result_preference l
       WHERE l.comparability_key = p.comparability_key AND l.model_id <> p.model_id AND l.model_id <> ALL (s.models)
         AND ((outgoing AND CASE WHEN m.higher_is_better THEN p.value > l.value ELSE p.value < l.value END)
           OR (incoming AND CASE WHEN m.higher_is_better THEN l.value > p.value ELSE l.value < p.value END))
       ORDER BY l.model_id LIMIT how_many
     ) o
     WHERE n.type = 'MODEL' AND 'BEATS' = ANY (edge_types) AND p.model_id = n.id
     ORDER BY o.id LIMIT how_many)
    UNION ALL
    (SELECT 'TECHNIQUE', mt.technique_id FROM model_technique mt
     WHERE n.type = 'MODEL' AND outgoing AND 'USES_TECHNIQUE' = ANY (edge_types)
       AND mt.model_id = n.id AND mt.technique_id <> ALL (s.techniques)
     ORDER BY mt.technique_id LIMIT how_many)
    UNION ALL
    (SELECT DISTINCT 'DATASET', r.dataset_id FROM benchmark_result r
     WHERE n.type = 'MODEL' AND outgoing AND 'EVALUATED_ON' = ANY (edge_types)
       AND r.model_id = n.id AND r.dataset_id <> ALL (s.datasets)
     ORDER BY r.dataset_id LIMIT how_many)
    UNION ALL
    (SELECT DISTINCT 'DATASET', mtd.dataset_id FROM model_technique mt
     JOIN model_technique_dataset mtd ON mtd.model_technique_id = mt.id
     WHERE n.type = 'MODEL' AND outgoing AND 'TRAINED_ON' = ANY (edge_types)
       AND mt.model_id = n.id AND mtd.dataset_id <> ALL (s.datasets)
     ORDER BY mtd.dataset_id LIMIT how_many)
    -- A technique's models and techniques (SPECIALIZES either way).
    UNION ALL
    (SELECT 'MODEL', mt.model_id FROM model_technique mt
     WHERE n.type = 'TECHNIQUE' AND incoming AND 'USES_TECHNIQUE' = ANY (edge_types)
       AND mt.technique_id = n.id AND mt.model_id <> ALL (s.models)
     ORDER BY mt.model_id LIMIT how_many)
    UNION ALL
    (SELECT 'TECHNIQUE', t.parent_technique_id FROM technique t
     WHERE n.type = 'TECHNIQUE' AND outgoing AND 'SPECIALIZES' = ANY (edge_types)
       AND t.id = n.id AND t.parent_technique_id IS NOT NULL AND t.parent_technique_id <> ALL (s.techniques))
    UNION ALL
    (SELECT 'TECHNIQUE', t.id FROM technique t
     WHERE n.type = 'TECHNIQUE' AND incoming AND 'SPECIALIZES' = ANY (edge_types)
       AND t.parent_technique_id = n.id AND t.id <> ALL (s.techniques)
     ORDER BY t.id LIMIT how_many)
    -- A dataset's organizations (CREATED), models (EVALUATED_ON, TRAINED_ON) and datasets (SUBSET_OF either way).
    UNION ALL
    (SELECT 'ORGANIZATION', c.organization_id FROM dataset_creator c
     WHERE n.type = 'DATASET' AND incoming AND 'CREATED' = ANY (edge_types)
       AND c.dataset_id = n.id AND c.organization_id <> ALL (s.orgs)
     ORDER BY c.organization_id LIMIT how_many)
    UNION ALL
    (SELECT DISTINCT 'MODEL', e.model_id FROM comparability_set k
     CROSS JOIN LATERAL (
       SELECT DISTINCT r.model_id FROM benchmark_result r
       WHERE r.comparability_key = k.comparability_key AND r.model_id <> ALL (s.models)
       ORDER BY r.model_id LIMIT how_many
     ) e
     WHERE n.type = 'DATASET' AND incoming AND 'EVALUATED_ON' = ANY (edge_types) AND k.dataset_id = n.id
     ORDER BY e.model_id LIMIT how_many)
    UNION ALL
    (SELECT DISTINCT 'MODEL', mt.model_id FROM model_technique_dataset mtd
     JOIN model_technique mt ON mt.id = mtd.model_technique_id
     WHERE n.type = 'DATASET' AND incoming AND 'TRAINED_ON' = ANY (edge_types)
       AND mtd.dataset_id = n.id AND mt.model_id <> ALL (s.models)
     ORDER BY mt.model_id LIMIT how_many)
    UNION ALL
    (SELECT 'DATASET', ds.parent_dataset_id FROM dataset ds
     WHERE n.type = 'DATASET' AND outgoing AND 'SUBSET_OF' = ANY (edge_types)
       AND ds.id = n.id AND ds.parent_dataset_id IS NOT NULL AND ds.parent_dataset_id <> ALL (s.datasets))
    UNION ALL
    (SELECT 'DATASET', ds.id FROM dataset ds
     WHERE n.type = 'DATASET' AND incoming AND 'SUBSET_OF' = ANY (edge_types)
       AND ds.parent_dataset_id = n.id AND ds.id <> ALL (s.datasets)
     ORDER BY ds.id LIMIT how_many)
  ) f
  ORDER BY 1
  LIMIT how_many;
END
$$;
--> statement-breakpoint
-- The BEATS edges between models of a set (both ends in it), as graph_beats computes them: the set's preferred
-- results paired among themselves, by winner then loser, the first `max_edges` of them (NULL: all). A
-- neighborhood of a few hundred models evaluated at the same benchmarks has tens of thousands of such edges, and
-- returns at most GRAPH_LIMITS.maxEdges, so the work stops early: the set's results are read once and grouped by
-- comparability key (`keyed`); the winners' results are then walked in model order, each paired with the models of
-- its key, and the incremental sort (by loser within a winner) lets the limit stop after the first winners. Pairing
-- each winner's results with the whole set in turn instead cost a scan of the set's results per winner.
-- PL/pgSQL with a generic plan, planned once per session, as graph_first_neighbors (an SQL function is planned at
-- every call, with the same generic plan).
CREATE OR REPLACE FUNCTION graph_beats_among(model_ids integer[], max_edges integer)
RETURNS TABLE (winner_id integer, loser_id integer, benchmarks integer)
LANGUAGE plpgsql STABLE SET jit = off SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH mine AS MATERIALIZED (
    SELECT p.comparability_key, p.model_id, p.dataset_id, p.metric_id, p.value
    FROM result_preference p WHERE p.model_id = ANY (model_ids)
  ),
  keyed AS MATERIALIZED (
    SELECT comparability_key, array_agg(model_id) AS model_ids, array_agg(value) AS vals
    FROM mine GROUP BY comparability_key
  )
  SELECT x.model_id, o.model_id, count(DISTINCT x.dataset_id)::integer
  FROM (SELECT * FROM mine ORDER BY model_id) x
  JOIN metric m ON m.id = x.metric_id
  JOIN keyed k ON k.comparability_key = x.comparability_key
  CROSS JOIN LATERAL unnest(k.model_ids, k.vals) AS o(model_id, value)
  WHERE o.model_id <> x.model_id
    AND CASE WHEN m.higher_is_better THEN x.value > o.value ELSE x.value < o.value END
  GROUP BY x.model_id, o.model_id
  ORDER BY x.model_id, o.model_id
  LIMIT max_edges;
END
$$;
--> statement-breakpoint
-- The edges of the given types between nodes of a set (a neighborhood's nodes), each once, from its origin: all
-- of the other types, then the BEATS edges by winner and loser, as many as `max_edges` leaves room for (NULL: all).
-- Sorted by type, origin and end, the first `max_edges` are thus the same as those of the whole set.
-- Each type's edges are read from its table once for the whole set (both ends given as arrays), as `graph_edge`
-- defines them: a set of a few hundred nodes costs one index scan per table, where reading each node's edges
-- through the view cost ten branches per node. Edges with a model at one end are found from the model's side,
-- where they are few (an evaluator organization has EVALUATED edges to thousands of models, a model a handful).
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
    WHERE 'DEVELOPED' = ANY (edge_types)
    UNION ALL
    SELECT graph_node_key('MODEL', l.model_id), graph_node_key('MODEL', l.base_model_id), 'DERIVED_FROM', l.kind::text
    FROM sets s JOIN model_lineage l ON l.model_id = ANY (s.models) AND l.base_model_id = ANY (s.models)
    WHERE 'DERIVED_FROM' = ANY (edge_types)
    UNION ALL
    SELECT graph_node_key('MODEL', mt.model_id), graph_node_key('TECHNIQUE', mt.technique_id), 'USES_TECHNIQUE',
           mt.stage::text
    FROM sets s JOIN model_technique mt ON mt.model_id = ANY (s.models) AND mt.technique_id = ANY (s.techniques)
    WHERE 'USES_TECHNIQUE' = ANY (edge_types)
    UNION ALL
    SELECT graph_node_key('TECHNIQUE', t.id), graph_node_key('TECHNIQUE', t.parent_technique_id), 'SPECIALIZES', NULL
    FROM sets s JOIN technique t ON t.id = ANY (s.techniques) AND t.parent_technique_id = ANY (s.techniques)
    WHERE 'SPECIALIZES' = ANY (edge_types)
    UNION ALL
    SELECT graph_node_key('MODEL', r.model_id), graph_node_key('DATASET', r.dataset_id), 'EVALUATED_ON', count(*)::text
    FROM sets s JOIN benchmark_result r ON r.model_id = ANY (s.models) AND r.dataset_id = ANY (s.datasets)
    WHERE 'EVALUATED_ON' = ANY (edge_types)
    GROUP BY r.model_id, r.dataset_id
    UNION ALL
    SELECT graph_node_key('ORGANIZATION', dc.organization_id), graph_node_key('DATASET', dc.dataset_id), 'CREATED', NULL
    FROM sets s JOIN dataset_creator dc ON dc.organization_id = ANY (s.orgs) AND dc.dataset_id = ANY (s.datasets)
    WHERE 'CREATED' = ANY (edge_types)
    UNION ALL
    SELECT graph_node_key('MODEL', mt.model_id), graph_node_key('DATASET', mtd.dataset_id), 'TRAINED_ON',
           string_agg(t.slug, ',' ORDER BY t.slug)
    FROM sets s
    JOIN model_technique mt ON mt.model_id = ANY (s.models)
    JOIN model_technique_dataset mtd ON mtd.model_technique_id = mt.id AND mtd.dataset_id = ANY (s.datasets)
    JOIN technique t ON t.id = mt.technique_id
    WHERE 'TRAINED_ON' = ANY (edge_types)
    GROUP BY mt.model_id, mtd.dataset_id
    UNION ALL
    SELECT graph_node_key('DATASET', ds.id), graph_node_key('DATASET', ds.parent_dataset_id), 'SUBSET_OF', NULL
    FROM sets s JOIN dataset ds ON ds.id = ANY (s.datasets) AND ds.parent_dataset_id = ANY (s.datasets)
    WHERE 'SUBSET_OF' = ANY (edge_types)
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
