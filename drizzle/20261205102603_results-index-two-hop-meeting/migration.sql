DROP INDEX "benchmark_result_model_idx";--> statement-breakpoint
CREATE INDEX "benchmark_result_model_idx" ON "benchmark_result" ("model_id","dataset_id","id","metric_id","value");--> statement-breakpoint
-- A shortest path's meeting after two steps, found by index (src/db/sql/40-graph.sql has the current definitions).
-- The edge types other than BEATS as queries of one node's neighbor ids: for a node of `node_type`, the ids of its
-- neighbors of `neighbor_type` through `edge` (either direction), `%s` standing for the node's id. Each reads one
-- index of one table, as graph_edge's branches do (graph_two_hop_meeting runs them; test/graph.test.ts checks that
-- they give graph_neighbors' neighbors).
CREATE OR REPLACE FUNCTION graph_neighbor_branches()
RETURNS TABLE (node_type text, neighbor_type text, edge text, query text)
LANGUAGE sql IMMUTABLE
AS $$
  VALUES
    ('ORGANIZATION', 'MODEL', 'DEVELOPED', 'SELECT d.model_id FROM model_developer d WHERE d.organization_id = %s'),
    ('ORGANIZATION', 'MODEL', 'EVALUATED',
     'SELECT r.model_id FROM benchmark_result r WHERE r.evaluator_organization_id = %s'),
    ('ORGANIZATION', 'DATASET', 'CREATED', 'SELECT c.dataset_id FROM dataset_creator c WHERE c.organization_id = %s'),
    ('MODEL', 'ORGANIZATION', 'DEVELOPED', 'SELECT d.organization_id FROM model_developer d WHERE d.model_id = %s'),
    ('MODEL', 'ORGANIZATION', 'EVALUATED',
     'SELECT r.evaluator_organization_id FROM benchmark_result r WHERE r.model_id = %s AND r.evaluator_organization_id IS NOT NULL'),
    ('MODEL', 'MODEL', 'DERIVED_FROM', 'SELECT l.base_model_id FROM model_lineage l WHERE l.model_id = %s'),
    ('MODEL', 'MODEL', 'DERIVED_FROM', 'SELECT l.model_id FROM model_lineage l WHERE l.base_model_id = %s'),
    ('MODEL', 'TECHNIQUE', 'USES_TECHNIQUE', 'SELECT mt.technique_id FROM model_technique mt WHERE mt.model_id = %s'),
    ('MODEL', 'DATASET', 'EVALUATED_ON', 'SELECT r.dataset_id FROM benchmark_result r WHERE r.model_id = %s'),
    ('MODEL', 'DATASET', 'TRAINED_ON',
     'SELECT mtd.dataset_id FROM model_technique mt JOIN model_technique_dataset mtd ON mtd.model_technique_id = mt.id WHERE mt.model_id = %s'),
    ('TECHNIQUE', 'MODEL', 'USES_TECHNIQUE', 'SELECT mt.model_id FROM model_technique mt WHERE mt.technique_id = %s'),
    ('TECHNIQUE', 'TECHNIQUE', 'SPECIALIZES',
     'SELECT t.parent_technique_id FROM technique t WHERE t.id = %s AND t.parent_technique_id IS NOT NULL'),
    ('TECHNIQUE', 'TECHNIQUE', 'SPECIALIZES', 'SELECT t.id FROM technique t WHERE t.parent_technique_id = %s'),
    ('DATASET', 'ORGANIZATION', 'CREATED', 'SELECT c.organization_id FROM dataset_creator c WHERE c.dataset_id = %s'),
    ('DATASET', 'MODEL', 'EVALUATED_ON', 'SELECT r.model_id FROM benchmark_result r WHERE r.dataset_id = %s'),
    ('DATASET', 'MODEL', 'TRAINED_ON',
     'SELECT mt.model_id FROM model_technique_dataset mtd JOIN model_technique mt ON mt.id = mtd.model_technique_id WHERE mtd.dataset_id = %s'),
    ('DATASET', 'DATASET', 'SUBSET_OF',
     'SELECT ds.parent_dataset_id FROM dataset ds WHERE ds.id = %s AND ds.parent_dataset_id IS NOT NULL'),
    ('DATASET', 'DATASET', 'SUBSET_OF', 'SELECT ds.id FROM dataset ds WHERE ds.parent_dataset_id = %s')
$$;
--> statement-breakpoint

-- Where a shortest-path search (src/analytics/graph.ts) between two distinct nodes meets after two steps, found by
-- index instead of by expanding both ends: the search expands `from` first, and when `from` and `to` are not
-- adjacent and `from` has at least two neighbors, it expands `to` next and meets at the smallest node adjacent to
-- both. That node is returned here (NULL when these conditions do not hold, or there is no such node: the search
-- then runs as it always did). Two evaluator organizations each have tens of thousands of neighbors, which the search
-- would read, sort and keep in arrays; here `to`'s neighbors of each type are read in id order, one query per edge
-- type, each probing `from`'s edges by index, and the first common one ends the scan. Node types are tried in key
-- order (organizations, models, techniques, datasets), so the first type with a common neighbor holds the smallest.
-- BEATS edges are not indexed by node: when they are asked for and either end is a model, NULL (the search decides).
-- Dynamic SQL: each branch is planned with its node's id, so the planner reads it in id order and stops early.
CREATE OR REPLACE FUNCTION graph_two_hop_meeting(from_key bigint, to_key bigint, edge_types text[])
RETURNS bigint
LANGUAGE plpgsql STABLE SET jit = off
AS $$
DECLARE
  target text;
  probe text;
  branch text;
  hit boolean;
  candidate integer;
  met bigint;
BEGIN
  IF from_key = to_key
     OR ('BEATS' = ANY (edge_types) AND 'MODEL' IN (graph_node_type(from_key), graph_node_type(to_key))) THEN
    RETURN NULL;
  END IF;
  FOREACH target IN ARRAY ARRAY['ORGANIZATION', 'MODEL', 'TECHNIQUE', 'DATASET'] LOOP
    -- The ids of `from`'s neighbors of this type, as one UNION ALL (NULL when it has no edge to this type).
    SELECT string_agg(format(b.query, '$1'), ' UNION ALL ') INTO probe FROM graph_neighbor_branches() b
    WHERE b.node_type = graph_node_type(from_key) AND b.neighbor_type = target AND b.edge = ANY (edge_types);
    CONTINUE WHEN probe IS NULL;
    IF target = graph_node_type(to_key) THEN
      EXECUTE format('SELECT EXISTS (SELECT FROM (%s) y(id) WHERE y.id = $2)', probe)
        INTO hit USING graph_node_id(from_key), graph_node_id(to_key);
      IF hit THEN
        RETURN NULL;
      END IF;
    END IF;
    CONTINUE WHEN met IS NOT NULL;
    FOR branch IN
      SELECT b.query FROM graph_neighbor_branches() b
      WHERE b.node_type = graph_node_type(to_key) AND b.neighbor_type = target AND b.edge = ANY (edge_types)
    LOOP
      EXECUTE format(
        'SELECT x.id FROM (%s) x(id) WHERE graph_node_key(%L, x.id) NOT IN ($3, $4)
           AND EXISTS (SELECT FROM (%s) y(id) WHERE y.id = x.id OFFSET 0)
         ORDER BY x.id LIMIT 1', format(branch, '$2'), target, probe)
        INTO candidate USING graph_node_id(from_key), graph_node_id(to_key), from_key, to_key;
      met := least(met, graph_node_key(target, candidate));
    END LOOP;
  END LOOP;
  IF met IS NULL THEN
    RETURN NULL;
  END IF;
  FOREACH target IN ARRAY ARRAY['ORGANIZATION', 'MODEL', 'TECHNIQUE', 'DATASET'] LOOP
    SELECT string_agg(format(b.query, '$1'), ' UNION ALL ') INTO probe FROM graph_neighbor_branches() b
    WHERE b.node_type = graph_node_type(from_key) AND b.neighbor_type = target AND b.edge = ANY (edge_types);
    CONTINUE WHEN probe IS NULL;
    EXECUTE format('SELECT EXISTS (SELECT FROM (%s) y(id) WHERE graph_node_key(%L, y.id) NOT IN ($2, $3))', probe, target)
      INTO hit USING graph_node_id(from_key), from_key, met;
    IF hit THEN
      RETURN met;
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
