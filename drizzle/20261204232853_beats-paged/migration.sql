-- A few models' wins or losses, paged in SQL (src/db/sql/30-comparison.sql).
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
