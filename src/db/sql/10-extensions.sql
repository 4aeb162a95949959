-- Extensions that drizzle's schema cannot declare. Both ship with PostgreSQL's contrib package and with PGlite
-- (which must load them first: src/db/client.ts).
-- (This folder holds the current definition of every SQL function, view, trigger and index on a function call;
-- src/db/sql/files.ts says how the files are run and how to change them.)

-- pg_trgm: similarity and trigram indexes for typo-tolerant search (20-search.sql).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint

-- unaccent: accent-insensitive matching (search_unaccent, 20-search.sql).
CREATE EXTENSION IF NOT EXISTS unaccent;
