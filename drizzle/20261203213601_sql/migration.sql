-- The SQL objects: src/db/sql/*.sql and the registry's audit triggers, concatenated by `npm run db:sql`.
-- Read (and change) them there. Every statement is idempotent, so this may run over an older version.

-- src/db/sql/10-extensions.sql
-- Extensions that drizzle's schema cannot declare. Both ship with PostgreSQL's contrib package and with PGlite
-- (which must load them first: src/db/client.ts).
-- (This folder holds the current definition of every SQL function, view, trigger and index on a function call;
-- src/db/sql/files.ts says how the files are run and how to change them.)

-- pg_trgm: similarity and trigram indexes for typo-tolerant search (20-search.sql).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint

-- unaccent: accent-insensitive matching (search_unaccent, 20-search.sql).
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint

-- src/db/sql/20-search.sql
-- Search: ranked, accent- and case-insensitive, typo-tolerant search over names, aliases, slugs and descriptions
-- (`Query.search`, src/analytics/search.ts). Each searchable table gets two GIN trigram indexes, one on its names
-- document and one on its description, so that the candidate filter (`<%`, word similarity above
-- pg_trgm.word_similarity_threshold, 0.6 by default) is an index scan.
-- The indexes are built without GIN's fast-update pending list: entries inserted in bulk (a seed load) would
-- otherwise wait in an unindexed list that every search scans, and recomputes the expressions of, until a
-- VACUUM merges it, which PGlite never runs on its own. Writes are rare here; searches are not.

-- The functions have SQL-standard bodies (RETURN ...): PostgreSQL resolves what they call when they are created,
-- so they do not depend on the search_path at run time. That matters since PostgreSQL 17, which runs CREATE
-- INDEX, REINDEX and ANALYZE with a search_path of pg_catalog only (PGlite embeds PostgreSQL 18).

-- unaccent() is only STABLE (it looks its dictionary up at run time), so no index expression may use it. This
-- wrapper names the dictionary explicitly and is declared IMMUTABLE: the usual way to index unaccented text.
-- The extension's schema is read from the catalog rather than assumed to be "public".
DO $$
DECLARE
  extension_schema text;
BEGIN
  SELECT n.nspname INTO STRICT extension_schema
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
  WHERE e.extname = 'unaccent';
  EXECUTE format(
    'CREATE OR REPLACE FUNCTION search_unaccent(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT '
    'RETURN %I.unaccent(%L::regdictionary, value)',
    extension_schema, quote_ident(extension_schema) || '.unaccent');
END
$$;
--> statement-breakpoint

-- Lower case without accents, with letters and digits that touch split apart: "Tülu 3 405B" -> "tulu 3 405 b",
-- "Tulu3" -> "tulu 3", "GPT-4o" -> "gpt-4 o", so that a query matches whether or not it separates them.
-- pg_trgm splits words on anything that is not a letter or a digit, so punctuation needs no treatment here.
-- COLLATE "C" makes [a-z] and [0-9] mean ASCII on every database (PGlite's default collation is C, a server's
-- may be C.UTF-8 or a language locale); accented Latin letters are plain ASCII by then.
CREATE OR REPLACE FUNCTION search_normalize(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN regexp_replace(regexp_replace(lower(search_unaccent(value)) COLLATE "C",
         '([a-z])([0-9])', '\1 \2', 'g'), '([0-9])([a-z])', '\1 \2', 'g');
--> statement-breakpoint

-- The same with ASCII spaces and punctuation removed: "Llama-3.1-Tulu-3-405B" -> "llama31tulu3405b", so that
-- words typed together ("tinyswallow", "deepseekv3") match. COLLATE "C" as above: letters of other scripts stay.
CREATE OR REPLACE FUNCTION search_compact(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN regexp_replace(search_normalize(value) COLLATE "C", '[[:space:][:punct:]]+', '', 'g');
--> statement-breakpoint

-- The names document of an entity: name, aliases and slug, normalized, then each of them compacted.
-- array_to_string() is only STABLE in general (it calls the element type's output function); on text[] it is
-- deterministic, which makes this function IMMUTABLE.
CREATE OR REPLACE FUNCTION search_names(name text, slug text, aliases text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN search_normalize(concat_ws(' ', name, array_to_string(aliases, ' '), slug))
  || ' ' || concat_ws(' ', search_compact(name),
                      array_to_string(ARRAY(SELECT search_compact(alias) FROM unnest(aliases) AS alias), ' '),
                      search_compact(slug));
--> statement-breakpoint

-- The trigram indexes: per searchable table, one on its names document and one on its description.
CREATE INDEX IF NOT EXISTS "organization_search_names_idx" ON "organization"
  USING gin (search_names("name", "slug", "aliases") gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "organization_search_description_idx" ON "organization"
  USING gin (search_normalize("description") gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "model_search_names_idx" ON "model"
  USING gin (search_names("name", "slug", "aliases") gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "model_search_description_idx" ON "model"
  USING gin (search_normalize("description") gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "technique_search_names_idx" ON "technique"
  USING gin (search_names("name", "slug", "aliases") gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "technique_search_description_idx" ON "technique"
  USING gin (search_normalize("description") gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "dataset_search_names_idx" ON "dataset"
  USING gin (search_names("name", "slug", "aliases") gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "dataset_search_description_idx" ON "dataset"
  USING gin (search_normalize("description") gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
-- Sources have a title instead of a name and no aliases; their notes play the part of a description.
CREATE INDEX IF NOT EXISTS "source_search_names_idx" ON "source"
  USING gin (search_names("title", "slug", '{}'::text[]) gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "source_search_description_idx" ON "source"
  USING gin (search_normalize("notes") gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint

-- src/db/sql/30-comparison.sql
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
--> statement-breakpoint

-- src/db/sql/40-graph.sql
-- Graph: the knowledge graph as typed edges, for graph exploration (`Query.neighborhood`, `Query.path`;
-- src/analytics/graph.ts). One row per edge:
--   from_type/from_id -[edge]-> to_type/to_id, with a `detail` whose meaning depends on the edge type.
-- Node types: ORGANIZATION, MODEL, TECHNIQUE, DATASET (ids are the tables' ids). Every (from, edge, to) appears
-- once, except DERIVED_FROM, which has one row per lineage kind between the same two models.
--
--   ORGANIZATION -DEVELOPED->      MODEL      model_developer                   detail: NULL
--   MODEL        -DERIVED_FROM->   MODEL      model_lineage (child -> base)     detail: lineage kind
--   MODEL        -USES_TECHNIQUE-> TECHNIQUE  model_technique                   detail: training stage (NULL if none)
--   TECHNIQUE    -SPECIALIZES->    TECHNIQUE  technique.parent_technique_id     detail: NULL
--   MODEL        -EVALUATED_ON->   DATASET    benchmark_result                  detail: number of results
--   ORGANIZATION -CREATED->        DATASET    dataset_creator                   detail: NULL
--   MODEL        -TRAINED_ON->     DATASET    model_technique_dataset           detail: technique slugs, comma-separated
--   MODEL        -BEATS->          MODEL      model_beats (winner -> loser)     detail: number of benchmarks won
--   DATASET      -SUBSET_OF->      DATASET    dataset.parent_dataset_id         detail: NULL
--   ORGANIZATION -EVALUATED->      MODEL      benchmark_result.evaluator_*      detail: number of results
--
-- Filters on from_type/from_id (or to_type/to_id) are pushed down into each branch, so that a lookup of one
-- node's edges reads the indexes of the underlying tables instead of the whole view.
CREATE OR REPLACE VIEW "graph_edge" AS
SELECT 'ORGANIZATION'::text AS from_type, d.organization_id AS from_id, 'DEVELOPED'::text AS edge,
       'MODEL'::text AS to_type, d.model_id AS to_id, NULL::text AS detail
FROM model_developer d
UNION ALL
SELECT 'MODEL', l.model_id, 'DERIVED_FROM', 'MODEL', l.base_model_id, l.kind::text
FROM model_lineage l
UNION ALL
SELECT 'MODEL', mt.model_id, 'USES_TECHNIQUE', 'TECHNIQUE', mt.technique_id, mt.stage::text
FROM model_technique mt
UNION ALL
SELECT 'TECHNIQUE', t.id, 'SPECIALIZES', 'TECHNIQUE', t.parent_technique_id, NULL
FROM technique t
WHERE t.parent_technique_id IS NOT NULL
UNION ALL
SELECT 'MODEL', r.model_id, 'EVALUATED_ON', 'DATASET', r.dataset_id, count(*)::text
FROM benchmark_result r
GROUP BY r.model_id, r.dataset_id
UNION ALL
SELECT 'ORGANIZATION', dc.organization_id, 'CREATED', 'DATASET', dc.dataset_id, NULL
FROM dataset_creator dc
UNION ALL
SELECT 'MODEL', mt.model_id, 'TRAINED_ON', 'DATASET', mtd.dataset_id, string_agg(t.slug, ',' ORDER BY t.slug)
FROM model_technique mt
JOIN model_technique_dataset mtd ON mtd.model_technique_id = mt.id
JOIN technique t ON t.id = mt.technique_id
GROUP BY mt.model_id, mtd.dataset_id
UNION ALL
SELECT 'MODEL', b.winner_id, 'BEATS', 'MODEL', b.loser_id, count(DISTINCT b.dataset_id)::text
FROM model_beats b
GROUP BY b.winner_id, b.loser_id
UNION ALL
SELECT 'DATASET', ds.id, 'SUBSET_OF', 'DATASET', ds.parent_dataset_id, NULL
FROM dataset ds
WHERE ds.parent_dataset_id IS NOT NULL
UNION ALL
SELECT 'ORGANIZATION', r.evaluator_organization_id, 'EVALUATED', 'MODEL', r.model_id, count(*)::text
FROM benchmark_result r
WHERE r.evaluator_organization_id IS NOT NULL
GROUP BY r.evaluator_organization_id, r.model_id;
--> statement-breakpoint

-- A node as one bigint, so that traversals can keep frontiers and visited sets in plain arrays: the type's code
-- (ORGANIZATION 1, MODEL 2, TECHNIQUE 3, DATASET 4) in the high 32 bits, the row id in the low 32 bits.
CREATE OR REPLACE FUNCTION graph_node_key(node_type text, node_id integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  SELECT (CASE node_type WHEN 'ORGANIZATION' THEN 1 WHEN 'MODEL' THEN 2 WHEN 'TECHNIQUE' THEN 3 WHEN 'DATASET' THEN 4
          END::bigint << 32) | node_id::bigint
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION graph_node_type(node_key bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT (ARRAY['ORGANIZATION', 'MODEL', 'TECHNIQUE', 'DATASET'])[(node_key >> 32)::integer] $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION graph_node_id(node_key bigint) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT (node_key & 4294967295)::integer $$;
--> statement-breakpoint

-- The BEATS edges of some models, as `model_beats` defines them (preferred results at one comparability key, the
-- winner better by the metric's direction, ties are no wins; `benchmarks` = distinct datasets won), computed
-- only at the comparability keys those models were evaluated at: the view computes every model's preferred
-- results first, which a traversal cannot afford once per node, while preferred_results(..., keys) reads only
-- those keys through the index. test/graph.test.ts checks that both give the same edges.
-- PL/pgSQL with EXECUTE ... USING, so that the keys reach the planner as values: preferred_results is then
-- inlined and its `keys IS NULL OR ...` test folded away, which lets it use the index (a key array computed
-- inside the same SQL statement would not). JIT is off: these are small index-driven queries, whose compilation
-- would cost more than their execution. Nested loops are off: the planner cannot estimate preferred_results
-- (it guesses a row or two) and would otherwise pair thousands of results by nested loops instead of hashing.
CREATE OR REPLACE FUNCTION graph_beats(model_ids integer[], as_winner boolean, as_loser boolean)
RETURNS TABLE (winner_id integer, loser_id integer, benchmarks integer)
LANGUAGE plpgsql STABLE SET jit = off SET enable_nestloop = off
AS $fn$
DECLARE
  keys text[];
BEGIN
  SELECT array_agg(DISTINCT r.comparability_key) INTO keys
  FROM benchmark_result r WHERE r.model_id = ANY (model_ids);
  IF keys IS NULL OR NOT (as_winner OR as_loser) THEN
    RETURN;
  END IF;
  RETURN QUERY EXECUTE $q$
    WITH preferred AS MATERIALIZED (
      SELECT p.comparability_key, p.model_id, p.dataset_id, p.metric_id, p.value
      FROM preferred_results(NULL, NULL, $1::text[]) AS p
    ),
    -- The given models' own preferred results, joined to everybody else's at the same key. Materialized so that
    -- the planner, which cannot estimate preferred_results, starts from these few rows.
    mine AS MATERIALIZED (
      SELECT p.* FROM preferred p WHERE p.model_id = ANY ($2::integer[])
    ),
    pairs AS (
      SELECT w.model_id AS winner_id, l.model_id AS loser_id, w.dataset_id, w.metric_id,
             w.value AS winner_value, l.value AS loser_value
      FROM mine w JOIN preferred l ON l.comparability_key = w.comparability_key AND l.model_id <> w.model_id
      WHERE $3
      UNION ALL
      SELECT w.model_id, l.model_id, w.dataset_id, w.metric_id, w.value, l.value
      FROM mine l JOIN preferred w ON w.comparability_key = l.comparability_key AND w.model_id <> l.model_id
      -- A pair of two given models was already found from the winner's side.
      WHERE $4 AND NOT ($3 AND w.model_id = ANY ($2::integer[]))
    )
    SELECT pairs.winner_id, pairs.loser_id, count(DISTINCT pairs.dataset_id)::integer
    FROM pairs
    JOIN metric m ON m.id = pairs.metric_id
    WHERE CASE WHEN m.higher_is_better THEN pairs.winner_value > pairs.loser_value
               ELSE pairs.winner_value < pairs.loser_value END
    GROUP BY pairs.winner_id, pairs.loser_id
  $q$ USING keys, model_ids, as_winner, as_loser;
END
$fn$;
--> statement-breakpoint

-- The edges at some nodes: for each node of `node_keys`, its edges of the given types, `outgoing` ones (the node
-- is the edge's origin) and/or `incoming` ones. `forward` says whether the edge points from `node` to
-- `neighbor`. Each node reads `graph_edge` through a LATERAL subquery: OFFSET 0 keeps the planner from flattening
-- it, so the node's type and id are pushed into every branch of the view (index scans, and a constant-false
-- filter for the branches of other node types). BEATS edges come from graph_beats, once for all the nodes.
-- JIT is off for the reason given above.
CREATE OR REPLACE FUNCTION graph_neighbors(node_keys bigint[], edge_types text[], outgoing boolean, incoming boolean)
RETURNS TABLE (node bigint, neighbor bigint, edge text, forward boolean, detail text)
LANGUAGE sql STABLE SET jit = off
AS $$
  WITH nodes AS (
    SELECT DISTINCT k AS node FROM unnest(node_keys) AS u(k)
  ),
  beats AS (
    SELECT * FROM graph_beats(
      ARRAY(SELECT graph_node_id(node) FROM nodes WHERE graph_node_type(node) = 'MODEL'), outgoing, incoming)
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

-- The BEATS edges between models of a set (both ends in it), as graph_beats computes them, but only at the
-- comparability keys where two of the models have results: far fewer keys to rank than all of theirs.
CREATE OR REPLACE FUNCTION graph_beats_among(model_ids integer[])
RETURNS TABLE (winner_id integer, loser_id integer, benchmarks integer)
LANGUAGE plpgsql STABLE SET jit = off SET enable_nestloop = off
AS $fn$
DECLARE
  keys text[];
BEGIN
  SELECT array_agg(shared.comparability_key) INTO keys
  FROM (
    SELECT r.comparability_key FROM benchmark_result r WHERE r.model_id = ANY (model_ids)
    GROUP BY r.comparability_key HAVING count(DISTINCT r.model_id) > 1
  ) shared;
  IF keys IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY EXECUTE $q$
    WITH mine AS MATERIALIZED (
      SELECT p.comparability_key, p.model_id, p.dataset_id, p.metric_id, p.value
      FROM preferred_results(NULL, NULL, $1::text[]) AS p
      WHERE p.model_id = ANY ($2::integer[])
    )
    SELECT w.model_id, l.model_id, count(DISTINCT w.dataset_id)::integer
    FROM mine w
    JOIN mine l ON l.comparability_key = w.comparability_key AND l.model_id <> w.model_id
    JOIN metric m ON m.id = w.metric_id
    WHERE CASE WHEN m.higher_is_better THEN w.value > l.value ELSE w.value < l.value END
    GROUP BY w.model_id, l.model_id
  $q$ USING keys, model_ids;
END
$fn$;
--> statement-breakpoint

-- The edges of the given types between nodes of a set (a neighborhood's nodes), each once, from its origin.
CREATE OR REPLACE FUNCTION graph_edges_among(node_keys bigint[], edge_types text[])
RETURNS TABLE (from_key bigint, to_key bigint, edge text, detail text)
LANGUAGE sql STABLE SET jit = off
AS $$
  WITH nodes AS (
    SELECT DISTINCT k AS node FROM unnest(node_keys) AS u(k)
  )
  SELECT g.node, g.neighbor, g.edge, g.detail
  FROM graph_neighbors(node_keys, array_remove(edge_types, 'BEATS'), true, false) g
  WHERE g.neighbor IN (SELECT node FROM nodes)
  UNION ALL
  SELECT graph_node_key('MODEL', b.winner_id), graph_node_key('MODEL', b.loser_id), 'BEATS', b.benchmarks::text
  FROM graph_beats_among(ARRAY(SELECT graph_node_id(node) FROM nodes WHERE graph_node_type(node) = 'MODEL')) b
  WHERE 'BEATS' = ANY (edge_types)
$$;
--> statement-breakpoint

-- src/db/sql/50-guards.sql
-- Guards: filters name entities by slug, and an unknown slug must be an error, not a silently empty answer.
-- Filters AND `(select require_known_slugs(...))` into their condition: an uncorrelated subquery, so it runs
-- once per statement, in the same statement as the query itself.
-- It raises SQLSTATE MGNF1 with "<table>|<argument>|<slug>", which the API turns into a NOT_FOUND error.
CREATE OR REPLACE FUNCTION require_known_slugs(entity regclass, wanted text[], argument text) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
DECLARE
  missing text;
BEGIN
  EXECUTE format('SELECT w FROM unnest($1) AS w WHERE NOT EXISTS (SELECT 1 FROM %s t WHERE t.slug = w) LIMIT 1', entity)
    INTO missing USING wanted;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MGNF1', MESSAGE = format('%s|%s|%s', entity, argument, missing);
  END IF;
  RETURN true;
END
$$;
--> statement-breakpoint

-- src/db/sql/60-audit.sql
-- Audit trail: every insert, update and delete of a graph row writes a `change` row, in the same transaction,
-- whoever writes (GraphQL mutations, importers, the seed, plain SQL); `Query.changes` and `<Entity>.history`
-- read it. Writers name themselves with transaction-local settings: set_config('modelgraph.actor', ..., true)
-- and 'modelgraph.operation' (absent: 'system' and 'sql').
-- Inserts are audited once per statement, from the statement's transition table: a bulk import inserting
-- hundreds of thousands of rows costs one set-based INSERT instead of a PL/pgSQL call per row. Updates and
-- deletes are audited per row (they need the row's before and after, and are few).
-- API keys are not audited: the trail is readable by anyone and an api_key row holds the key's hash; the key's
-- own columns say when it was created and revoked (`npm run keys -- list`).

-- Per row, after an update or a delete (it handles inserts too, but those are audited per statement). The
-- trigger's arguments name the entity the row belongs to and the column holding that entity's id. An update
-- that changes nothing is not recorded.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
BEGIN
  IF TG_OP = 'UPDATE' AND old_row = new_row THEN
    RETURN NULL;
  END IF;
  INSERT INTO change (transaction_id, actor, operation, table_name, entity_type, entity_id, action, before, after)
  VALUES (
    txid_current(),
    coalesce(nullif(current_setting('modelgraph.actor', true), ''), 'system'),
    coalesce(nullif(current_setting('modelgraph.operation', true), ''), 'sql'),
    TG_TABLE_NAME,
    TG_ARGV[0],
    (coalesce(new_row, old_row) ->> TG_ARGV[1])::integer,
    lower(TG_OP)::change_action,
    old_row,
    new_row
  );
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- Per INSERT statement, from its transition table `inserted`; the same arguments as audit_row.
CREATE OR REPLACE FUNCTION audit_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change (transaction_id, actor, operation, table_name, entity_type, entity_id, action, before, after)
  SELECT
    txid_current(),
    coalesce(nullif(current_setting('modelgraph.actor', true), ''), 'system'),
    coalesce(nullif(current_setting('modelgraph.operation', true), ''), 'sql'),
    TG_TABLE_NAME,
    TG_ARGV[0],
    (row_data ->> TG_ARGV[1])::integer,
    'insert',
    NULL,
    row_data
  FROM (SELECT to_jsonb(inserted) AS row_data FROM inserted) AS rows;
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- The datasets of a training stage (model_technique_dataset) belong to the stage's model: they are audited
-- under the model (the stage row has the model's id), so that Model.history shows them. A row deleted along
-- with its stage (cascade) can no longer find the model and is recorded without an entity id.
-- Per row, after an update or a delete.
CREATE OR REPLACE FUNCTION audit_stage_dataset_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
BEGIN
  IF TG_OP = 'UPDATE' AND old_row = new_row THEN
    RETURN NULL;
  END IF;
  INSERT INTO change (transaction_id, actor, operation, table_name, entity_type, entity_id, action, before, after)
  VALUES (
    txid_current(),
    coalesce(nullif(current_setting('modelgraph.actor', true), ''), 'system'),
    coalesce(nullif(current_setting('modelgraph.operation', true), ''), 'sql'),
    TG_TABLE_NAME,
    'model',
    (SELECT model_id FROM model_technique WHERE id = (coalesce(new_row, old_row) ->> 'model_technique_id')::integer),
    lower(TG_OP)::change_action,
    old_row,
    new_row
  );
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- Per INSERT statement, from its transition table `inserted`.
CREATE OR REPLACE FUNCTION audit_stage_datasets_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change (transaction_id, actor, operation, table_name, entity_type, entity_id, action, before, after)
  SELECT
    txid_current(),
    coalesce(nullif(current_setting('modelgraph.actor', true), ''), 'system'),
    coalesce(nullif(current_setting('modelgraph.operation', true), ''), 'sql'),
    TG_TABLE_NAME,
    'model',
    stage.model_id,
    'insert',
    NULL,
    to_jsonb(inserted)
  FROM inserted LEFT JOIN model_technique stage ON stage.id = inserted.model_technique_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- The triggers: per audited table, `<table>_audit` (updates and deletes, per row) and `<table>_audit_inserts`
-- (inserts, per statement), with the entity type and the column of its id. Rows of join tables are audited
-- under the entity they describe. The triggers of each entity table and of its `<entity>_source` table are not
-- listed here: src/db/sql/files.ts writes them after this file for every kind of src/db/entities.ts with
-- `audited: true`, so that a new entity is audited without a line here.
CREATE OR REPLACE TRIGGER model_developer_audit AFTER UPDATE OR DELETE ON model_developer FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_developer_audit_inserts AFTER INSERT ON model_developer REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_external_id_audit AFTER UPDATE OR DELETE ON model_external_id FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_external_id_audit_inserts AFTER INSERT ON model_external_id REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_lineage_audit AFTER UPDATE OR DELETE ON model_lineage FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_lineage_audit_inserts AFTER INSERT ON model_lineage REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_technique_audit AFTER UPDATE OR DELETE ON model_technique FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_technique_audit_inserts AFTER INSERT ON model_technique REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_technique_dataset_audit AFTER UPDATE OR DELETE ON model_technique_dataset FOR EACH ROW EXECUTE FUNCTION audit_stage_dataset_row();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_technique_dataset_audit_inserts AFTER INSERT ON model_technique_dataset REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_datasets_inserted();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER dataset_creator_audit AFTER UPDATE OR DELETE ON dataset_creator FOR EACH ROW EXECUTE FUNCTION audit_row('dataset', 'dataset_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER dataset_creator_audit_inserts AFTER INSERT ON dataset_creator REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('dataset', 'dataset_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claim_object_audit AFTER UPDATE OR DELETE ON claim_object FOR EACH ROW EXECUTE FUNCTION audit_row('claim', 'claim_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claim_object_audit_inserts AFTER INSERT ON claim_object REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('claim', 'claim_id');
--> statement-breakpoint

-- src/db/entities.ts (audit triggers)
-- The audit triggers of the entity tables and their source links, one pair per table: written by
-- src/db/sql/files.ts from the kinds of src/db/entities.ts with `audited: true`.
CREATE OR REPLACE TRIGGER source_audit AFTER UPDATE OR DELETE ON source FOR EACH ROW EXECUTE FUNCTION audit_row('source', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER source_audit_inserts AFTER INSERT ON source REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('source', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER license_audit AFTER UPDATE OR DELETE ON license FOR EACH ROW EXECUTE FUNCTION audit_row('license', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER license_audit_inserts AFTER INSERT ON license REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('license', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER organization_audit AFTER UPDATE OR DELETE ON organization FOR EACH ROW EXECUTE FUNCTION audit_row('organization', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER organization_audit_inserts AFTER INSERT ON organization REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('organization', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER organization_source_audit AFTER UPDATE OR DELETE ON organization_source FOR EACH ROW EXECUTE FUNCTION audit_row('organization', 'entity_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER organization_source_audit_inserts AFTER INSERT ON organization_source REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('organization', 'entity_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_audit AFTER UPDATE OR DELETE ON model FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_audit_inserts AFTER INSERT ON model REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_source_audit AFTER UPDATE OR DELETE ON model_source FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'entity_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_source_audit_inserts AFTER INSERT ON model_source REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'entity_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER technique_audit AFTER UPDATE OR DELETE ON technique FOR EACH ROW EXECUTE FUNCTION audit_row('technique', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER technique_audit_inserts AFTER INSERT ON technique REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('technique', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER technique_source_audit AFTER UPDATE OR DELETE ON technique_source FOR EACH ROW EXECUTE FUNCTION audit_row('technique', 'entity_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER technique_source_audit_inserts AFTER INSERT ON technique_source REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('technique', 'entity_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER metric_audit AFTER UPDATE OR DELETE ON metric FOR EACH ROW EXECUTE FUNCTION audit_row('metric', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER metric_audit_inserts AFTER INSERT ON metric REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('metric', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER language_audit AFTER UPDATE OR DELETE ON language FOR EACH ROW EXECUTE FUNCTION audit_row('language', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER language_audit_inserts AFTER INSERT ON language REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('language', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER dataset_audit AFTER UPDATE OR DELETE ON dataset FOR EACH ROW EXECUTE FUNCTION audit_row('dataset', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER dataset_audit_inserts AFTER INSERT ON dataset REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('dataset', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER dataset_source_audit AFTER UPDATE OR DELETE ON dataset_source FOR EACH ROW EXECUTE FUNCTION audit_row('dataset', 'entity_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER dataset_source_audit_inserts AFTER INSERT ON dataset_source REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('dataset', 'entity_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER benchmark_result_audit AFTER UPDATE OR DELETE ON benchmark_result FOR EACH ROW EXECUTE FUNCTION audit_row('benchmark_result', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER benchmark_result_audit_inserts AFTER INSERT ON benchmark_result REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('benchmark_result', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claim_audit AFTER UPDATE OR DELETE ON claim FOR EACH ROW EXECUTE FUNCTION audit_row('claim', 'id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claim_audit_inserts AFTER INSERT ON claim REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('claim', 'id');
