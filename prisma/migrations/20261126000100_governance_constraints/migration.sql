-- Constraints Prisma's schema language cannot express.

-- At most one production version per component (a partial unique index): two concurrent
-- promotions of the same component cannot both commit.
CREATE UNIQUE INDEX "model_versions_one_production_per_component"
  ON "model_versions" ("component_id") WHERE "status" = 'production';

-- Semantic versions are ordered by their numeric parts, never as text.
CREATE INDEX "model_versions_semver_order" ON "model_versions" ("component_id", "major" DESC, "minor" DESC, "patch" DESC);

-- Case-insensitive search over model ids and descriptions.
CREATE INDEX "model_versions_model_id_lower" ON "model_versions" (lower("model_id") text_pattern_ops);

-- Sanity checks the application also enforces, kept here so no other writer can break them.
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_semver_nonneg" CHECK ("major" >= 0 AND "minor" >= 0 AND "patch" >= 0);
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_counts_nonneg" CHECK ("passed" >= 0 AND "failed" >= 0 AND "skipped" >= 0);
ALTER TABLE "traffic_steps" ADD CONSTRAINT "traffic_steps_percent" CHECK ("percent" IN (20, 40, 60, 80, 100));
ALTER TABLE "parameter_sets" ADD CONSTRAINT "parameter_sets_lambda_range" CHECK (
  ("base_noise_lambda" IS NULL OR ("base_noise_lambda" >= 0 AND "base_noise_lambda" <= 1)) AND
  ("residual_noise_lambda" IS NULL OR ("residual_noise_lambda" >= 0 AND "residual_noise_lambda" <= 1))
);
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_seq_positive" CHECK ("seq" > 0);

-- The audit log is append-only: the database itself refuses UPDATE, DELETE and TRUNCATE.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_events_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

-- A generated quarterly audit is an immutable snapshot: its files never change, and the report
-- row may only gain its sign-off once.
CREATE OR REPLACE FUNCTION quarterly_audit_files_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'quarterly_audit_files is immutable: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "quarterly_audit_files_immutable"
  BEFORE UPDATE OR DELETE ON "quarterly_audit_files"
  FOR EACH ROW EXECUTE FUNCTION quarterly_audit_files_refuse_change();

CREATE OR REPLACE FUNCTION quarterly_audits_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'quarterly_audits is immutable: DELETE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.signed_off_at IS NOT NULL
     OR NEW.quarter IS DISTINCT FROM OLD.quarter
     OR NEW.generated_by_id IS DISTINCT FROM OLD.generated_by_id
     OR NEW.generated_at IS DISTINCT FROM OLD.generated_at
     OR NEW.chain_head_seq IS DISTINCT FROM OLD.chain_head_seq
     OR NEW.chain_head_hash IS DISTINCT FROM OLD.chain_head_hash
     OR NEW.summary IS DISTINCT FROM OLD.summary THEN
    RAISE EXCEPTION 'quarterly_audits is immutable: only a single sign-off may be added'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "quarterly_audits_guard"
  BEFORE UPDATE OR DELETE ON "quarterly_audits"
  FOR EACH ROW EXECUTE FUNCTION quarterly_audits_guard();
