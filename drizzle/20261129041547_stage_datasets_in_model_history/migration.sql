-- The datasets of a training stage belong to the stage's model: audit them under the model (the stage row
-- has the model's id), so that Model.history shows them. A row deleted along with its stage (cascade) can no
-- longer find the model and is recorded without an entity id.
CREATE FUNCTION audit_stage_datasets_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE FUNCTION audit_stage_dataset_row() RETURNS trigger LANGUAGE plpgsql AS $$
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
DROP TRIGGER model_technique_dataset_audit ON model_technique_dataset;
--> statement-breakpoint
DROP TRIGGER model_technique_dataset_audit_inserts ON model_technique_dataset;
--> statement-breakpoint
CREATE TRIGGER model_technique_dataset_audit AFTER UPDATE OR DELETE ON model_technique_dataset FOR EACH ROW EXECUTE FUNCTION audit_stage_dataset_row();
--> statement-breakpoint
CREATE TRIGGER model_technique_dataset_audit_inserts AFTER INSERT ON model_technique_dataset REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_datasets_inserted();
--> statement-breakpoint
UPDATE change SET entity_type = 'model', entity_id = (SELECT model_id FROM model_technique WHERE id = entity_id)
WHERE table_name = 'model_technique_dataset';
