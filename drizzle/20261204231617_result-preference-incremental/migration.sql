CREATE TABLE "result_preference_refresh" (
	"transaction_id" bigint PRIMARY KEY DEFAULT txid_current()
);
--> statement-breakpoint
ALTER TABLE "result_preference_pending" ADD COLUMN "model_id" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "result_preference_pending" ADD COLUMN "source_id" integer NOT NULL;--> statement-breakpoint
CREATE INDEX "benchmark_result_key_source_idx" ON "benchmark_result" ("comparability_key","source_id","model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "result_preference_pending_change_idx" ON "result_preference_pending" ("comparability_key","model_id","source_id");
--> statement-breakpoint
-- The preferred results are recomputed for the models a change can affect, not for whole keys
-- (src/db/sql/30-comparison.sql): the changed statements, after the old trigger on the pending table.
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
    USING (SELECT DISTINCT comparability_key, model_id FROM affected) a
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
