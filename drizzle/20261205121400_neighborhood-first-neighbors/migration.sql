DROP INDEX "model_developer_organization_idx";--> statement-breakpoint
CREATE INDEX "model_developer_organization_idx" ON "model_developer" ("organization_id","model_id");--> statement-breakpoint
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
