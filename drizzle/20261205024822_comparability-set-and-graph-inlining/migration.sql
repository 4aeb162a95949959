CREATE TABLE "comparability_set" (
	"comparability_key" text PRIMARY KEY,
	"dataset_id" integer NOT NULL,
	"metric_id" integer NOT NULL,
	"shots" integer,
	"chain_of_thought" boolean,
	"pass_k" integer,
	"split" text,
	"variant" text,
	"scaffold" text,
	"result_count" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "comparability_set_dataset_idx" ON "comparability_set" ("dataset_id","metric_id");
--> statement-breakpoint
DROP INDEX "benchmark_result_evaluator_idx";--> statement-breakpoint
CREATE INDEX "benchmark_result_evaluator_idx" ON "benchmark_result" ("evaluator_organization_id","model_id");
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
-- The comparable sets of the results already stored.
INSERT INTO comparability_set
  (comparability_key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold, result_count)
SELECT comparability_key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold,
       count(*)::integer
FROM benchmark_result
GROUP BY comparability_key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold;
--> statement-breakpoint
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

-- The edges of the given types between nodes of a set (a neighborhood's nodes), each once, from its origin: all
-- of the other types, then the BEATS edges by winner and loser, as many as `max_edges` leaves room for (NULL: all).
-- Sorted by type, origin and end, the first `max_edges` are thus the same as those of the whole set.
-- Each type's edges are read from its table once for the whole set (both ends given as arrays), as `graph_edge`
-- defines them: a set of a few hundred nodes costs one index scan per table, where reading each node's edges
-- through the view cost ten branches per node. Edges with a model at one end are found from the model's side,
-- where they are few (an evaluator organization has EVALUATED edges to thousands of models, a model a handful).
-- test/graph.test.ts checks that this gives exactly the view's edges.
CREATE OR REPLACE FUNCTION graph_edges_among(node_keys bigint[], edge_types text[], max_edges integer)
RETURNS TABLE (from_key bigint, to_key bigint, edge text, detail text)
LANGUAGE sql STABLE SET jit = off
AS $$
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
    WHERE 'DEVELOPED' = ANY (edge_types)
    UNION ALL
    SELECT graph_node_key('MODEL', l.model_id), graph_node_key('MODEL', l.base_model_id), 'DERIVED_FROM', l.kind::text
    FROM sets s JOIN model_lineage l ON l.model_id = ANY (s.models) AND l.base_model_id = ANY (s.models)
    WHERE 'DERIVED_FROM' = ANY (edge_types)
    UNION ALL
    SELECT graph_node_key('MODEL', mt.model_id), graph_node_key('TECHNIQUE', mt.technique_id), 'USES_TECHNIQUE',
           mt.stage::text
    FROM sets s JOIN model_technique mt ON mt.model_id = ANY (s.models) AND mt.technique_id = ANY (s.techniques)
    WHERE 'USES_TECHNIQUE' = ANY (edge_types)
    UNION ALL
    SELECT graph_node_key('TECHNIQUE', t.id), graph_node_key('TECHNIQUE', t.parent_technique_id), 'SPECIALIZES', NULL
    FROM sets s JOIN technique t ON t.id = ANY (s.techniques) AND t.parent_technique_id = ANY (s.techniques)
    WHERE 'SPECIALIZES' = ANY (edge_types)
    UNION ALL
    SELECT graph_node_key('MODEL', r.model_id), graph_node_key('DATASET', r.dataset_id), 'EVALUATED_ON', count(*)::text
    FROM sets s JOIN benchmark_result r ON r.model_id = ANY (s.models) AND r.dataset_id = ANY (s.datasets)
    WHERE 'EVALUATED_ON' = ANY (edge_types)
    GROUP BY r.model_id, r.dataset_id
    UNION ALL
    SELECT graph_node_key('ORGANIZATION', dc.organization_id), graph_node_key('DATASET', dc.dataset_id), 'CREATED', NULL
    FROM sets s JOIN dataset_creator dc ON dc.organization_id = ANY (s.orgs) AND dc.dataset_id = ANY (s.datasets)
    WHERE 'CREATED' = ANY (edge_types)
    UNION ALL
    SELECT graph_node_key('MODEL', mt.model_id), graph_node_key('DATASET', mtd.dataset_id), 'TRAINED_ON',
           string_agg(t.slug, ',' ORDER BY t.slug)
    FROM sets s
    JOIN model_technique mt ON mt.model_id = ANY (s.models)
    JOIN model_technique_dataset mtd ON mtd.model_technique_id = mt.id AND mtd.dataset_id = ANY (s.datasets)
    JOIN technique t ON t.id = mt.technique_id
    WHERE 'TRAINED_ON' = ANY (edge_types)
    GROUP BY mt.model_id, mtd.dataset_id
    UNION ALL
    SELECT graph_node_key('DATASET', ds.id), graph_node_key('DATASET', ds.parent_dataset_id), 'SUBSET_OF', NULL
    FROM sets s JOIN dataset ds ON ds.id = ANY (s.datasets) AND ds.parent_dataset_id = ANY (s.datasets)
    WHERE 'SUBSET_OF' = ANY (edge_types)
    UNION ALL
    SELECT graph_node_key('ORGANIZATION', r.evaluator_organization_id), graph_node_key('MODEL', r.model_id), 'EVALUATED',
           count(*)::text
    FROM sets s JOIN benchmark_result r ON r.model_id = ANY (s.models) AND r.evaluator_organization_id = ANY (s.orgs)
    WHERE 'EVALUATED' = ANY (edge_types)
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
  WHERE 'BEATS' = ANY (edge_types)
$$;
