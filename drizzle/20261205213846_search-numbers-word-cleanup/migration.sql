-- Search (src/db/sql/20-search.sql has the current definitions): `search_words` becomes `search_text_words` (the
-- function and the table `search_word` had the same GraphQL inflection, `searchWords`, for PostGraphile); the
-- lexicon loses the entries no document holds any more, now and on every rename and delete; words of digits alone
-- get a trigram index of their own.

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
DROP FUNCTION search_words(text);
--> statement-breakpoint
-- The entries no document holds (their last entity was renamed or deleted).
DELETE FROM search_word x
WHERE NOT EXISTS (SELECT FROM search_document d, search_document_words(d.normalized, d.compact) AS l
                  WHERE l.word = x.word AND l.compact = x.compact);
--> statement-breakpoint
DROP INDEX IF EXISTS "search_word_words_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_word_words_idx" ON "search_word"
  USING gin ("word" gin_trgm_ops) WITH (fastupdate = off) WHERE NOT "compact" AND "word" !~ '^[0-9]+$';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_word_numbers_idx" ON "search_word"
  USING gin ("word" gin_trgm_ops) WITH (fastupdate = off) WHERE NOT "compact" AND "word" ~ '^[0-9]+$';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_word_compacts_idx" ON "search_word"
  USING gin ("word" gin_trgm_ops) WITH (fastupdate = off) WHERE "compact";
