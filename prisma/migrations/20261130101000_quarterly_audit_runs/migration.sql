-- Requests to generate a quarterly audit, worked off by the job queue (progress polled by the page
-- and the API). The snapshot a run produces stays immutable (quarterly_audits_guard).
CREATE TYPE "QuarterlyAuditRunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

CREATE TABLE "quarterly_audit_runs" (
    "id" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "requested_by_id" TEXT NOT NULL,
    "status" "QuarterlyAuditRunStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "step" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "audit_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "quarterly_audit_runs_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "quarterly_audit_runs_audit_id_key" ON "quarterly_audit_runs"("audit_id");
CREATE INDEX "quarterly_audit_runs_created_at_idx" ON "quarterly_audit_runs"("created_at");

ALTER TABLE "quarterly_audit_runs" ADD CONSTRAINT "quarterly_audit_runs_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "quarterly_audit_runs" ADD CONSTRAINT "quarterly_audit_runs_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "quarterly_audits"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A finished run never changes again (its snapshot is evidence).
CREATE OR REPLACE FUNCTION quarterly_audit_runs_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'quarterly_audit_runs: DELETE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status IN ('succeeded', 'failed') THEN
    RAISE EXCEPTION 'quarterly_audit_runs: a finished run is immutable' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "quarterly_audit_runs_guard"
  BEFORE UPDATE OR DELETE ON "quarterly_audit_runs"
  FOR EACH ROW EXECUTE FUNCTION quarterly_audit_runs_guard();
