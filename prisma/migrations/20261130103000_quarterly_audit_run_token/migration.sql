-- A run requested with an API token acts as that token (its role), not as the admin who made it.
ALTER TABLE "quarterly_audit_runs" ADD COLUMN "requested_via_token_id" TEXT;
ALTER TABLE "quarterly_audit_runs" ADD CONSTRAINT "quarterly_audit_runs_requested_via_token_id_fkey" FOREIGN KEY ("requested_via_token_id") REFERENCES "api_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;
