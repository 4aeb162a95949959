-- Graph: the knowledge graph as typed edges, for graph exploration (`Query.neighborhood`, `Query.path`;
-- src/analytics/graph.ts). One row per edge:
--   from_type/from_id -[edge]-> to_type/to_id, with a `detail` whose meaning depends on the edge type.
-- Node types: ORGANIZATION, MODEL, TECHNIQUE, DATASET (ids are the tables' ids). Every (from, edge, to) appears
-- once, except DERIVED_FROM, which has one row per lineage kind between the same two models.
--
--   ORGANIZATION -DEVELOPED->      MODEL      model_developer                   detail: NULL
--   MODEL        -DERIVED_FROM->   MODEL      model_lineage (child -> base)     detail: lineage kind
--   MODEL        -USES_TECHNIQUE-> TECHNIQUE  model_technique                   detail: training stage (NULL if none)
--   TECHNIQUE    -SPECIALIZES->    TECHNIQUE  technique.parent_technique_id     detail: NULL
--   MODEL        -EVALUATED_ON->   DATASET    benchmark_result                  detail: number of results
--   ORGANIZATION -CREATED->        DATASET    dataset_creator                   detail: NULL
--   MODEL        -TRAINED_ON->     DATASET    model_technique_dataset           detail: technique slugs, comma-separated
--   MODEL        -BEATS->          MODEL      model_beats (winner -> loser)     detail: number of benchmarks won
--   DATASET      -SUBSET_OF->      DATASET    dataset.parent_dataset_id         detail: NULL
--   ORGANIZATION -EVALUATED->      MODEL      benchmark_result.evaluator_*      detail: number of results
--
-- Filters on from_type/from_id (or to_type/to_id) are pushed down into each branch, so that a lookup of one
-- node's edges reads the indexes of the underlying tables instead of the whole view.
CREATE OR REPLACE VIEW "graph_edge" AS
SELECT 'ORGANIZATION'::text AS from_type, d.organization_id AS from_id, 'DEVELOPED'::text AS edge,
       'MODEL'::text AS to_type, d.model_id AS to_id, NULL::text AS detail
FROM model_developer d
UNION ALL
SELECT 'MODEL', l.model_id, 'DERIVED_FROM', 'MODEL', l.base_model_id, l.kind::text
FROM model_lineage l
UNION ALL
SELECT 'MODEL', mt.model_id, 'USES_TECHNIQUE', 'TECHNIQUE', mt.technique_id, mt.stage::text
FROM model_technique mt
UNION ALL
SELECT 'TECHNIQUE', t.id, 'SPECIALIZES', 'TECHNIQUE', t.parent_technique_id, NULL
FROM technique t
WHERE t.parent_technique_id IS NOT NULL
UNION ALL
SELECT 'MODEL', r.model_id, 'EVALUATED_ON', 'DATASET', r.dataset_id, count(*)::text
FROM benchmark_result r
GROUP BY r.model_id, r.dataset_id
UNION ALL
SELECT 'ORGANIZATION', dc.organization_id, 'CREATED', 'DATASET', dc.dataset_id, NULL
FROM dataset_creator dc
UNION ALL
SELECT 'MODEL', mt.model_id, 'TRAINED_ON', 'DATASET', mtd.dataset_id, string_agg(t.slug, ',' ORDER BY t.slug)
FROM model_technique mt
JOIN model_technique_dataset mtd ON mtd.model_technique_id = mt.id
JOIN technique t ON t.id = mt.technique_id
GROUP BY mt.model_id, mtd.dataset_id
UNION ALL
SELECT 'MODEL', b.winner_id, 'BEATS', 'MODEL', b.loser_id, count(DISTINCT b.dataset_id)::text
FROM model_beats b
GROUP BY b.winner_id, b.loser_id
UNION ALL
SELECT 'DATASET', ds.id, 'SUBSET_OF', 'DATASET', ds.parent_dataset_id, NULL
FROM dataset ds
WHERE ds.parent_dataset_id IS NOT NULL
UNION ALL
SELECT 'ORGANIZATION', r.evaluator_organization_id, 'EVALUATED', 'MODEL', r.model_id, count(*)::text
FROM benchmark_result r
WHERE r.evaluator_organization_id IS NOT NULL
GROUP BY r.evaluator_organization_id, r.model_id;
--> statement-breakpoint

-- A node as one bigint, so that traversals can keep frontiers and visited sets in plain arrays: the type's code
-- (ORGANIZATION 1, MODEL 2, TECHNIQUE 3, DATASET 4) in the high 32 bits, the row id in the low 32 bits.
-- Not declared STRICT (they return NULL for a NULL anyway): PostgreSQL inlines a STRICT SQL function only when
-- it can prove the body strict, which a CASE or an array subscript is not, and a call that is not inlined costs
-- about 4 µs instead of 0.4 µs (measured over 200,000 calls) — thousands of them per traversal.
CREATE OR REPLACE FUNCTION graph_node_key(node_type text, node_id integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT (CASE node_type WHEN 'ORGANIZATION' THEN 1 WHEN 'MODEL' THEN 2 WHEN 'TECHNIQUE' THEN 3 WHEN 'DATASET' THEN 4
          END::bigint << 32) | node_id::bigint
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION graph_node_type(node_key bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (ARRAY['ORGANIZATION', 'MODEL', 'TECHNIQUE', 'DATASET'])[(node_key >> 32)::integer] $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION graph_node_id(node_key bigint) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (node_key & 4294967295)::integer $$;
--> statement-breakpoint

-- The BEATS edges of some models, as `model_beats` defines them (preferred results at one comparability key, the
-- winner better by the metric's direction, ties are no wins; `benchmarks` = distinct datasets won), from the
-- stored preferred results (`result_preference`): the given models' own, through the model index, each joined to
-- the others' at the same key through the key index. test/graph.test.ts checks that both give the same edges.
-- `per_model` (NULL: all) keeps, for each given model and side, only the opponents of lowest id, at least that
-- many when it has them: at each of its keys they are read in id order through the (key, model) index and the
-- scan stops there, so a model that beats thousands costs its first `per_model`, not every pair at its keys. (A
-- neighborhood's walk asked for that; it now reads its first opponents by key in graph_first_neighbors.)
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
  ),
  involved AS MATERIALIZED (
    SELECT p.model_id, p.comparability_key, p.dataset_id, p.metric_id, p.value
    FROM result_preference p
    WHERE p.model_id = ANY (ARRAY(SELECT winner_id FROM kept UNION SELECT loser_id FROM kept))
  )
  SELECT pairs.winner_id, pairs.loser_id, count(DISTINCT pairs.dataset_id)::integer
  FROM pairs
  JOIN metric m ON m.id = pairs.metric_id
  WHERE CASE WHEN m.higher_is_better THEN pairs.winner_value > pairs.loser_value
             ELSE pairs.winner_value < pairs.loser_value END
  GROUP BY pairs.winner_id, pairs.loser_id
  UNION ALL
  -- Each kept pair's benchmarks, over all the keys the two share: the preferred results of every model of a kept
  -- pair are read once (a few hundred models), then paired by hash (a lookup per pair cost two index scans each).
  SELECT k.winner_id, k.loser_id, count(DISTINCT w.dataset_id)::integer
  FROM kept k
  JOIN involved w ON w.model_id = k.winner_id
  JOIN involved l ON l.model_id = k.loser_id AND l.comparability_key = w.comparability_key
  JOIN metric m ON m.id = w.metric_id
  WHERE CASE WHEN m.higher_is_better THEN w.value > l.value ELSE w.value < l.value END
  GROUP BY k.winner_id, k.loser_id
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

-- The edges between the nodes of `node_keys` and those of `among`, walkable either way, as graph_neighbors gives
-- them (`forward`: the edge points from `node` to `neighbor`), but only those whose neighbor is in `among`. A
-- shortest-path search asked this first at each step, with the other side's visited nodes: when the two sides
-- meet, the step needs no more, and the full expansion (every BEATS opponent of every model of the frontier:
-- hundreds of thousands at scale) is never computed. BEATS edges come from both sets' preferred results joined
-- at their common keys. The search now asks graph_path_edges (below), which keeps only the BEATS edges it can
-- choose; this remains what tests compare it with.
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
  -- Only when the nodes include models: the other side's visited set can hold tens of thousands of models.
  theirs AS MATERIALIZED (
    SELECT p.comparability_key, p.model_id, p.value
    FROM result_preference p
    WHERE 'BEATS' = ANY (edge_types) AND EXISTS (SELECT FROM mine)
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
--> statement-breakpoint

-- The edges a shortest-path step (src/analytics/graph.ts) picks each reached node's parent from: for the nodes of
-- `node_keys`, their edges of the given types, walkable either way, as graph_neighbors gives them (`forward`: the
-- edge points from `node` to `neighbor`), to the neighbors in `among` (NULL: any) that are not in `visited` (NULL:
-- none); but a neighbor's BEATS edges only with the smallest node that has one with it. The step keeps, for each
-- neighbor, an edge of its smallest node, so the BEATS edges of larger nodes are never chosen; 25 models of one
-- organization have 200,000 BEATS pairs with 2,200 models on the 4x graph, and the step needs 2,200 of them.
-- They are found per comparability key of the nodes' preferred results: at each, the nodes' smallest model and
-- their smallest of another value. A model has one preferred result per key, so a model there whose value differs
-- from the first's has a BEATS edge with it (one way or the other), and any other with the second; its smallest
-- over its keys is its BEATS parent, and the edges of that pair are counted from the two models' results at the
-- keys they share (all among the nodes' keys). test/graph.test.ts checks the parents and edges against
-- graph_neighbors. PL/pgSQL with a generic plan, planned once per session, as graph_first_neighbors
-- (graph_neighbors, an SQL function, is planned at each call: 30 to 60 ms on the 4x graph).
CREATE OR REPLACE FUNCTION graph_path_edges(node_keys bigint[], edge_types text[], among bigint[], visited bigint[])
RETURNS TABLE (node bigint, neighbor bigint, edge text, forward boolean, detail text)
LANGUAGE plpgsql STABLE SET jit = off SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH nodes AS MATERIALIZED (
    SELECT DISTINCT k AS node FROM unnest(node_keys) AS u(k)
  ),
  mine AS MATERIALIZED (
    SELECT p.comparability_key, p.model_id, p.dataset_id, p.metric_id, p.value
    FROM result_preference p
    WHERE 'BEATS' = ANY (edge_types)
      AND p.model_id = ANY (ARRAY(SELECT graph_node_id(n.node) FROM nodes n WHERE graph_node_type(n.node) = 'MODEL'))
  ),
  -- At each key, the smallest model and its value, and the smallest model of another value.
  firsts AS MATERIALIZED (
    SELECT x.comparability_key, min(x.model_id) AS first_id, min(x.first_value) AS first_value,
           min(x.model_id) FILTER (WHERE x.value <> x.first_value) AS second_id
    FROM (
      SELECT m.comparability_key, m.model_id, m.value,
             first_value(m.value) OVER (PARTITION BY m.comparability_key ORDER BY m.model_id) AS first_value
      FROM mine m
    ) x
    GROUP BY x.comparability_key
  ),
  -- The models at those keys (all of them, or those of `among`, read from their side), but the visited ones, each
  -- with the node it has a BEATS edge with at that key, if any.
  candidates AS (
    SELECT c.model_id, c.comparability_key, c.value, c.parent
    FROM (
      SELECT l.model_id, l.comparability_key, l.value,
             CASE WHEN l.value <> f.first_value THEN f.first_id ELSE f.second_id END AS parent
      FROM firsts f JOIN result_preference l ON l.comparability_key = f.comparability_key
      WHERE among IS NULL
      UNION ALL
      SELECT l.model_id, l.comparability_key, l.value,
             CASE WHEN l.value <> f.first_value THEN f.first_id ELSE f.second_id END
      FROM result_preference l JOIN firsts f ON f.comparability_key = l.comparability_key
      WHERE among IS NOT NULL
        AND l.model_id = ANY (ARRAY(SELECT graph_node_id(k) FROM unnest(among) AS u(k) WHERE graph_node_type(k) = 'MODEL'))
    ) c
    -- NOT IN a subquery: a hashed subplan, whatever the planner guesses of the arrays' sizes.
    WHERE graph_node_key('MODEL', c.model_id) NOT IN (SELECT v FROM unnest(visited) AS w(v))
  ),
  -- Each candidate's row at each key, with its BEATS parent: its smallest node over its keys.
  chosen AS (
    SELECT c.model_id, c.comparability_key, c.value,
           min(c.parent) FILTER (WHERE c.parent <> c.model_id) OVER (PARTITION BY c.model_id) AS parent
    FROM candidates c
  ),
  -- The edges of each candidate with its parent, one per direction, from their results at the keys they share.
  beats AS (
    SELECT c.parent, c.model_id AS neighbor,
           CASE WHEN m.higher_is_better THEN x.value > c.value ELSE x.value < c.value END AS parent_wins,
           count(DISTINCT x.dataset_id)::integer AS benchmarks
    FROM chosen c
    JOIN mine x ON x.model_id = c.parent AND x.comparability_key = c.comparability_key
    JOIN metric m ON m.id = x.metric_id
    WHERE x.value <> c.value
    GROUP BY 1, 2, 3
  ),
  -- The other edge types, as graph_neighbors reads them.
  others AS (
    SELECT n.node, graph_node_key(e.to_type, e.to_id) AS neighbor, e.edge, true AS forward, e.detail
    FROM nodes n
    CROSS JOIN LATERAL (
      SELECT * FROM graph_edge e
      WHERE e.edge <> 'BEATS' AND e.edge = ANY (edge_types)
        AND e.from_type = graph_node_type(n.node) AND e.from_id = graph_node_id(n.node)
      OFFSET 0
    ) e
    UNION ALL
    SELECT n.node, graph_node_key(e.from_type, e.from_id), e.edge, false, e.detail
    FROM nodes n
    CROSS JOIN LATERAL (
      SELECT * FROM graph_edge e
      WHERE e.edge <> 'BEATS' AND e.edge = ANY (edge_types)
        AND e.to_type = graph_node_type(n.node) AND e.to_id = graph_node_id(n.node)
      OFFSET 0
    ) e
  )
  SELECT o.node, o.neighbor, o.edge, o.forward, o.detail
  FROM others o
  WHERE (among IS NULL OR o.neighbor IN (SELECT a FROM unnest(among) AS u(a)))
    AND o.neighbor NOT IN (SELECT v FROM unnest(visited) AS w(v))
  UNION ALL
  SELECT graph_node_key('MODEL', b.parent), graph_node_key('MODEL', b.neighbor), 'BEATS', b.parent_wins,
         b.benchmarks::text
  FROM beats b;
END
$$;
--> statement-breakpoint

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
--> statement-breakpoint

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
