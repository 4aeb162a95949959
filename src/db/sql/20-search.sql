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
