-- The number of each component's versions, kept by triggers on model_versions, so the metric
-- history (lib/queries/metric-history.ts) answers its total without counting the component's
-- versions on every read: at 100,000 versions that count was an index scan of 25,000 entries,
-- the one part of the read that grew with the registry (decision record 023).
CREATE TABLE "component_version_counts" (
    "component_id" TEXT NOT NULL,
    "versions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "component_version_counts_pkey" PRIMARY KEY ("component_id")
);

ALTER TABLE "component_version_counts" ADD CONSTRAINT "component_version_counts_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One statement's inserted or deleted versions, counted per component (transition tables: one
-- upsert per statement, not per row; bulk import inserts a batch in one statement). Rows are
-- locked in component order, so two statements touching the same components cannot deadlock on
-- them. SECURITY DEFINER: the app role needs no privilege on the table (it only reads it).
CREATE FUNCTION mgr_component_version_counts_add() RETURNS trigger AS $$
BEGIN
  INSERT INTO component_version_counts AS k (component_id, versions)
  SELECT component_id, count(*)::int FROM mgr_new_versions GROUP BY component_id ORDER BY component_id
  ON CONFLICT (component_id) DO UPDATE SET versions = k.versions + EXCLUDED.versions;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public;

CREATE FUNCTION mgr_component_version_counts_remove() RETURNS trigger AS $$
BEGIN
  UPDATE component_version_counts AS k SET versions = k.versions - o.n
  FROM (SELECT component_id, count(*)::int AS n FROM mgr_old_versions GROUP BY component_id ORDER BY component_id) o
  WHERE k.component_id = o.component_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public;

-- A version moved to another component (nothing in the app does it; kept true all the same).
CREATE FUNCTION mgr_component_version_counts_move() RETURNS trigger AS $$
BEGIN
  UPDATE component_version_counts SET versions = versions - 1 WHERE component_id = OLD.component_id;
  INSERT INTO component_version_counts AS k (component_id, versions) VALUES (NEW.component_id, 1)
  ON CONFLICT (component_id) DO UPDATE SET versions = k.versions + 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public;

CREATE FUNCTION mgr_component_version_counts_clear() RETURNS trigger AS $$
BEGIN
  DELETE FROM component_version_counts;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public;

CREATE TRIGGER "model_versions_count_insert" AFTER INSERT ON "model_versions"
  REFERENCING NEW TABLE AS mgr_new_versions FOR EACH STATEMENT EXECUTE FUNCTION mgr_component_version_counts_add();
CREATE TRIGGER "model_versions_count_delete" AFTER DELETE ON "model_versions"
  REFERENCING OLD TABLE AS mgr_old_versions FOR EACH STATEMENT EXECUTE FUNCTION mgr_component_version_counts_remove();
CREATE TRIGGER "model_versions_count_move" AFTER UPDATE OF "component_id" ON "model_versions"
  FOR EACH ROW WHEN (OLD."component_id" IS DISTINCT FROM NEW."component_id") EXECUTE FUNCTION mgr_component_version_counts_move();
CREATE TRIGGER "model_versions_count_truncate" AFTER TRUNCATE ON "model_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION mgr_component_version_counts_clear();

INSERT INTO "component_version_counts" ("component_id", "versions")
SELECT "component_id", count(*)::int FROM "model_versions" GROUP BY "component_id";
