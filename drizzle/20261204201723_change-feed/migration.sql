-- The change feed (src/db/sql/70-change-feed.sql): a NOTIFY per committed transaction that wrote `change` rows.
CREATE OR REPLACE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('modelgraph_change', txid_current()::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER change_notify AFTER INSERT ON change FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
