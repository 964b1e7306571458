-- The versions list sorted by semantic version across components (ORDER BY major, minor, patch,
-- component_id, id) reads this index in order instead of sorting every version; descending order
-- scans it backwards and finishes the tie-break with an incremental sort.
CREATE INDEX IF NOT EXISTS "model_versions_semver_global" ON "model_versions" ("major", "minor", "patch", "component_id", "id");
