-- Audit trail: every insert, update and delete of a graph row writes a `change` row, in the same transaction,
-- whoever writes (GraphQL mutations, importers, the seed, plain SQL); `Query.changes` and `<Entity>.history`
-- read it. Writers name themselves with transaction-local settings: set_config('modelgraph.actor', ..., true)
-- and 'modelgraph.operation' (absent: 'system' and 'sql').
-- Inserts are audited once per statement, from the statement's transition table: a bulk import inserting
-- hundreds of thousands of rows costs one set-based INSERT instead of a PL/pgSQL call per row. Updates and
-- deletes are audited per row (they need the row's before and after, and are few).
-- API keys are not audited: the trail is readable by anyone and an api_key row holds the key's hash; the key's
-- own columns say when it was created and revoked (`npm run keys -- list`).

-- Per row, after an update or a delete (it handles inserts too, but those are audited per statement). The
-- trigger's arguments name the entity the row belongs to and the column holding that entity's id. An update
-- that changes nothing is not recorded.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
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

-- Per INSERT statement, from its transition table `inserted`; the same arguments as audit_row.
CREATE OR REPLACE FUNCTION audit_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
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

-- The datasets of a training stage (model_technique_dataset) belong to the stage's model: they are audited
-- under the model (the stage row has the model's id), so that Model.history shows them. A row deleted along
-- with its stage (cascade) can no longer find the model and is recorded without an entity id.
-- Per row, after an update or a delete.
CREATE OR REPLACE FUNCTION audit_stage_dataset_row() RETURNS trigger LANGUAGE plpgsql AS $$
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
    'model',
    (SELECT model_id FROM model_technique WHERE id = (coalesce(new_row, old_row) ->> 'model_technique_id')::integer),
    lower(TG_OP)::change_action,
    old_row,
    new_row
  );
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- Per INSERT statement, from its transition table `inserted`.
CREATE OR REPLACE FUNCTION audit_stage_datasets_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change (transaction_id, actor, operation, table_name, entity_type, entity_id, action, before, after)
  SELECT
    txid_current(),
    coalesce(nullif(current_setting('modelgraph.actor', true), ''), 'system'),
    coalesce(nullif(current_setting('modelgraph.operation', true), ''), 'sql'),
    TG_TABLE_NAME,
    'model',
    stage.model_id,
    'insert',
    NULL,
    to_jsonb(inserted)
  FROM inserted LEFT JOIN model_technique stage ON stage.id = inserted.model_technique_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- The triggers: per audited table, `<table>_audit` (updates and deletes, per row) and `<table>_audit_inserts`
-- (inserts, per statement), with the entity type and the column of its id. Rows of join tables are audited
-- under the entity they describe. The triggers of each entity table and of its `<entity>_source` table are not
-- listed here: src/db/sql/files.ts writes them after this file for every kind of src/db/entities.ts with
-- `audited: true`, so that a new entity is audited without a line here.
CREATE OR REPLACE TRIGGER model_developer_audit AFTER UPDATE OR DELETE ON model_developer FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_developer_audit_inserts AFTER INSERT ON model_developer REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_external_id_audit AFTER UPDATE OR DELETE ON model_external_id FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_external_id_audit_inserts AFTER INSERT ON model_external_id REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_lineage_audit AFTER UPDATE OR DELETE ON model_lineage FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_lineage_audit_inserts AFTER INSERT ON model_lineage REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_technique_audit AFTER UPDATE OR DELETE ON model_technique FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_technique_audit_inserts AFTER INSERT ON model_technique REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_technique_dataset_audit AFTER UPDATE OR DELETE ON model_technique_dataset FOR EACH ROW EXECUTE FUNCTION audit_stage_dataset_row();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_technique_dataset_audit_inserts AFTER INSERT ON model_technique_dataset REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_datasets_inserted();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_language_audit AFTER UPDATE OR DELETE ON model_language FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_language_audit_inserts AFTER INSERT ON model_language REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_task_audit AFTER UPDATE OR DELETE ON model_task FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_task_audit_inserts AFTER INSERT ON model_task REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER dataset_creator_audit AFTER UPDATE OR DELETE ON dataset_creator FOR EACH ROW EXECUTE FUNCTION audit_row('dataset', 'dataset_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER dataset_creator_audit_inserts AFTER INSERT ON dataset_creator REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('dataset', 'dataset_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claim_object_audit AFTER UPDATE OR DELETE ON claim_object FOR EACH ROW EXECUTE FUNCTION audit_row('claim', 'claim_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claim_object_audit_inserts AFTER INSERT ON claim_object REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('claim', 'claim_id');
