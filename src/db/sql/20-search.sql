-- Search: ranked, accent- and case-insensitive, typo-tolerant search over names, aliases, slugs and descriptions
-- (`Query.search`, src/analytics/search.ts). Each searchable entity has a row in `search_document`, kept by the
-- triggers below: its lexemes (the words of its names and each name compacted, a tsvector), its normalized
-- description, and its names normalized and compacted, which the ranking compares. `search_word` lists every
-- lexeme once, as a word or as a compact name, under a trigram index each. A search finds the words and compact
-- names that resemble its own (`<%`, word similarity above pg_trgm.word_similarity_threshold, 0.6 by default) in
-- `search_word`, then the documents holding them through a GIN index on `lexemes` per type; descriptions keep a
-- GIN trigram index per type, whose candidate filter reads the stored text.
-- (Indexes on the expressions themselves recomputed them for every row they returned: about 0.1 ms a row.)
-- The indexes are built without GIN's fast-update pending list: entries inserted in bulk (a seed load) would
-- otherwise wait in an unindexed list that every search scans until a VACUUM merges it, which PGlite never runs
-- on its own. Writes are rare here; searches are not.

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

-- The indexes: per searchable type, one on its lexemes and a trigram one on its description; on `search_word`, a
-- trigram index on its words and one on its compact names.
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
