-- Custom migration (drizzle-kit generate --custom): extensions drizzle's schema cannot declare.
-- pg_trgm: similarity and trigram indexes for typo-tolerant search; unaccent: accent-insensitive matching.
-- Both ship with PostgreSQL's contrib package and with PGlite (loaded in src/db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
