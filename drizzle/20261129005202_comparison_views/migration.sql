-- Custom migration (drizzle-kit generate --custom): the comparison rules, defined once in SQL so that every
-- analyst query (leaderboards, comparisons, who-beats-whom, claim verdicts, the graph's BEATS edges) uses them.

-- One result per model and comparability key (same dataset, metric and setting). When several sources report
-- it, prefer (1) the source whose evaluation run covers the most models at that key (one run that measured
-- everybody is the fairest comparison), then (2) a third party over a first party, then (3) the most recently
-- reported, then (4) the earliest stored. `alternatives` counts the results this choice was made from.
CREATE VIEW "preferred_result" AS
WITH coverage AS (
  SELECT comparability_key, source_id, count(DISTINCT model_id) AS models_covered
  FROM benchmark_result
  GROUP BY comparability_key, source_id
),
ranked AS (
  SELECT r.*,
    c.models_covered,
    count(*) OVER (PARTITION BY r.comparability_key, r.model_id) AS alternatives,
    row_number() OVER (
      PARTITION BY r.comparability_key, r.model_id
      ORDER BY c.models_covered DESC,
               (r.evaluator_relationship = 'third_party') DESC,
               r.reported_on DESC NULLS LAST,
               r.id
    ) AS preference
  FROM benchmark_result r
  JOIN coverage c ON c.comparability_key = r.comparability_key AND c.source_id = r.source_id
)
SELECT * FROM ranked WHERE preference = 1;
--> statement-breakpoint

-- Derived "winner beats loser" facts: both models' preferred results at one comparability key, the winner's
-- better by the metric's direction. Never stored by hand; ties are not wins.
CREATE VIEW "model_beats" AS
SELECT
  w.model_id AS winner_id,
  l.model_id AS loser_id,
  w.comparability_key,
  w.dataset_id,
  w.metric_id,
  w.value AS winner_value,
  l.value AS loser_value,
  abs(w.value - l.value) AS margin,
  w.id AS winner_result_id,
  l.id AS loser_result_id
FROM preferred_result w
JOIN preferred_result l ON l.comparability_key = w.comparability_key AND l.model_id <> w.model_id
JOIN metric m ON m.id = w.metric_id
WHERE CASE WHEN m.higher_is_better THEN w.value > l.value ELSE w.value < l.value END;
