-- Bulk imports insert hundreds of thousands of rows: auditing inserts once per statement, from the
-- statement's transition table, is one set-based INSERT instead of a PL/pgSQL call per row. Updates and
-- deletes stay audited per row (they need the row's before and after, and are few).
CREATE FUNCTION audit_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change (transaction_id, actor, operation, table_name, entity_type, entity_id, action, before, after)
  SELECT
    txid_current(),
    coalesce(nullif(current_setting('modelgraph.actor', true), ''), 'system'),
    coalesce(nullif(current_setting('modelgraph.operation', true), ''), 'sql'),
    TG_TABLE_NAME,
    TG_ARGV[0],
    (row_data ->> TG_ARGV[1])::integer,
    'insert',
    NULL,
    row_data
  FROM (SELECT to_jsonb(inserted) AS row_data FROM inserted) AS rows;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER source_audit ON source;
--> statement-breakpoint
CREATE TRIGGER source_audit AFTER UPDATE OR DELETE ON source FOR EACH ROW EXECUTE FUNCTION audit_row('source', 'id');
--> statement-breakpoint
CREATE TRIGGER source_audit_inserts AFTER INSERT ON source REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('source', 'id');
--> statement-breakpoint
DROP TRIGGER license_audit ON license;
--> statement-breakpoint
CREATE TRIGGER license_audit AFTER UPDATE OR DELETE ON license FOR EACH ROW EXECUTE FUNCTION audit_row('license', 'id');
--> statement-breakpoint
CREATE TRIGGER license_audit_inserts AFTER INSERT ON license REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('license', 'id');
--> statement-breakpoint
DROP TRIGGER organization_audit ON organization;
--> statement-breakpoint
CREATE TRIGGER organization_audit AFTER UPDATE OR DELETE ON organization FOR EACH ROW EXECUTE FUNCTION audit_row('organization', 'id');
--> statement-breakpoint
CREATE TRIGGER organization_audit_inserts AFTER INSERT ON organization REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('organization', 'id');
--> statement-breakpoint
DROP TRIGGER organization_source_audit ON organization_source;
--> statement-breakpoint
CREATE TRIGGER organization_source_audit AFTER UPDATE OR DELETE ON organization_source FOR EACH ROW EXECUTE FUNCTION audit_row('organization', 'entity_id');
--> statement-breakpoint
CREATE TRIGGER organization_source_audit_inserts AFTER INSERT ON organization_source REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('organization', 'entity_id');
--> statement-breakpoint
DROP TRIGGER model_audit ON model;
--> statement-breakpoint
CREATE TRIGGER model_audit AFTER UPDATE OR DELETE ON model FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'id');
--> statement-breakpoint
CREATE TRIGGER model_audit_inserts AFTER INSERT ON model REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'id');
--> statement-breakpoint
DROP TRIGGER model_source_audit ON model_source;
--> statement-breakpoint
CREATE TRIGGER model_source_audit AFTER UPDATE OR DELETE ON model_source FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'entity_id');
--> statement-breakpoint
CREATE TRIGGER model_source_audit_inserts AFTER INSERT ON model_source REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'entity_id');
--> statement-breakpoint
DROP TRIGGER model_developer_audit ON model_developer;
--> statement-breakpoint
CREATE TRIGGER model_developer_audit AFTER UPDATE OR DELETE ON model_developer FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE TRIGGER model_developer_audit_inserts AFTER INSERT ON model_developer REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
DROP TRIGGER model_external_id_audit ON model_external_id;
--> statement-breakpoint
CREATE TRIGGER model_external_id_audit AFTER UPDATE OR DELETE ON model_external_id FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE TRIGGER model_external_id_audit_inserts AFTER INSERT ON model_external_id REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
DROP TRIGGER model_lineage_audit ON model_lineage;
--> statement-breakpoint
CREATE TRIGGER model_lineage_audit AFTER UPDATE OR DELETE ON model_lineage FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE TRIGGER model_lineage_audit_inserts AFTER INSERT ON model_lineage REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
DROP TRIGGER model_technique_audit ON model_technique;
--> statement-breakpoint
CREATE TRIGGER model_technique_audit AFTER UPDATE OR DELETE ON model_technique FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE TRIGGER model_technique_audit_inserts AFTER INSERT ON model_technique REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
DROP TRIGGER model_technique_dataset_audit ON model_technique_dataset;
--> statement-breakpoint
CREATE TRIGGER model_technique_dataset_audit AFTER UPDATE OR DELETE ON model_technique_dataset FOR EACH ROW EXECUTE FUNCTION audit_row('model_technique', 'model_technique_id');
--> statement-breakpoint
CREATE TRIGGER model_technique_dataset_audit_inserts AFTER INSERT ON model_technique_dataset REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model_technique', 'model_technique_id');
--> statement-breakpoint
DROP TRIGGER technique_audit ON technique;
--> statement-breakpoint
CREATE TRIGGER technique_audit AFTER UPDATE OR DELETE ON technique FOR EACH ROW EXECUTE FUNCTION audit_row('technique', 'id');
--> statement-breakpoint
CREATE TRIGGER technique_audit_inserts AFTER INSERT ON technique REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('technique', 'id');
--> statement-breakpoint
DROP TRIGGER technique_source_audit ON technique_source;
--> statement-breakpoint
CREATE TRIGGER technique_source_audit AFTER UPDATE OR DELETE ON technique_source FOR EACH ROW EXECUTE FUNCTION audit_row('technique', 'entity_id');
--> statement-breakpoint
CREATE TRIGGER technique_source_audit_inserts AFTER INSERT ON technique_source REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('technique', 'entity_id');
--> statement-breakpoint
DROP TRIGGER metric_audit ON metric;
--> statement-breakpoint
CREATE TRIGGER metric_audit AFTER UPDATE OR DELETE ON metric FOR EACH ROW EXECUTE FUNCTION audit_row('metric', 'id');
--> statement-breakpoint
CREATE TRIGGER metric_audit_inserts AFTER INSERT ON metric REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('metric', 'id');
--> statement-breakpoint
DROP TRIGGER dataset_audit ON dataset;
--> statement-breakpoint
CREATE TRIGGER dataset_audit AFTER UPDATE OR DELETE ON dataset FOR EACH ROW EXECUTE FUNCTION audit_row('dataset', 'id');
--> statement-breakpoint
CREATE TRIGGER dataset_audit_inserts AFTER INSERT ON dataset REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('dataset', 'id');
--> statement-breakpoint
DROP TRIGGER dataset_source_audit ON dataset_source;
--> statement-breakpoint
CREATE TRIGGER dataset_source_audit AFTER UPDATE OR DELETE ON dataset_source FOR EACH ROW EXECUTE FUNCTION audit_row('dataset', 'entity_id');
--> statement-breakpoint
CREATE TRIGGER dataset_source_audit_inserts AFTER INSERT ON dataset_source REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('dataset', 'entity_id');
--> statement-breakpoint
DROP TRIGGER dataset_creator_audit ON dataset_creator;
--> statement-breakpoint
CREATE TRIGGER dataset_creator_audit AFTER UPDATE OR DELETE ON dataset_creator FOR EACH ROW EXECUTE FUNCTION audit_row('dataset', 'dataset_id');
--> statement-breakpoint
CREATE TRIGGER dataset_creator_audit_inserts AFTER INSERT ON dataset_creator REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('dataset', 'dataset_id');
--> statement-breakpoint
DROP TRIGGER benchmark_result_audit ON benchmark_result;
--> statement-breakpoint
CREATE TRIGGER benchmark_result_audit AFTER UPDATE OR DELETE ON benchmark_result FOR EACH ROW EXECUTE FUNCTION audit_row('benchmark_result', 'id');
--> statement-breakpoint
CREATE TRIGGER benchmark_result_audit_inserts AFTER INSERT ON benchmark_result REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('benchmark_result', 'id');
--> statement-breakpoint
DROP TRIGGER claim_audit ON claim;
--> statement-breakpoint
CREATE TRIGGER claim_audit AFTER UPDATE OR DELETE ON claim FOR EACH ROW EXECUTE FUNCTION audit_row('claim', 'id');
--> statement-breakpoint
CREATE TRIGGER claim_audit_inserts AFTER INSERT ON claim REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('claim', 'id');
--> statement-breakpoint
DROP TRIGGER claim_object_audit ON claim_object;
--> statement-breakpoint
CREATE TRIGGER claim_object_audit AFTER UPDATE OR DELETE ON claim_object FOR EACH ROW EXECUTE FUNCTION audit_row('claim', 'claim_id');
--> statement-breakpoint
CREATE TRIGGER claim_object_audit_inserts AFTER INSERT ON claim_object REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('claim', 'claim_id');
--> statement-breakpoint
DROP TRIGGER api_key_audit ON api_key;
--> statement-breakpoint
CREATE TRIGGER api_key_audit AFTER UPDATE OR DELETE ON api_key FOR EACH ROW EXECUTE FUNCTION audit_row('api_key', 'id');
--> statement-breakpoint
CREATE TRIGGER api_key_audit_inserts AFTER INSERT ON api_key REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('api_key', 'id');
