-- The audit trail: every insert, update and delete of a graph row writes a `change` row, in the same
-- transaction, whoever writes (GraphQL mutations, importers, the seed, plain SQL). Writers name themselves
-- with transaction-local settings: set_config('modelgraph.actor', ..., true) and 'modelgraph.operation'.
-- The trigger's arguments name the entity a row belongs to and the column holding that entity's id.
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
BEGIN
  IF TG_OP = 'UPDATE' AND old_row = new_row THEN
    RETURN NULL;
  END IF;
  INSERT INTO change (transaction_id, actor, operation, table_name, entity_type, entity_id, action, before, after)
  VALUES (
    txid_current(),
    coalesce(nullif(current_setting('modelgraph.actor', true), ''), 'system'),
    coalesce(nullif(current_setting('modelgraph.operation', true), ''), 'sql'),
    TG_TABLE_NAME,
    TG_ARGV[0],
    (coalesce(new_row, old_row) ->> TG_ARGV[1])::integer,
    lower(TG_OP)::change_action,
    old_row,
    new_row
  );
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER source_audit AFTER INSERT OR UPDATE OR DELETE ON source FOR EACH ROW EXECUTE FUNCTION audit_row('source', 'id');
--> statement-breakpoint
CREATE TRIGGER license_audit AFTER INSERT OR UPDATE OR DELETE ON license FOR EACH ROW EXECUTE FUNCTION audit_row('license', 'id');
--> statement-breakpoint
CREATE TRIGGER organization_audit AFTER INSERT OR UPDATE OR DELETE ON organization FOR EACH ROW EXECUTE FUNCTION audit_row('organization', 'id');
--> statement-breakpoint
CREATE TRIGGER organization_source_audit AFTER INSERT OR UPDATE OR DELETE ON organization_source FOR EACH ROW EXECUTE FUNCTION audit_row('organization', 'entity_id');
--> statement-breakpoint
CREATE TRIGGER model_audit AFTER INSERT OR UPDATE OR DELETE ON model FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'id');
--> statement-breakpoint
CREATE TRIGGER model_source_audit AFTER INSERT OR UPDATE OR DELETE ON model_source FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'entity_id');
--> statement-breakpoint
CREATE TRIGGER model_developer_audit AFTER INSERT OR UPDATE OR DELETE ON model_developer FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE TRIGGER model_external_id_audit AFTER INSERT OR UPDATE OR DELETE ON model_external_id FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE TRIGGER model_lineage_audit AFTER INSERT OR UPDATE OR DELETE ON model_lineage FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE TRIGGER model_technique_audit AFTER INSERT OR UPDATE OR DELETE ON model_technique FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE TRIGGER model_technique_dataset_audit AFTER INSERT OR UPDATE OR DELETE ON model_technique_dataset FOR EACH ROW EXECUTE FUNCTION audit_row('model_technique', 'model_technique_id');
--> statement-breakpoint
CREATE TRIGGER technique_audit AFTER INSERT OR UPDATE OR DELETE ON technique FOR EACH ROW EXECUTE FUNCTION audit_row('technique', 'id');
--> statement-breakpoint
CREATE TRIGGER technique_source_audit AFTER INSERT OR UPDATE OR DELETE ON technique_source FOR EACH ROW EXECUTE FUNCTION audit_row('technique', 'entity_id');
--> statement-breakpoint
CREATE TRIGGER metric_audit AFTER INSERT OR UPDATE OR DELETE ON metric FOR EACH ROW EXECUTE FUNCTION audit_row('metric', 'id');
--> statement-breakpoint
CREATE TRIGGER dataset_audit AFTER INSERT OR UPDATE OR DELETE ON dataset FOR EACH ROW EXECUTE FUNCTION audit_row('dataset', 'id');
--> statement-breakpoint
CREATE TRIGGER dataset_source_audit AFTER INSERT OR UPDATE OR DELETE ON dataset_source FOR EACH ROW EXECUTE FUNCTION audit_row('dataset', 'entity_id');
--> statement-breakpoint
CREATE TRIGGER dataset_creator_audit AFTER INSERT OR UPDATE OR DELETE ON dataset_creator FOR EACH ROW EXECUTE FUNCTION audit_row('dataset', 'dataset_id');
--> statement-breakpoint
CREATE TRIGGER benchmark_result_audit AFTER INSERT OR UPDATE OR DELETE ON benchmark_result FOR EACH ROW EXECUTE FUNCTION audit_row('benchmark_result', 'id');
--> statement-breakpoint
CREATE TRIGGER claim_audit AFTER INSERT OR UPDATE OR DELETE ON claim FOR EACH ROW EXECUTE FUNCTION audit_row('claim', 'id');
--> statement-breakpoint
CREATE TRIGGER claim_object_audit AFTER INSERT OR UPDATE OR DELETE ON claim_object FOR EACH ROW EXECUTE FUNCTION audit_row('claim', 'claim_id');
--> statement-breakpoint
CREATE TRIGGER api_key_audit AFTER INSERT OR UPDATE OR DELETE ON api_key FOR EACH ROW EXECUTE FUNCTION audit_row('api_key', 'id');
