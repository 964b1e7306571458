-- The metric history of a component (lib/queries/metric-history.ts) probes the component's versions
-- in release order: one index probe per span of the release period instead of a scan of every
-- version (flat from 100 to 100k versions; scripts/bench.mts).
CREATE INDEX "model_versions_component_id_release_date_major_minor_patch_idx" ON "model_versions"("component_id", "release_date", "major", "minor", "patch");
