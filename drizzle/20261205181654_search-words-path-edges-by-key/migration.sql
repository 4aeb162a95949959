-- The search's candidate filter by words (src/db/sql/20-search.sql has the current definitions): search_document
-- holds its lexemes instead of a names document, search_word lists the lexemes. The search_document indexes are
-- dropped first and built again after the update of every row, which would otherwise update them row by row.
CREATE TABLE "search_word" (
	"word" text NOT NULL,
	"compact" boolean NOT NULL,
	CONSTRAINT "search_word_pkey" PRIMARY KEY("word","compact")
);
--> statement-breakpoint
DROP INDEX IF EXISTS "search_document_organization_names_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "search_document_organization_description_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "search_document_model_names_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "search_document_model_description_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "search_document_technique_names_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "search_document_technique_description_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "search_document_dataset_names_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "search_document_dataset_description_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "search_document_source_names_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "search_document_source_description_idx";
--> statement-breakpoint
ALTER TABLE "search_document" ADD COLUMN "lexemes" tsvector;
--> statement-breakpoint
-- The words of a normalized text that the candidate filter uses: split on spaces and punctuation, with a lone
-- letter put back against the digits next to it ("405 b" -> "405b", "gpt-4 o" -> "gpt-4o", "deepseek-v 3" ->
-- "deepseek-v3"), and without the one-letter words left. Otherwise every model document would hold the word "b",
-- and a query's "b" would match them all while telling nothing. Each word once, in the order of the text.
-- COLLATE "C" as above.
CREATE OR REPLACE FUNCTION search_words(normalized text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN ARRAY(
  SELECT w
  FROM regexp_split_to_table(
         regexp_replace(regexp_replace(normalized COLLATE "C", '([0-9]) ([a-z])(?![a-z0-9])', '\1\2', 'g'),
                        '(?<![a-z0-9])([a-z]) ([0-9])', '\1\2', 'g'),
         '[[:space:][:punct:]]+') WITH ORDINALITY AS u(w, i)
  WHERE w <> '' AND w !~ '^[a-z]$' AND octet_length(w) < 2048
  GROUP BY w ORDER BY min(i));
--> statement-breakpoint
-- The lexemes of a search document: the words of its normalized names and each compact name, as a tsvector
-- without positions. A lexeme is a string of lower-case letters and digits, so the two kinds share one set.
CREATE OR REPLACE FUNCTION search_lexemes(normalized text[], compact text[]) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN array_to_tsvector(ARRAY(
  SELECT w FROM unnest(normalized) AS n, unnest(search_words(n)) AS w
  UNION
  SELECT c FROM unnest(compact) AS c WHERE c <> '' AND octet_length(c) < 2048));
--> statement-breakpoint
DROP FUNCTION search_document_put(text, integer, text, text, text[], text);
--> statement-breakpoint
DROP FUNCTION IF EXISTS search_names(text, text, text[]);
--> statement-breakpoint
UPDATE "search_document" SET "lexemes" = search_lexemes("normalized", "compact");
--> statement-breakpoint
ALTER TABLE "search_document" ALTER COLUMN "lexemes" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "search_document" DROP COLUMN "names";
--> statement-breakpoint
-- The search document of one entity, written or replaced: what `search_document` holds (src/db/schema.ts).
CREATE OR REPLACE FUNCTION search_document_put(
  entity_type text, entity_id integer, name text, slug text, aliases text[], description text
) RETURNS void
LANGUAGE sql VOLATILE
BEGIN ATOMIC
  INSERT INTO search_document AS d (type, entity_id, lexemes, normalized, compact, description)
  SELECT entity_type, entity_id, search_lexemes(f.normalized, f.compact), f.normalized, f.compact,
         search_normalize(description)
  FROM (SELECT ARRAY(SELECT search_normalize(t) FROM unnest(x.texts) WITH ORDINALITY AS u(t, i) ORDER BY i)
                 AS normalized,
               ARRAY(SELECT search_compact(t) FROM unnest(x.texts) WITH ORDINALITY AS u(t, i) ORDER BY i) AS compact
        FROM (SELECT ARRAY[name] || aliases || ARRAY[slug] AS texts) x) f
  ON CONFLICT (type, entity_id) DO UPDATE
  SET lexemes = excluded.lexemes, normalized = excluded.normalized, compact = excluded.compact,
      description = excluded.description;
  INSERT INTO search_word (word, compact)
  SELECT DISTINCT l.word, l.compact
  FROM search_document d,
       LATERAL (SELECT w, false FROM unnest(d.normalized) AS n, unnest(search_words(n)) AS w
                UNION ALL
                SELECT c, true FROM unnest(d.compact) AS c WHERE c <> '' AND octet_length(c) < 2048) AS l(word, compact)
  WHERE d.type = search_document_put.entity_type AND d.entity_id = search_document_put.entity_id
  ORDER BY l.word, l.compact
  ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
INSERT INTO search_word (word, compact)
SELECT DISTINCT l.word, l.compact
FROM search_document d,
     LATERAL (SELECT w, false FROM unnest(d.normalized) AS n, unnest(search_words(n)) AS w
              UNION ALL
              SELECT c, true FROM unnest(d.compact) AS c WHERE c <> '' AND octet_length(c) < 2048) AS l(word, compact)
ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_organization_lexemes_idx" ON "search_document"
  USING gin ("lexemes") WITH (fastupdate = off) WHERE "type" = 'ORGANIZATION';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_organization_description_idx" ON "search_document"
  USING gin ("description" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'ORGANIZATION';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_model_lexemes_idx" ON "search_document"
  USING gin ("lexemes") WITH (fastupdate = off) WHERE "type" = 'MODEL';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_model_description_idx" ON "search_document"
  USING gin ("description" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'MODEL';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_technique_lexemes_idx" ON "search_document"
  USING gin ("lexemes") WITH (fastupdate = off) WHERE "type" = 'TECHNIQUE';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_technique_description_idx" ON "search_document"
  USING gin ("description" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'TECHNIQUE';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_dataset_lexemes_idx" ON "search_document"
  USING gin ("lexemes") WITH (fastupdate = off) WHERE "type" = 'DATASET';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_dataset_description_idx" ON "search_document"
  USING gin ("description" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'DATASET';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_source_lexemes_idx" ON "search_document"
  USING gin ("lexemes") WITH (fastupdate = off) WHERE "type" = 'SOURCE';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_document_source_description_idx" ON "search_document"
  USING gin ("description" gin_trgm_ops) WITH (fastupdate = off) WHERE "type" = 'SOURCE';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_word_words_idx" ON "search_word"
  USING gin ("word" gin_trgm_ops) WITH (fastupdate = off) WHERE NOT "compact";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_word_compacts_idx" ON "search_word"
  USING gin ("word" gin_trgm_ops) WITH (fastupdate = off) WHERE "compact";

--> statement-breakpoint
-- A shortest-path step's edges with each reached model's BEATS edges from its smallest node only, found per
-- comparability key (src/db/sql/40-graph.sql has the current definitions).
-- The edges a shortest-path step (src/analytics/graph.ts) picks each reached node's parent from: for the nodes of
-- `node_keys`, their edges of the given types, walkable either way, as graph_neighbors gives them (`forward`: the
-- edge points from `node` to `neighbor`), to the neighbors in `among` (NULL: any) that are not in `visited` (NULL:
-- none); but a neighbor's BEATS edges only with the smallest node that has one with it. The step keeps, for each
-- neighbor, an edge of its smallest node, so the BEATS edges of larger nodes are never chosen; 25 models of one
-- organization have 200,000 BEATS pairs with 2,200 models on the 4x graph, and the step needs 2,200 of them.
-- They are found per comparability key of the nodes' preferred results: at each, the nodes' smallest model and
-- their smallest of another value. A model has one preferred result per key, so a model there whose value differs
-- from the first's has a BEATS edge with it (one way or the other), and any other with the second; its smallest
-- over its keys is its BEATS parent, and the edges of that pair are counted from the two models' results at the
-- keys they share (all among the nodes' keys). test/graph.test.ts checks the parents and edges against
-- graph_neighbors. PL/pgSQL with a generic plan, planned once per session, as graph_first_neighbors
-- (graph_neighbors, an SQL function, is planned at each call: 30 to 60 ms on the 4x graph).
CREATE OR REPLACE FUNCTION graph_path_edges(node_keys bigint[], edge_types text[], among bigint[], visited bigint[])
RETURNS TABLE (node bigint, neighbor bigint, edge text, forward boolean, detail text)
LANGUAGE plpgsql STABLE SET jit = off SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH nodes AS MATERIALIZED (
    SELECT DISTINCT k AS node FROM unnest(node_keys) AS u(k)
  ),
  mine AS MATERIALIZED (
    SELECT p.comparability_key, p.model_id, p.dataset_id, p.metric_id, p.value
    FROM result_preference p
    WHERE 'BEATS' = ANY (edge_types)
      AND p.model_id = ANY (ARRAY(SELECT graph_node_id(n.node) FROM nodes n WHERE graph_node_type(n.node) = 'MODEL'))
  ),
  -- At each key, the smallest model and its value, and the smallest model of another value.
  firsts AS MATERIALIZED (
    SELECT x.comparability_key, min(x.model_id) AS first_id, min(x.first_value) AS first_value,
           min(x.model_id) FILTER (WHERE x.value <> x.first_value) AS second_id
    FROM (
      SELECT m.comparability_key, m.model_id, m.value,
             first_value(m.value) OVER (PARTITION BY m.comparability_key ORDER BY m.model_id) AS first_value
      FROM mine m
    ) x
    GROUP BY x.comparability_key
  ),
  -- The models at those keys (all of them, or those of `among`, read from their side), but the visited ones, each
  -- with the node it has a BEATS edge with at that key, if any.
  candidates AS (
    SELECT c.model_id, c.comparability_key, c.value, c.parent
    FROM (
      SELECT l.model_id, l.comparability_key, l.value,
             CASE WHEN l.value <> f.first_value THEN f.first_id ELSE f.second_id END AS parent
      FROM firsts f JOIN result_preference l ON l.comparability_key = f.comparability_key
      WHERE among IS NULL
      UNION ALL
      SELECT l.model_id, l.comparability_key, l.value,
             CASE WHEN l.value <> f.first_value THEN f.first_id ELSE f.second_id END
      FROM result_preference l JOIN firsts f ON f.comparability_key = l.comparability_key
      WHERE among IS NOT NULL
        AND l.model_id = ANY (ARRAY(SELECT graph_node_id(k) FROM unnest(among) AS u(k) WHERE graph_node_type(k) = 'MODEL'))
    ) c
    -- NOT IN a subquery: a hashed subplan, whatever the planner guesses of the arrays' sizes.
    WHERE graph_node_key('MODEL', c.model_id) NOT IN (SELECT v FROM unnest(visited) AS w(v))
  ),
  -- Each candidate's row at each key, with its BEATS parent: its smallest node over its keys.
  chosen AS (
    SELECT c.model_id, c.comparability_key, c.value,
           min(c.parent) FILTER (WHERE c.parent <> c.model_id) OVER (PARTITION BY c.model_id) AS parent
    FROM candidates c
  ),
  -- The edges of each candidate with its parent, one per direction, from their results at the keys they share.
  beats AS (
    SELECT c.parent, c.model_id AS neighbor,
           CASE WHEN m.higher_is_better THEN x.value > c.value ELSE x.value < c.value END AS parent_wins,
           count(DISTINCT x.dataset_id)::integer AS benchmarks
    FROM chosen c
    JOIN mine x ON x.model_id = c.parent AND x.comparability_key = c.comparability_key
    JOIN metric m ON m.id = x.metric_id
    WHERE x.value <> c.value
    GROUP BY 1, 2, 3
  ),
  -- The other edge types, as graph_neighbors reads them.
  others AS (
    SELECT n.node, graph_node_key(e.to_type, e.to_id) AS neighbor, e.edge, true AS forward, e.detail
    FROM nodes n
    CROSS JOIN LATERAL (
      SELECT * FROM graph_edge e
      WHERE e.edge <> 'BEATS' AND e.edge = ANY (edge_types)
        AND e.from_type = graph_node_type(n.node) AND e.from_id = graph_node_id(n.node)
      OFFSET 0
    ) e
    UNION ALL
    SELECT n.node, graph_node_key(e.from_type, e.from_id), e.edge, false, e.detail
    FROM nodes n
    CROSS JOIN LATERAL (
      SELECT * FROM graph_edge e
      WHERE e.edge <> 'BEATS' AND e.edge = ANY (edge_types)
        AND e.to_type = graph_node_type(n.node) AND e.to_id = graph_node_id(n.node)
      OFFSET 0
    ) e
  )
  SELECT o.node, o.neighbor, o.edge, o.forward, o.detail
  FROM others o
  WHERE (among IS NULL OR o.neighbor IN (SELECT a FROM unnest(among) AS u(a)))
    AND o.neighbor NOT IN (SELECT v FROM unnest(visited) AS w(v))
  UNION ALL
  SELECT graph_node_key('MODEL', b.parent), graph_node_key('MODEL', b.neighbor), 'BEATS', b.parent_wins,
         b.benchmarks::text
  FROM beats b;
END
$$;
