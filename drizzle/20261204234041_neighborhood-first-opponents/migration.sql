CREATE INDEX "result_preference_key_model_idx" ON "result_preference" ("comparability_key","model_id","value");
--> statement-breakpoint
-- A neighborhood's walk asks each model only for its first BEATS opponents by id (src/db/sql/40-graph.sql):
-- graph_beats and graph_neighbors take the cap (new signatures, so the old ones are dropped first), and
-- graph_edges_among passes NULL (all).
DROP FUNCTION IF EXISTS graph_neighbors(bigint[], text[], boolean, boolean);
--> statement-breakpoint
DROP FUNCTION IF EXISTS graph_beats(integer[], boolean, boolean);
--> statement-breakpoint
-- The BEATS edges of some models, as `model_beats` defines them (preferred results at one comparability key, the
-- winner better by the metric's direction, ties are no wins; `benchmarks` = distinct datasets won), from the
-- stored preferred results (`result_preference`): the given models' own, through the model index, each joined to
-- the others' at the same key through the key index. test/graph.test.ts checks that both give the same edges.
-- `per_model` (NULL: all) keeps, for each given model and side, only the opponents of lowest id, at least that
-- many when it has them: at each of its keys they are read in id order through the (key, model) index and the
-- scan stops there, so a model that beats thousands costs its first `per_model`, not every pair at its keys. A
-- neighborhood's walk keeps the nodes of lowest key, so it needs no more (src/analytics/graph.ts).
-- JIT is off: these are small index-driven queries, whose compilation would cost more than their execution.
CREATE OR REPLACE FUNCTION graph_beats(model_ids integer[], as_winner boolean, as_loser boolean, per_model integer)
RETURNS TABLE (winner_id integer, loser_id integer, benchmarks integer)
LANGUAGE sql STABLE SET jit = off
AS $$
  WITH mine AS MATERIALIZED (
    SELECT p.comparability_key, p.model_id, p.dataset_id, p.metric_id, p.value
    FROM result_preference p WHERE p.model_id = ANY (model_ids)
  ),
  pairs AS (
    SELECT w.model_id AS winner_id, l.model_id AS loser_id, w.dataset_id, w.metric_id,
           w.value AS winner_value, l.value AS loser_value
    FROM mine w JOIN result_preference l ON l.comparability_key = w.comparability_key AND l.model_id <> w.model_id
    WHERE as_winner AND per_model IS NULL
    UNION ALL
    SELECT w.model_id, l.model_id, w.dataset_id, w.metric_id, w.value, l.value
    FROM mine l JOIN result_preference w ON w.comparability_key = l.comparability_key AND w.model_id <> l.model_id
    -- A pair of two given models was already found from the winner's side.
    WHERE as_loser AND per_model IS NULL AND NOT (as_winner AND w.model_id = ANY (model_ids))
  ),
  -- With `per_model`: at each key of each given model, its first `per_model` beaten (or beating) opponents by id.
  firsts AS (
    SELECT s.model_id AS subject, o.opponent, o.subject_wins
    FROM mine s
    JOIN metric m ON m.id = s.metric_id
    CROSS JOIN LATERAL (
      (SELECT l.model_id AS opponent, true AS subject_wins FROM result_preference l
       WHERE as_winner AND l.comparability_key = s.comparability_key AND l.model_id <> s.model_id
         AND CASE WHEN m.higher_is_better THEN s.value > l.value ELSE s.value < l.value END
       ORDER BY l.model_id LIMIT per_model)
      UNION ALL
      (SELECT l.model_id, false FROM result_preference l
       WHERE as_loser AND l.comparability_key = s.comparability_key AND l.model_id <> s.model_id
         AND CASE WHEN m.higher_is_better THEN l.value > s.value ELSE l.value < s.value END
       ORDER BY l.model_id LIMIT per_model)
    ) o
    WHERE per_model IS NOT NULL
  ),
  -- ... and of those, over all its keys, the first `per_model` of each side.
  kept AS (
    SELECT DISTINCT CASE WHEN subject_wins THEN subject ELSE opponent END AS winner_id,
                    CASE WHEN subject_wins THEN opponent ELSE subject END AS loser_id
    FROM (
      SELECT subject, opponent, subject_wins,
             row_number() OVER (PARTITION BY subject, subject_wins ORDER BY opponent) AS n
      FROM (SELECT DISTINCT subject, opponent, subject_wins FROM firsts) d
    ) ranked
    WHERE n <= per_model
  )
  SELECT pairs.winner_id, pairs.loser_id, count(DISTINCT pairs.dataset_id)::integer
  FROM pairs
  JOIN metric m ON m.id = pairs.metric_id
  WHERE CASE WHEN m.higher_is_better THEN pairs.winner_value > pairs.loser_value
             ELSE pairs.winner_value < pairs.loser_value END
  GROUP BY pairs.winner_id, pairs.loser_id
  UNION ALL
  SELECT k.winner_id, k.loser_id, won.benchmarks
  FROM kept k
  CROSS JOIN LATERAL (
    SELECT count(DISTINCT w.dataset_id)::integer AS benchmarks
    FROM result_preference w
    JOIN result_preference l ON l.comparability_key = w.comparability_key AND l.model_id = k.loser_id
    JOIN metric m ON m.id = w.metric_id
    WHERE w.model_id = k.winner_id
      AND CASE WHEN m.higher_is_better THEN w.value > l.value ELSE w.value < l.value END
  ) won
$$;
--> statement-breakpoint
-- The edges at some nodes: for each node of `node_keys`, its edges of the given types, `outgoing` ones (the node
-- is the edge's origin) and/or `incoming` ones. `forward` says whether the edge points from `node` to
-- `neighbor`. Each node reads `graph_edge` through a LATERAL subquery: OFFSET 0 keeps the planner from flattening
-- it, so the node's type and id are pushed into every branch of the view (index scans, and a constant-false
-- filter for the branches of other node types). BEATS edges come from graph_beats, once for all the nodes, with
-- `per_node` (NULL: all): a model's BEATS edges may then be only those to its `per_node` opponents of lowest id
-- on each side (the other edge types are all returned).
-- JIT is off for the reason given above.
CREATE OR REPLACE FUNCTION graph_neighbors(
  node_keys bigint[], edge_types text[], outgoing boolean, incoming boolean, per_node integer
)
RETURNS TABLE (node bigint, neighbor bigint, edge text, forward boolean, detail text)
LANGUAGE sql STABLE SET jit = off
AS $$
  WITH nodes AS (
    SELECT DISTINCT k AS node FROM unnest(node_keys) AS u(k)
  ),
  beats AS (
    SELECT * FROM graph_beats(
      ARRAY(SELECT graph_node_id(node) FROM nodes WHERE graph_node_type(node) = 'MODEL'), outgoing, incoming, per_node)
    WHERE 'BEATS' = ANY (edge_types)
  )
  SELECT n.node, graph_node_key(e.to_type, e.to_id), e.edge, true, e.detail
  FROM nodes n
  CROSS JOIN LATERAL (
    SELECT * FROM graph_edge e
    WHERE outgoing AND e.edge <> 'BEATS' AND e.edge = ANY (edge_types)
      AND e.from_type = graph_node_type(n.node) AND e.from_id = graph_node_id(n.node)
    OFFSET 0
  ) e
  UNION ALL
  SELECT n.node, graph_node_key(e.from_type, e.from_id), e.edge, false, e.detail
  FROM nodes n
  CROSS JOIN LATERAL (
    SELECT * FROM graph_edge e
    WHERE incoming AND e.edge <> 'BEATS' AND e.edge = ANY (edge_types)
      AND e.to_type = graph_node_type(n.node) AND e.to_id = graph_node_id(n.node)
    OFFSET 0
  ) e
  UNION ALL
  SELECT n.node, graph_node_key('MODEL', b.loser_id), 'BEATS', true, b.benchmarks::text
  FROM beats b JOIN nodes n ON n.node = graph_node_key('MODEL', b.winner_id)
  WHERE outgoing
  UNION ALL
  SELECT n.node, graph_node_key('MODEL', b.winner_id), 'BEATS', false, b.benchmarks::text
  FROM beats b JOIN nodes n ON n.node = graph_node_key('MODEL', b.loser_id)
  WHERE incoming
$$;
--> statement-breakpoint
-- The edges of the given types between nodes of a set (a neighborhood's nodes), each once, from its origin: all
-- of the other types, then the BEATS edges by winner and loser, as many as `max_edges` leaves room for (NULL: all).
-- Sorted by type, origin and end, the first `max_edges` are thus the same as those of the whole set.
-- Edges with a model at one end are read from the model's side, where they are few: an evaluator organization has
-- EVALUATED edges to thousands of models, a benchmark EVALUATED_ON edges from thousands, a model a handful of
-- each. Only the edge types between two other nodes (CREATED, SPECIALIZES, SUBSET_OF) are read from the origin.
CREATE OR REPLACE FUNCTION graph_edges_among(node_keys bigint[], edge_types text[], max_edges integer)
RETURNS TABLE (from_key bigint, to_key bigint, edge text, detail text)
LANGUAGE sql STABLE SET jit = off
AS $$
  WITH nodes AS (
    SELECT DISTINCT k AS node FROM unnest(node_keys) AS u(k)
  ),
  models AS MATERIALIZED (
    SELECT node FROM nodes WHERE graph_node_type(node) = 'MODEL'
  ),
  others AS MATERIALIZED (
    -- Out of the models: DERIVED_FROM, USES_TECHNIQUE, EVALUATED_ON, TRAINED_ON.
    SELECT g.node, g.neighbor, g.edge, g.detail
    FROM graph_neighbors(ARRAY(SELECT node FROM models), array_remove(edge_types, 'BEATS'), true, false, NULL) g
    WHERE g.neighbor IN (SELECT node FROM nodes)
    UNION ALL
    -- Into the models from the other nodes: DEVELOPED, EVALUATED (model-to-model ones are counted above).
    SELECT g.neighbor, g.node, g.edge, g.detail
    FROM graph_neighbors(ARRAY(SELECT node FROM models), array_remove(edge_types, 'BEATS'), false, true, NULL) g
    WHERE graph_node_type(g.neighbor) <> 'MODEL' AND g.neighbor IN (SELECT node FROM nodes)
    UNION ALL
    -- Between the other nodes.
    SELECT g.node, g.neighbor, g.edge, g.detail
    FROM graph_neighbors(
      ARRAY(SELECT node FROM nodes WHERE graph_node_type(node) <> 'MODEL'),
      ARRAY(SELECT e FROM unnest(edge_types) AS u(e) WHERE e IN ('CREATED', 'SPECIALIZES', 'SUBSET_OF')), true, false,
      NULL
    ) g
    WHERE g.neighbor IN (SELECT node FROM nodes)
  )
  SELECT node, neighbor, edge, detail FROM others
  UNION ALL
  SELECT graph_node_key('MODEL', b.winner_id), graph_node_key('MODEL', b.loser_id), 'BEATS', b.benchmarks::text
  FROM graph_beats_among(
    ARRAY(SELECT graph_node_id(node) FROM models),
    -- greatest() would turn "no limit" (NULL) into 0.
    CASE WHEN max_edges IS NOT NULL THEN greatest(max_edges - (SELECT count(*) FROM others)::integer, 0) END
  ) b
  WHERE 'BEATS' = ANY (edge_types)
$$;
