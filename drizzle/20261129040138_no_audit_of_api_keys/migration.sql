-- The audit trail is readable by anyone (Query.changes), and an api_key row holds the key's hash: keys are
-- not audited. Their own columns say when each was created and revoked; `npm run keys -- list` shows them.
DROP TRIGGER api_key_audit ON api_key;
--> statement-breakpoint
DROP TRIGGER api_key_audit_inserts ON api_key;
--> statement-breakpoint
DELETE FROM change WHERE table_name = 'api_key';
