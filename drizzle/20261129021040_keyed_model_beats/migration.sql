-- Custom migration (drizzle-kit generate --custom): the win rule of `model_beats` as a function of the
-- comparability keys to rank, so that a model's wins and losses rank only the keys it has results at (through
-- the index) instead of every result. The view keeps its columns and now reads the function over all keys.
CREATE FUNCTION model_beats_at(keys text[])
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
CREATE OR REPLACE VIEW "model_beats" AS SELECT * FROM model_beats_at(NULL);
