-- Change feed: when a transaction that wrote `change` rows commits, every session LISTENing on
-- `modelgraph_change` (each server process: src/live/change-feed.ts) is told the transaction's id, and reads
-- that transaction's `change` rows to learn what changed. Whoever writes (mutations, the CLI importer in its
-- own process, the seed, plain SQL) is heard by every process on the database.
-- Once per statement that inserts into `change` (the audit triggers), with the transaction id as payload:
-- PostgreSQL delivers a transaction's identical notifications once, and only if it commits.
CREATE OR REPLACE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('modelgraph_change', txid_current()::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER change_notify AFTER INSERT ON change FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
