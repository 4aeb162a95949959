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
