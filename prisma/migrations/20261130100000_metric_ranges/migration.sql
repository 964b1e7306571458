-- Finding 9: each metric definition has a valid range; values outside it are refused (400).
ALTER TABLE "metric_definitions" ADD COLUMN "min_value" DOUBLE PRECISION, ADD COLUMN "max_value" DOUBLE PRECISION;
ALTER TABLE "metric_definitions" ADD CONSTRAINT "metric_definitions_range_ordered"
  CHECK ("min_value" IS NULL OR "max_value" IS NULL OR "min_value" <= "max_value");

-- Defaults from what the metrics are: FVD is a distance (≥ 0; published video models range from
-- tens to a few thousand); the Inception Score is exp(E[KL]) ≥ 1 and at most the number of
-- classes of the scoring network (1000 for ImageNet); temporal coherence is a 0–1 score; generation
-- time is seconds per frame (the seed's 2.3 s; an hour per frame is surely an error).
UPDATE "metric_definitions" SET "min_value" = 0, "max_value" = 100000 WHERE "key" = 'fvd';
UPDATE "metric_definitions" SET "min_value" = 1, "max_value" = 1000 WHERE "key" = 'is';
UPDATE "metric_definitions" SET "min_value" = 0, "max_value" = 1 WHERE "key" = 'temporal_coherence';
UPDATE "metric_definitions" SET "min_value" = 0, "max_value" = 3600 WHERE "key" = 'generation_time';
