-- Two times on every audit event (business time and append time), a hash version so events
-- hashed before this migration still verify, a MAC against forged appends, and signed
-- checkpoints of the chain's head. See docs/decisions/003-audit-chain.md.

ALTER TABLE "audit_events" RENAME COLUMN "at" TO "recorded_at";
ALTER INDEX "audit_events_at_idx" RENAME TO "audit_events_recorded_at_idx";
ALTER TABLE "audit_events" ADD COLUMN "occurred_at" TIMESTAMPTZ(3);
ALTER TABLE "audit_events" ADD COLUMN "hash_version" SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE "audit_events" ADD COLUMN "mac" CHAR(64);

-- Existing rows: they happened when they were recorded. The table refuses UPDATE, so the owner
-- lifts its own trigger for this one statement (migrations run as the owner role).
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_no_update_delete";
UPDATE "audit_events" SET "occurred_at" = "recorded_at";
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_no_update_delete";
ALTER TABLE "audit_events" ALTER COLUMN "occurred_at" SET NOT NULL;
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at");

CREATE TABLE "audit_checkpoints" (
    "id" SERIAL NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" CHAR(64) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "key_id" CHAR(64) NOT NULL,
    "public_key" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_checkpoints_seq_nonnegative" CHECK ("seq" >= 0)
);
CREATE INDEX "audit_checkpoints_seq_idx" ON "audit_checkpoints"("seq");
CREATE INDEX "audit_checkpoints_at_idx" ON "audit_checkpoints"("at");

-- Checkpoints are append-only too.
CREATE OR REPLACE FUNCTION audit_checkpoints_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_checkpoints is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_checkpoints_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_refuse_change();

CREATE TRIGGER "audit_checkpoints_no_truncate"
  BEFORE TRUNCATE ON "audit_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_refuse_change();
