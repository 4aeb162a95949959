CREATE TABLE "search_document" (
	"type" text,
	"entity_id" integer,
	"names" text NOT NULL,
	"normalized" text[] NOT NULL,
	"compact" text[] NOT NULL,
	"description" text NOT NULL,
	CONSTRAINT "search_document_pkey" PRIMARY KEY("entity_id","type")
);
--> statement-breakpoint

-- Custom SQL (searchgraph): src/db/sql/20-search.sql and 40-graph.sql changed.
-- The expression indexes of the search are replaced by those of search_document.
DROP INDEX IF EXISTS "organization_search_names_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "organization_search_description_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "model_search_names_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "model_search_description_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "technique_search_names_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "technique_search_description_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "dataset_search_names_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "dataset_search_description_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "source_search_names_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "source_search_description_idx";
--> statement-breakpoint

-- The search document of one entity, written or replaced: what `search_document` holds (src/db/schema.ts).
CREATE OR REPLACE FUNCTION search_document_put(
  entity_type text, entity_id integer, name text, slug text, aliases text[], description text
) RETURNS void
LANGUAGE sql VOLATILE
BEGIN ATOMIC
  INSERT INTO search_document AS d (type, entity_id, names, normalized, compact, description)
  SELECT entity_type, entity_id, search_names(name, slug, aliases),
         ARRAY(SELECT search_normalize(t) FROM unnest(f.texts) WITH ORDINALITY AS u(t, i) ORDER BY i),
         ARRAY(SELECT search_compact(t) FROM unnest(f.texts) WITH ORDINALITY AS u(t, i) ORDER BY i),
         search_normalize(description)
  FROM (SELECT ARRAY[name] || aliases || ARRAY[slug] AS texts) f
  ON CONFLICT (type, entity_id) DO UPDATE
  SET names = excluded.names, normalized = excluded.normalized, compact = excluded.compact,
      description = excluded.description;
END;
--> statement-breakpoint

-- Keeps `search_document` in step with an entity table: after an insert, an update of a searched column or a
-- delete, per row. Arguments: the table's searchable type, then its name and description columns (a source has a
-- title and notes, and no aliases). The row is read as JSON so that one function serves every table.
CREATE OR REPLACE FUNCTION search_document_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entity jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_document WHERE type = TG_ARGV[0] AND entity_id = OLD.id;
    RETURN NULL;
  END IF;
  entity := to_jsonb(NEW);
  PERFORM search_document_put(
    TG_ARGV[0], NEW.id, entity ->> TG_ARGV[1], entity ->> 'slug',
    ARRAY(SELECT jsonb_array_elements_text(coalesce(entity -> 'aliases', '[]'))), entity ->> TG_ARGV[2]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER organization_search_document AFTER INSERT OR UPDATE OF name, slug, aliases, description OR DELETE
  ON organization FOR EACH ROW EXECUTE FUNCTION search_document_sync('ORGANIZATION', 'name', 'description');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_search_document AFTER INSERT OR UPDATE OF name, slug, aliases, description OR DELETE
  ON model FOR EACH ROW EXECUTE FUNCTION search_document_sync('MODEL', 'name', 'description');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER technique_search_document AFTER INSERT OR UPDATE OF name, slug, aliases, description OR DELETE
  ON technique FOR EACH ROW EXECUTE FUNCTION search_document_sync('TECHNIQUE', 'name', 'description');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER dataset_search_document AFTER INSERT OR UPDATE OF name, slug, aliases, description OR DELETE
  ON dataset FOR EACH ROW EXECUTE FUNCTION search_document_sync('DATASET', 'name', 'description');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER source_search_document AFTER INSERT OR UPDATE OF title, slug, notes OR DELETE
  ON source FOR EACH ROW EXECUTE FUNCTION search_document_sync('SOURCE', 'title', 'notes');
--> statement-breakpoint
-- A table emptied at once (TRUNCATE fires no row trigger) leaves no document behind.
CREATE OR REPLACE FUNCTION search_document_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE type = TG_ARGV[0];
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER organization_search_document_truncate AFTER TRUNCATE ON organization
  FOR EACH STATEMENT EXECUTE FUNCTION search_document_truncate('ORGANIZATION');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_search_document_truncate AFTER TRUNCATE ON model
  FOR EACH STATEMENT EXECUTE FUNCTION search_document_truncate('MODEL');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER technique_search_document_truncate AFTER TRUNCATE ON technique
  FOR EACH STATEMENT EXECUTE FUNCTION search_document_truncate('TECHNIQUE');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER dataset_search_document_truncate AFTER TRUNCATE ON dataset
  FOR EACH STATEMENT EXECUTE FUNCTION search_document_truncate('DATASET');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER source_search_document_truncate AFTER TRUNCATE ON source
  FOR EACH STATEMENT EXECUTE FUNCTION search_document_truncate('SOURCE');
--> statement-breakpoint
--> statement-breakpoint

-- The documents of the existing entities (before the indexes: one build each instead of one insert per row).
SELECT search_document_put('ORGANIZATION', id, name, slug, aliases, description) FROM organization;
--> statement-breakpoint
SELECT search_document_put('MODEL', id, name, slug, aliases, description) FROM model;
--> statement-breakpoint
SELECT search_document_put('TECHNIQUE', id, name, slug, aliases, description) FROM technique;
--> statement-breakpoint
SELECT search_document_put('DATASET', id, name, slug, aliases, description) FROM dataset;
--> statement-breakpoint
SELECT search_document_put('SOURCE', id, title, slug, '{}', notes) FROM source;
--> statement-breakpoint
ANALYZE search_document;
--> statement-breakpoint

-- The trigram indexes: per searchable type, one on its names document and one on its description.
CREATE INDEX IF NOT EXISTS "search_document_organization_names_idx" ON "search_document"
  USING gin ("names" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'ORGANIZATION';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_organization_description_idx" ON "search_document"
  USING gin ("description" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'ORGANIZATION';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_model_names_idx" ON "search_document"
  USING gin ("names" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'MODEL';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_model_description_idx" ON "search_document"
  USING gin ("description" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'MODEL';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_technique_names_idx" ON "search_document"
  USING gin ("names" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'TECHNIQUE';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_technique_description_idx" ON "search_document"
  USING gin ("description" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'TECHNIQUE';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_dataset_names_idx" ON "search_document"
  USING gin ("names" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'DATASET';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_dataset_description_idx" ON "search_document"
  USING gin ("description" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'DATASET';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_source_names_idx" ON "search_document"
  USING gin ("names" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'SOURCE';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_source_description_idx" ON "search_document"
  USING gin ("description" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'SOURCE';
--> statement-breakpoint

-- The BEATS edges between models of a set (both ends in it), as graph_beats computes them: the set's preferred
-- results paired among themselves, by winner then loser, the first `max_edges` of them (NULL: all). A
-- neighborhood of a few hundred models evaluated at the same benchmarks has tens of thousands of such edges, and
-- returns at most GRAPH_LIMITS.maxEdges, so the work stops early: the set's results are read once and grouped by
-- comparability key (`keyed`); the winners' results are then walked in model order, each paired with the models of
-- its key, and the incremental sort (by loser within a winner) lets the limit stop after the first winners. Pairing
-- each winner's results with the whole set in turn instead cost a scan of the set's results per winner.
CREATE OR REPLACE FUNCTION graph_beats_among(model_ids integer[], max_edges integer)
RETURNS TABLE (winner_id integer, loser_id integer, benchmarks integer)
LANGUAGE sql STABLE SET jit = off
AS $$
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
  LIMIT max_edges
$$;
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
  WHERE 'BEATS' = ANY (edge_types)
$$;
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
