-- Finding 1: the unit-test gate read the latest result by the runAt the client claimed, so a run
-- dated 9999-12-31 stayed "latest" for ever. Results now carry the time the registry received
-- them; the gate orders by it. Existing rows: the best estimate we have is their runAt, capped at
-- now() (a future-dated row must not stay "latest").
ALTER TABLE "test_results" ADD COLUMN "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "test_results" SET "recorded_at" = LEAST("run_at", CURRENT_TIMESTAMP);
CREATE INDEX "test_results_version_id_suite_recorded_at_idx" ON "test_results"("version_id", "suite", "recorded_at");
