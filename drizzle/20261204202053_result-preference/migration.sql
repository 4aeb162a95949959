CREATE TABLE "result_preference" (
	"result_id" integer PRIMARY KEY,
	"comparability_key" text NOT NULL,
	"model_id" integer NOT NULL,
	"dataset_id" integer NOT NULL,
	"metric_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	"value" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_preference_pending" (
	"comparability_key" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "result_preference_model_idx" ON "result_preference" ("model_id","comparability_key");--> statement-breakpoint
CREATE INDEX "result_preference_key_value_idx" ON "result_preference" ("comparability_key","value");--> statement-breakpoint
ALTER TABLE "result_preference" ADD CONSTRAINT "result_preference_result_id_benchmark_result_id_fkey" FOREIGN KEY ("result_id") REFERENCES "benchmark_result"("id") ON DELETE CASCADE;
--> statement-breakpoint
-- The comparison rules of src/db/sql/30-comparison.sql (whole: the preferred results are now stored in
-- result_preference and kept by triggers) and the BEATS edges of src/db/sql/40-graph.sql that read them.
-- Comparison: the rules that decide which result counts and who beats whom, defined once in SQL so that every
-- analyst query (leaderboards, comparisons, who-beats-whom, claim verdicts, the graph's BEATS edges) uses them.

-- One result per model and comparability key (same dataset, metric and setting). When several sources report
-- it, prefer (1) the source whose evaluation run covers the most of the compared models at that key (one run
-- that measured everybody is the fairest comparison), then (2) a third party over a first party, then (3) the
-- most recently reported, then (4) the earliest stored.
-- `as_of`: only results reported on or before that date (undated results are left out); NULL = all results.
-- `model_ids`: the compared models (coverage is counted among them, and only their results are returned);
-- NULL = every model. `keys`: only these comparability keys (through the index); NULL = every key.
-- Computed here from the results; `preferred_results` reads the stored answer for all results and models.
CREATE OR REPLACE FUNCTION compute_preferred_results(as_of date, model_ids integer[], keys text[])
RETURNS SETOF benchmark_result
LANGUAGE sql STABLE AS $$
  WITH eligible AS (
    SELECT r FROM benchmark_result r
    WHERE (as_of IS NULL OR r.reported_on <= as_of)
      AND (model_ids IS NULL OR r.model_id = ANY (model_ids))
      AND (keys IS NULL OR r.comparability_key = ANY (keys))
  ),
  coverage AS (
    SELECT (r).comparability_key AS comparability_key, (r).source_id AS source_id,
           count(DISTINCT (r).model_id) AS models_covered
    FROM eligible GROUP BY 1, 2
  ),
  ranked AS (
    SELECT e.r, row_number() OVER (
      PARTITION BY (e.r).comparability_key, (e.r).model_id
      ORDER BY c.models_covered DESC,
               ((e.r).evaluator_relationship = 'third_party') DESC,
               (e.r).reported_on DESC NULLS LAST,
               (e.r).id
    ) AS preference
    FROM eligible e
    JOIN coverage c ON c.comparability_key = (e.r).comparability_key AND c.source_id = (e.r).source_id
  )
  SELECT (r).* FROM ranked WHERE preference = 1
$$;
--> statement-breakpoint

-- The same rule, answered from `result_preference` (below) when it asks for every model over all results, and
-- computed otherwise: an `as_of` date or a set of compared models changes which source covers most. When the
-- arguments are constants (literals, or values of EXECUTE ... USING), the planner keeps only the branch that
-- applies.
CREATE OR REPLACE FUNCTION preferred_results(as_of date, model_ids integer[], keys text[]) RETURNS SETOF benchmark_result
LANGUAGE sql STABLE AS $$
  SELECT r.* FROM result_preference p JOIN benchmark_result r ON r.id = p.result_id
  WHERE as_of IS NULL AND model_ids IS NULL AND (keys IS NULL OR p.comparability_key = ANY (keys))
  UNION ALL
  SELECT * FROM compute_preferred_results(as_of, model_ids, keys)
  WHERE as_of IS NOT NULL OR model_ids IS NOT NULL
$$;
--> statement-breakpoint

-- The preferred result of every model at every key, over all results.
CREATE OR REPLACE VIEW "preferred_result" AS
SELECT r.* FROM result_preference p JOIN benchmark_result r ON r.id = p.result_id;
--> statement-breakpoint

-- `result_preference` is kept equal to compute_preferred_results(NULL, NULL, NULL): a write to `benchmark_result`
-- notes the comparability keys it touches (old and new) in `result_preference_pending`, and at commit a deferred
-- trigger recomputes each noted key once, however many statements touched it (an import of thousands of rows
-- ranks each key once, after the bulk load has rebuilt its indexes). Each key's recomputation holds a
-- transaction-level advisory lock, so two transactions writing results at the same key recompute it one after
-- the other, the second seeing the first's results. Within the writing transaction, before it commits, the
-- stored preference is the one of the last commit (no write path reads rankings before committing).
CREATE OR REPLACE FUNCTION refresh_result_preferences() RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  keys text[];
BEGIN
  WITH taken AS (DELETE FROM result_preference_pending RETURNING comparability_key)
  SELECT array_agg(DISTINCT comparability_key ORDER BY comparability_key) INTO keys FROM taken;
  IF keys IS NULL THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('result_preference ' || k, 0))
  FROM unnest(keys) AS u(k) ORDER BY k;
  -- Only the rows that differ are written: an import that adds one model's result to a set of thousands writes
  -- one row, not thousands (the recomputation still ranks the whole set: the coverage rule needs it).
  -- EXECUTE ... USING: the keys reach the planner as a value, so compute_preferred_results is inlined and reads
  -- only those keys through the index.
  EXECUTE $q$
    WITH fresh AS MATERIALIZED (
      SELECT p.id, p.comparability_key, p.model_id, p.dataset_id, p.metric_id, p.source_id, p.value
      FROM compute_preferred_results(NULL, NULL, $1::text[]) AS p
    ),
    written AS (
      INSERT INTO result_preference AS s
        (result_id, comparability_key, model_id, dataset_id, metric_id, source_id, value)
      -- Unchanged rows are left out here: ON CONFLICT would lock (and so write) each of them.
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
      WHERE (s.comparability_key, s.model_id, s.dataset_id, s.metric_id, s.source_id, s.value)
            IS DISTINCT FROM (excluded.comparability_key, excluded.model_id, excluded.dataset_id,
                              excluded.metric_id, excluded.source_id, excluded.value)
    )
    DELETE FROM result_preference s
    WHERE s.comparability_key = ANY ($1::text[]) AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.id = s.result_id)
  $q$ USING keys;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_result_preferences_at_commit() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
  PERFORM refresh_result_preferences();
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
-- Fires once per noted key at commit; the first firing recomputes them all and the others find nothing left.
-- (A constraint trigger, the only kind that can wait for the commit, cannot be created "or replace".)
DROP TRIGGER IF EXISTS result_preference_pending_refresh ON result_preference_pending;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER result_preference_pending_refresh
AFTER INSERT ON result_preference_pending DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION refresh_result_preferences_at_commit();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION note_result_preference_keys() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO result_preference_pending (comparability_key)
    SELECT DISTINCT n.comparability_key FROM changed_new n
    WHERE NOT EXISTS (SELECT 1 FROM result_preference_pending p WHERE p.comparability_key = n.comparability_key);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO result_preference_pending (comparability_key)
    SELECT DISTINCT o.comparability_key FROM changed_old o
    WHERE NOT EXISTS (SELECT 1 FROM result_preference_pending p WHERE p.comparability_key = o.comparability_key);
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER benchmark_result_preference_inserts AFTER INSERT ON benchmark_result
REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION note_result_preference_keys();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER benchmark_result_preference_updates AFTER UPDATE ON benchmark_result
REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT
EXECUTE FUNCTION note_result_preference_keys();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER benchmark_result_preference_deletes AFTER DELETE ON benchmark_result
REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION note_result_preference_keys();
--> statement-breakpoint

-- Derived "winner beats loser" facts: both models' preferred results at one comparability key, the winner's
-- better by the metric's direction. Never stored by hand; ties are not wins. A function of the comparability keys
-- to rank, so that a model's wins and losses rank only the keys it has results at (through the index) instead
-- of every result (src/analytics/ranking.ts); `keys` NULL = every key.
CREATE OR REPLACE FUNCTION model_beats_at(keys text[])
RETURNS TABLE (
  winner_id integer, loser_id integer, comparability_key text, dataset_id integer, metric_id integer,
  winner_value double precision, loser_value double precision, margin double precision,
  winner_result_id integer, loser_result_id integer
)
LANGUAGE sql STABLE AS $$
  WITH p AS (SELECT * FROM result_preference WHERE keys IS NULL OR comparability_key = ANY (keys))
  SELECT w.model_id, l.model_id, w.comparability_key, w.dataset_id, w.metric_id,
         w.value, l.value, abs(w.value - l.value), w.result_id, l.result_id
  FROM p w
  JOIN p l ON l.comparability_key = w.comparability_key AND l.model_id <> w.model_id
  JOIN metric m ON m.id = w.metric_id
  WHERE CASE WHEN m.higher_is_better THEN w.value > l.value ELSE w.value < l.value END
$$;
--> statement-breakpoint

-- Every "winner beats loser" fact, over all results.
CREATE OR REPLACE VIEW "model_beats" AS SELECT * FROM model_beats_at(NULL);
--> statement-breakpoint
-- The BEATS edges of some models, as `model_beats` defines them (preferred results at one comparability key, the
-- winner better by the metric's direction, ties are no wins; `benchmarks` = distinct datasets won), from the
-- stored preferred results (`result_preference`): the given models' own, through the model index, each joined to
-- the others' at the same key through the key index. test/graph.test.ts checks that both give the same edges.
-- JIT is off: these are small index-driven queries, whose compilation would cost more than their execution.
CREATE OR REPLACE FUNCTION graph_beats(model_ids integer[], as_winner boolean, as_loser boolean)
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
    WHERE as_winner
    UNION ALL
    SELECT w.model_id, l.model_id, w.dataset_id, w.metric_id, w.value, l.value
    FROM mine l JOIN result_preference w ON w.comparability_key = l.comparability_key AND w.model_id <> l.model_id
    -- A pair of two given models was already found from the winner's side.
    WHERE as_loser AND NOT (as_winner AND w.model_id = ANY (model_ids))
  )
  SELECT pairs.winner_id, pairs.loser_id, count(DISTINCT pairs.dataset_id)::integer
  FROM pairs
  JOIN metric m ON m.id = pairs.metric_id
  WHERE CASE WHEN m.higher_is_better THEN pairs.winner_value > pairs.loser_value
             ELSE pairs.winner_value < pairs.loser_value END
  GROUP BY pairs.winner_id, pairs.loser_id
$$;
--> statement-breakpoint
-- graph_beats_among and graph_edges_among take a limit now: the forms without it go.
DROP FUNCTION IF EXISTS graph_edges_among(bigint[], text[]);
--> statement-breakpoint
DROP FUNCTION IF EXISTS graph_beats_among(integer[]);
--> statement-breakpoint
-- The BEATS edges between models of a set (both ends in it), as graph_beats computes them: the set's preferred
-- results paired among themselves, by winner then loser, the first `max_edges` of them (NULL: all). Each winner's
-- losers are found in turn, so a limit stops the work early: a neighborhood of a few hundred models evaluated at
-- the same benchmarks has tens of thousands of such edges, and returns at most GRAPH_LIMITS.maxEdges.
CREATE OR REPLACE FUNCTION graph_beats_among(model_ids integer[], max_edges integer)
RETURNS TABLE (winner_id integer, loser_id integer, benchmarks integer)
LANGUAGE sql STABLE SET jit = off
AS $$
  WITH mine AS MATERIALIZED (
    SELECT p.comparability_key, p.model_id, p.dataset_id, p.metric_id, p.value
    FROM result_preference p WHERE p.model_id = ANY (model_ids)
  ),
  winners AS MATERIALIZED (
    SELECT DISTINCT model_id FROM mine
  )
  SELECT w.model_id, b.loser_id, b.benchmarks
  FROM (SELECT model_id FROM winners ORDER BY model_id) w
  CROSS JOIN LATERAL (
    SELECT l.model_id AS loser_id, count(DISTINCT x.dataset_id)::integer AS benchmarks
    FROM mine x
    JOIN mine l ON l.comparability_key = x.comparability_key AND l.model_id <> x.model_id
    JOIN metric m ON m.id = x.metric_id
    WHERE x.model_id = w.model_id
      AND CASE WHEN m.higher_is_better THEN x.value > l.value ELSE x.value < l.value END
    GROUP BY l.model_id
    ORDER BY l.model_id
  ) b
  LIMIT max_edges
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
    FROM graph_neighbors(ARRAY(SELECT node FROM models), array_remove(edge_types, 'BEATS'), true, false) g
    WHERE g.neighbor IN (SELECT node FROM nodes)
    UNION ALL
    -- Into the models from the other nodes: DEVELOPED, EVALUATED (model-to-model ones are counted above).
    SELECT g.neighbor, g.node, g.edge, g.detail
    FROM graph_neighbors(ARRAY(SELECT node FROM models), array_remove(edge_types, 'BEATS'), false, true) g
    WHERE graph_node_type(g.neighbor) <> 'MODEL' AND g.neighbor IN (SELECT node FROM nodes)
    UNION ALL
    -- Between the other nodes.
    SELECT g.node, g.neighbor, g.edge, g.detail
    FROM graph_neighbors(
      ARRAY(SELECT node FROM nodes WHERE graph_node_type(node) <> 'MODEL'),
      ARRAY(SELECT e FROM unnest(edge_types) AS u(e) WHERE e IN ('CREATED', 'SPECIALIZES', 'SUBSET_OF')), true, false
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
--> statement-breakpoint
-- The stored preferred results of the results already there.
INSERT INTO result_preference (result_id, comparability_key, model_id, dataset_id, metric_id, source_id, value)
SELECT p.id, p.comparability_key, p.model_id, p.dataset_id, p.metric_id, p.source_id, p.value
FROM compute_preferred_results(NULL, NULL, NULL) AS p;
--> statement-breakpoint
-- Statistics for the planner now: the BEATS functions pair a model's few rows with a key's through the indexes
-- only when it knows the table's size.
ANALYZE result_preference;
