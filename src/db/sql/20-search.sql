-- Search: ranked, accent- and case-insensitive, typo-tolerant search over names, aliases, slugs and descriptions
-- (`Query.search`, src/analytics/search.ts). Each searchable entity has a row in `search_document`, kept by the
-- triggers below: its lexemes (the words of its names and each name compacted, a tsvector), its normalized
-- description, and its names normalized and compacted, which the ranking compares. `search_word` lists every
-- lexeme once, as a word or as a compact name, under trigram indexes (numbers apart), and loses the ones no document
-- holds any more. A search finds the words and compact names that resemble its own (`<%`, word similarity above
-- pg_trgm.word_similarity_threshold, 0.6 by default) in `search_word`, then the documents holding them through a
-- GIN index on `lexemes` per type; descriptions keep a GIN trigram index per type, whose candidate filter reads the
-- stored text.
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
CREATE OR REPLACE FUNCTION search_text_words(normalized text) RETURNS text[]
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

-- The lexicon entries of a search document: the words of its normalized names (compact false) and each compact
-- name (compact true), each once. What `search_word` lists and `search_document.lexemes` holds.
CREATE OR REPLACE FUNCTION search_document_words(normalized text[], compact text[])
RETURNS TABLE (word text, compact boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT w, false FROM unnest(search_document_words.normalized) AS n, unnest(search_text_words(n)) AS w
  UNION
  SELECT c, true FROM unnest(search_document_words.compact) AS c WHERE c <> '' AND octet_length(c) < 2048;
END;
--> statement-breakpoint

-- The lexemes of a search document: the words of its normalized names and each compact name, as a tsvector
-- without positions. A lexeme is a string of lower-case letters and digits, so the two kinds share one set.
CREATE OR REPLACE FUNCTION search_lexemes(normalized text[], compact text[]) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN array_to_tsvector(ARRAY(SELECT DISTINCT l.word FROM search_document_words(normalized, compact) AS l));
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
  -- Each word in order, locked when it is there already (the update does nothing but lock): a transaction releasing
  -- the word (search_word_release) waits for this one to end, and then sees this document.
  INSERT INTO search_word AS x (word, compact)
  SELECT DISTINCT l.word, l.compact
  FROM search_document d, search_document_words(d.normalized, d.compact) AS l
  WHERE d.type = search_document_put.entity_type AND d.entity_id = search_document_put.entity_id
  ORDER BY l.word, l.compact
  ON CONFLICT (word, compact) DO UPDATE SET compact = x.compact WHERE false;
END;
--> statement-breakpoint

-- Whether a search document of the given type holds a lexicon entry: the GIN index of the type's lexemes finds the
-- documents holding the lexeme, then their names tell whether as a word or as a compact name. The index builds the
-- whole bitmap of the lexeme's documents first: about 15 ms for a word of 200,000 documents.
CREATE OR REPLACE FUNCTION search_word_held(entity_type text, word text, compact boolean) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  -- A literal type per branch, so that each can use its type's partial index.
  SELECT CASE search_word_held.entity_type
    WHEN 'ORGANIZATION' THEN EXISTS (
      SELECT FROM search_document d
      WHERE d.type = 'ORGANIZATION' AND d.lexemes @@ quote_literal(search_word_held.word)::tsquery
        AND (search_word_held.word, search_word_held.compact) IN (
          SELECT l.word, l.compact FROM search_document_words(d.normalized, d.compact) AS l))
    WHEN 'MODEL' THEN EXISTS (
      SELECT FROM search_document d
      WHERE d.type = 'MODEL' AND d.lexemes @@ quote_literal(search_word_held.word)::tsquery
        AND (search_word_held.word, search_word_held.compact) IN (
          SELECT l.word, l.compact FROM search_document_words(d.normalized, d.compact) AS l))
    WHEN 'TECHNIQUE' THEN EXISTS (
      SELECT FROM search_document d
      WHERE d.type = 'TECHNIQUE' AND d.lexemes @@ quote_literal(search_word_held.word)::tsquery
        AND (search_word_held.word, search_word_held.compact) IN (
          SELECT l.word, l.compact FROM search_document_words(d.normalized, d.compact) AS l))
    WHEN 'DATASET' THEN EXISTS (
      SELECT FROM search_document d
      WHERE d.type = 'DATASET' AND d.lexemes @@ quote_literal(search_word_held.word)::tsquery
        AND (search_word_held.word, search_word_held.compact) IN (
          SELECT l.word, l.compact FROM search_document_words(d.normalized, d.compact) AS l))
    WHEN 'SOURCE' THEN EXISTS (
      SELECT FROM search_document d
      WHERE d.type = 'SOURCE' AND d.lexemes @@ quote_literal(search_word_held.word)::tsquery
        AND (search_word_held.word, search_word_held.compact) IN (
          SELECT l.word, l.compact FROM search_document_words(d.normalized, d.compact) AS l))
  END;
END;
--> statement-breakpoint

-- Removes from `search_word` the entries that a search document held with its names before (`normalized` and
-- `compact`) and no longer holds with its names now (`now_normalized` and `now_compact`; NULL once deleted), when no
-- other document holds them. Each entry in order is locked first, so that this waits for a transaction that has
-- just written a document holding it (search_document_put locks the entries it finds), then checked with a new
-- snapshot, which sees that document.
CREATE OR REPLACE FUNCTION search_word_release(
  normalized text[], compact text[], now_normalized text[], now_compact text[]
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  entry record;
BEGIN
  FOR entry IN
    SELECT l.word, l.compact FROM search_document_words(normalized, compact) AS l
    EXCEPT
    SELECT l.word, l.compact FROM search_document_words(now_normalized, now_compact) AS l
    ORDER BY 1, 2
  LOOP
    PERFORM FROM search_word x WHERE x.word = entry.word AND x.compact = entry.compact FOR UPDATE;
    -- Type by type, models (the most documents) last: each check may build a bitmap of every document of its type
    -- that holds the lexeme, and the first that holds the entry ends the search.
    IF FOUND AND NOT EXISTS (
      SELECT FROM unnest(ARRAY['ORGANIZATION', 'TECHNIQUE', 'DATASET', 'SOURCE', 'MODEL']) AS t(type)
      WHERE search_word_held(t.type, entry.word, entry.compact)
    ) THEN
      DELETE FROM search_word x WHERE x.word = entry.word AND x.compact = entry.compact;
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint

-- Keeps `search_document` and `search_word` in step with an entity table: after an insert, an update of a searched
-- column or a delete, per row. Arguments: the table's searchable type, then its name and description columns (a
-- source has a title and notes, and no aliases). The row is read as JSON so that one function serves every table.
-- The entries of `search_word` that a rename or a delete leaves to no document are removed.
CREATE OR REPLACE FUNCTION search_document_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entity jsonb;
  before search_document;
  after search_document;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_document d WHERE d.type = TG_ARGV[0] AND d.entity_id = OLD.id RETURNING * INTO before;
    PERFORM search_word_release(before.normalized, before.compact, NULL, NULL);
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT * INTO before FROM search_document d WHERE d.type = TG_ARGV[0] AND d.entity_id = OLD.id;
  END IF;
  entity := to_jsonb(NEW);
  PERFORM search_document_put(
    TG_ARGV[0], NEW.id, entity ->> TG_ARGV[1], entity ->> 'slug',
    ARRAY(SELECT jsonb_array_elements_text(coalesce(entity -> 'aliases', '[]'))), entity ->> TG_ARGV[2]);
  IF TG_OP = 'UPDATE' THEN
    SELECT * INTO after FROM search_document d WHERE d.type = TG_ARGV[0] AND d.entity_id = NEW.id;
    IF before.normalized IS DISTINCT FROM after.normalized THEN
      PERFORM search_word_release(before.normalized, before.compact, after.normalized, after.compact);
    END IF;
  END IF;
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
-- A table emptied at once (TRUNCATE fires no row trigger) leaves no document behind, nor an entry of `search_word`
-- that only its documents held (found at once over every document, without the locks of search_word_release).
CREATE OR REPLACE FUNCTION search_document_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE type = TG_ARGV[0];
  DELETE FROM search_word x
  WHERE NOT EXISTS (SELECT FROM search_document d, search_document_words(d.normalized, d.compact) AS l
                    WHERE l.word = x.word AND l.compact = x.compact);
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
-- trigram index on its words of digits alone (numbers: slugs and numbered names have many), one on its other words
-- and one on its compact names. Only a query word of digits alone looks among the numbers.
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
  USING gin ("word" gin_trgm_ops) WITH (fastupdate = off) WHERE NOT "compact" AND "word" !~ '^[0-9]+$';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_word_numbers_idx" ON "search_word"
  USING gin ("word" gin_trgm_ops) WITH (fastupdate = off) WHERE NOT "compact" AND "word" ~ '^[0-9]+$';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_word_compacts_idx" ON "search_word"
  USING gin ("word" gin_trgm_ops) WITH (fastupdate = off) WHERE "compact";
