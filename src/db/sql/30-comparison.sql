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
-- notes, for each row it changes (old and new), the comparability key, model and source in
-- `result_preference_pending`, and at commit a deferred trigger recomputes the preferred results those changes can
-- affect, once, however many statements made them (an import of thousands of rows does it once, after the bulk
-- load has rebuilt its indexes). Affected are (1) the noted models at the noted keys, and (2) where a noted
-- source's coverage of a key may have changed, the models it measured there that have a result of another source
-- at that key too: a model with one result at a key prefers it whatever the coverage, so adding one model's
-- result to a set of thousands re-ranks that model, not the set. The ranking below is compute_preferred_results'
-- rule (same order), with the coverage counted once per source and key, and only where a model has a choice to make.
-- Each key's recomputation holds a transaction-level advisory lock, so two transactions writing results at the
-- same key recompute it one after the other, the second seeing the first's results.
-- The same refresh recounts the results of each changed key in `comparability_set`. Within the writing
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
  -- The comparable sets at the changed keys (`comparability_set`): recounted, written where the count differs,
  -- removed where no result is left.
  EXECUTE $q$
    WITH changed AS (
      SELECT DISTINCT k FROM unnest($1::text[]) AS u(k)
    ),
    counted AS (
      SELECT r.comparability_key, r.dataset_id, r.metric_id, r.shots, r.chain_of_thought, r.pass_k, r.split,
             r.variant, r.scaffold, count(*)::integer AS result_count
      FROM changed c JOIN benchmark_result r ON r.comparability_key = c.k
      GROUP BY r.comparability_key, r.dataset_id, r.metric_id, r.shots, r.chain_of_thought, r.pass_k, r.split,
               r.variant, r.scaffold
    ),
    emptied AS (
      DELETE FROM comparability_set s USING changed c
      WHERE s.comparability_key = c.k AND NOT EXISTS (SELECT 1 FROM counted n WHERE n.comparability_key = c.k)
    )
    INSERT INTO comparability_set AS s
      (comparability_key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold,
       result_count)
    SELECT * FROM counted
    ON CONFLICT (comparability_key) DO UPDATE SET result_count = excluded.result_count
    WHERE s.result_count <> excluded.result_count
  $q$ USING keys;
  IF big THEN
    PERFORM set_config('enable_nestloop', nested_loops, true);
  END IF;
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
-- better by the metric's direction. Never stored by hand; ties are not wins. Only at `keys` (NULL = every key);
-- a few models' wins or losses are read from their side by model_beats_of (below).
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

-- Every "winner beats loser" fact, over all results.
CREATE OR REPLACE VIEW "model_beats" AS SELECT * FROM model_beats_at(NULL);
