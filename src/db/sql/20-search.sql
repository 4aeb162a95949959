-- Search: ranked, accent- and case-insensitive, typo-tolerant search over names, aliases, slugs and descriptions
-- (`Query.search`, src/analytics/search.ts). Each searchable entity has a row in `search_document`, kept by the
-- triggers below: its names document and normalized description, each under a GIN trigram index per type, so that
-- the candidate filter (`<%`, word similarity above pg_trgm.word_similarity_threshold, 0.6 by default) is an index
-- scan whose recheck reads stored text, and its names normalized and compacted, which the ranking compares.
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
