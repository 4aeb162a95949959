-- Comparison: the rules that decide which result counts and who beats whom, defined once in SQL so that every
-- analyst query (leaderboards, comparisons, who-beats-whom, claim verdicts, the graph's BEATS edges) uses them.

-- One result per model and comparability key (same dataset, metric and setting). When several sources report
-- it, prefer (1) the source whose evaluation run covers the most of the compared models at that key (one run
-- that measured everybody is the fairest comparison), then (2) a third party over a first party, then (3) the
-- most recently reported, then (4) the earliest stored.
-- `as_of`: only results reported on or before that date (undated results are left out); NULL = all results.
-- `model_ids`: the compared models (coverage is counted among them, and only their results are returned);
-- NULL = every model. `keys`: only these comparability keys (through the index); NULL = every key.
CREATE OR REPLACE FUNCTION preferred_results(as_of date, model_ids integer[], keys text[]) RETURNS SETOF benchmark_result
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

-- The preferred result of every model at every key, over all results.
CREATE OR REPLACE VIEW "preferred_result" AS SELECT * FROM preferred_results(NULL, NULL, NULL);
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
  WITH p AS (SELECT * FROM preferred_results(NULL, NULL, keys))
  SELECT w.model_id, l.model_id, w.comparability_key, w.dataset_id, w.metric_id,
         w.value, l.value, abs(w.value - l.value), w.id, l.id
  FROM p w
  JOIN p l ON l.comparability_key = w.comparability_key AND l.model_id <> w.model_id
  JOIN metric m ON m.id = w.metric_id
  WHERE CASE WHEN m.higher_is_better THEN w.value > l.value ELSE w.value < l.value END
$$;
--> statement-breakpoint

-- Every "winner beats loser" fact, over all results.
CREATE OR REPLACE VIEW "model_beats" AS SELECT * FROM model_beats_at(NULL);
