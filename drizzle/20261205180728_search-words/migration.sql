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
