CREATE TABLE "result_preference_refresh" (
	"transaction_id" bigint PRIMARY KEY DEFAULT txid_current()
);
--> statement-breakpoint
ALTER TABLE "result_preference_pending" ADD COLUMN "model_id" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "result_preference_pending" ADD COLUMN "source_id" integer NOT NULL;--> statement-breakpoint
CREATE INDEX "benchmark_result_key_source_idx" ON "benchmark_result" ("comparability_key","source_id","model_id");--> statement-breakpoint
CREATE INDEX "result_preference_key_model_idx" ON "result_preference" ("comparability_key","model_id","value");--> statement-breakpoint
CREATE UNIQUE INDEX "result_preference_pending_change_idx" ON "result_preference_pending" ("comparability_key","model_id","source_id");
--> statement-breakpoint
-- The changed statements of src/db/sql/30-comparison.sql and 40-graph.sql:
-- stored preferred results recomputed per affected model (one refresh per transaction), a few models' wins or
-- losses paged in SQL, a neighborhood's walk asking each model only for its first BEATS opponents (graph_beats and
-- graph_neighbors take the cap: new signatures, so the old ones are dropped first), and a path step looking first
-- for the other side's visited nodes.
DROP TRIGGER IF EXISTS result_preference_pending_refresh ON result_preference_pending;
--> statement-breakpoint
-- `result_preference` is kept equal to compute_preferred_results(NULL, NULL, NULL): a write to `benchmark_result`
-- notes, for each row it changes (old and new), the comparability key, model and source in
-- `result_preference_pending`, and at commit a deferred trigger recomputes the preferred results those changes can
-- affect, once, however many statements made them (an import of thousands of rows does it once, after the bulk
-- load has rebuilt its indexes). Affected are (1) the noted models at the noted keys, and (2) where a noted
-- source's coverage of a key may have changed, the models it measured there that have a result of another source
-- at that key too: a model with one result at a key prefers it whatever the coverage, so adding one model's
-- result to a set of thousands re-ranks that model, not the set. The ranking below is compute_preferred_results'
-- rule (same order), with the coverage counted once per source and key, and only where a model has a choice to make.
-- Each key's recomputation holds a transaction-level advisory lock, so two transactions writing results at the
-- same key recompute it one after the other, the second seeing the first's results. Within the writing
-- transaction, before it commits, the stored preference is the one of the last commit (no write path reads
-- rankings before committing).
CREATE OR REPLACE FUNCTION refresh_result_preferences() RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  keys text[];
  models integer[];
  sources integer[];
  big boolean;
  nested_loops text;
BEGIN
  DELETE FROM result_preference_refresh;
  WITH taken AS (DELETE FROM result_preference_pending RETURNING comparability_key, model_id, source_id)
  SELECT array_agg(comparability_key), array_agg(model_id), array_agg(source_id) INTO keys, models, sources
  FROM taken;
  IF keys IS NULL THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('result_preference ' || k, 0))
  FROM (SELECT DISTINCT k FROM unnest(keys) AS u(k)) AS distinct_keys ORDER BY k;
  -- Many changes (a bulk load in this transaction: a generator's millions of rows, a large CSV) leave the planner
  -- with the statistics of the tables before them (empty, say), and it would then rescan a table once per row
  -- (measured: 290 s for 200,000 results). So, above 10,000 changes: ANALYZE first (it counts this transaction's
  -- own rows; a second or two on millions) and no nested loops, only hash and merge joins, for this statement.
  big := cardinality(keys) > 10000;
  IF big THEN
    ANALYZE benchmark_result;
    ANALYZE result_preference;
    nested_loops := current_setting('enable_nestloop');
    PERFORM set_config('enable_nestloop', 'off', true);
  END IF;
  -- Only the rows that differ are written (ON CONFLICT would lock, and so write, each unchanged row).
  -- EXECUTE ... USING: the changes reach the planner as values, so it reads them through the indexes.
  EXECUTE $q$
    WITH changed AS (
      SELECT * FROM unnest($1::text[], $2::integer[], $3::integer[]) AS c(comparability_key, model_id, source_id)
    ),
    affected AS (
      SELECT comparability_key, model_id FROM changed
      UNION
      SELECT r.comparability_key, r.model_id
      FROM (SELECT DISTINCT comparability_key, source_id FROM changed) s
      JOIN benchmark_result r ON r.comparability_key = s.comparability_key AND r.source_id = s.source_id
      WHERE EXISTS (
        SELECT 1 FROM benchmark_result o
        WHERE o.comparability_key = r.comparability_key AND o.model_id = r.model_id AND o.source_id <> r.source_id
      )
    ),
    candidates AS (
      SELECT r.*, count(*) OVER (PARTITION BY r.comparability_key, r.model_id) AS competing
      FROM affected a
      JOIN benchmark_result r ON r.comparability_key = a.comparability_key AND r.model_id = a.model_id
    ),
    -- Each source's coverage of a key, counted once, where a model has a choice to make.
    coverage AS (
      SELECT s.comparability_key, s.source_id,
             (SELECT count(DISTINCT k.model_id) FROM benchmark_result k
              WHERE k.comparability_key = s.comparability_key AND k.source_id = s.source_id) AS models_covered
      FROM (SELECT DISTINCT comparability_key, source_id FROM candidates WHERE competing > 1) s
    ),
    fresh AS MATERIALIZED (
      SELECT DISTINCT ON (c.comparability_key, c.model_id)
             c.id, c.comparability_key, c.model_id, c.dataset_id, c.metric_id, c.source_id, c.value
      FROM candidates c
      LEFT JOIN coverage ON coverage.comparability_key = c.comparability_key AND coverage.source_id = c.source_id
      ORDER BY c.comparability_key, c.model_id,
               coverage.models_covered DESC,
               (c.evaluator_relationship = 'third_party') DESC,
               c.reported_on DESC NULLS LAST,
               c.id
    ),
    written AS (
      INSERT INTO result_preference AS s
        (result_id, comparability_key, model_id, dataset_id, metric_id, source_id, value)
      SELECT * FROM fresh f
      WHERE NOT EXISTS (
        SELECT 1 FROM result_preference o
        WHERE o.result_id = f.id AND o.comparability_key = f.comparability_key AND o.model_id = f.model_id
          AND o.dataset_id = f.dataset_id AND o.metric_id = f.metric_id AND o.source_id = f.source_id
          AND o.value = f.value
      )
      ON CONFLICT (result_id) DO UPDATE
      SET comparability_key = excluded.comparability_key, model_id = excluded.model_id,
          dataset_id = excluded.dataset_id, metric_id = excluded.metric_id, source_id = excluded.source_id,
          value = excluded.value
    )
    DELETE FROM result_preference s
    USING affected a
    WHERE s.comparability_key = a.comparability_key AND s.model_id = a.model_id
      AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.id = s.result_id)
  $q$ USING keys, models, sources;
  IF big THEN
    PERFORM set_config('enable_nestloop', nested_loops, true);
  END IF;
END
$fn$;
--> statement-breakpoint
-- Fires at commit for the transaction's one row of `result_preference_refresh`, or earlier on SET CONSTRAINTS
-- ... IMMEDIATE; a later write of the same transaction then notes a new row. (A constraint trigger, the only kind
-- that can wait for the commit, cannot be created "or replace".)
DROP TRIGGER IF EXISTS result_preference_refresh_at_commit ON result_preference_refresh;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER result_preference_refresh_at_commit
AFTER INSERT ON result_preference_refresh DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION refresh_result_preferences_at_commit();
--> statement-breakpoint
-- Transition tables exist only for the events a trigger declares (no OLD TABLE on insert), hence one INSERT per
-- side.
CREATE OR REPLACE FUNCTION note_result_preference_keys() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO result_preference_pending (comparability_key, model_id, source_id)
    SELECT DISTINCT comparability_key, model_id, source_id FROM changed_new
    ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO result_preference_pending (comparability_key, model_id, source_id)
    SELECT DISTINCT comparability_key, model_id, source_id FROM changed_old
    ON CONFLICT DO NOTHING;
  END IF;
  -- The transaction's refresh at commit, queued by its first noted change (a conflict inserts nothing).
  INSERT INTO result_preference_refresh DEFAULT VALUES ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
-- The same facts for a few models, read from each one's side: its wins (`losses` false) or its losses, at most
-- `per_model` of each model (NULL = all), largest margin first, then by comparability key and opponent, only at
-- `dataset` when given (NULL = all), only by at least `min_margin`. At each of the model's preferred results,
-- the opponents come from the (key, value) index in margin order and the scan stops at `per_model`: a model
-- that beats thousands costs its page, not every pair at its keys (as model_beats_at filtered by winner would).
CREATE OR REPLACE FUNCTION model_beats_of(
  model_ids integer[], losses boolean, dataset integer, min_margin double precision, per_model integer
)
RETURNS TABLE (
  winner_id integer, loser_id integer, comparability_key text, dataset_id integer, metric_id integer,
  winner_value double precision, loser_value double precision, margin double precision,
  winner_result_id integer, loser_result_id integer
)
LANGUAGE sql STABLE AS $$
  SELECT b.* FROM unnest(model_ids) AS subject(id)
  CROSS JOIN LATERAL (
    SELECT CASE WHEN losses THEN o.model_id ELSE s.model_id END,
           CASE WHEN losses THEN s.model_id ELSE o.model_id END,
           s.comparability_key, s.dataset_id, s.metric_id,
           CASE WHEN losses THEN o.value ELSE s.value END,
           CASE WHEN losses THEN s.value ELSE o.value END,
           abs(s.value - o.value),
           CASE WHEN losses THEN o.result_id ELSE s.result_id END,
           CASE WHEN losses THEN s.result_id ELSE o.result_id END
    FROM result_preference s
    JOIN metric m ON m.id = s.metric_id
    CROSS JOIN LATERAL (
      -- Opponents scoring below the model: its wins where higher is better, its losses where lower is.
      (SELECT l.model_id, l.value, l.result_id FROM result_preference l
       WHERE m.higher_is_better <> losses
         AND l.comparability_key = s.comparability_key AND l.value < s.value
         AND s.value - l.value >= coalesce(min_margin, 0)
       ORDER BY l.value, l.model_id LIMIT per_model)
      UNION ALL
      -- Opponents scoring above it: the other two cases.
      (SELECT l.model_id, l.value, l.result_id FROM result_preference l
       WHERE m.higher_is_better = losses
         AND l.comparability_key = s.comparability_key AND l.value > s.value
         AND l.value - s.value >= coalesce(min_margin, 0)
       ORDER BY l.value DESC, l.model_id LIMIT per_model)
    ) o
    WHERE s.model_id = subject.id AND (dataset IS NULL OR s.dataset_id = dataset)
    ORDER BY abs(s.value - o.value) DESC, s.comparability_key, o.model_id
    LIMIT per_model
  ) b
$$;
--> statement-breakpoint
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
