-- A stamp per component that changes whenever anything its metric history draws may have changed:
-- a version added, removed, moved to another component or given another release date, semantic
-- version or model id; a metric value of one of its versions added, changed or removed. The
-- metric history (lib/queries/metric-history.ts) keeps the series it last drew per component,
-- metric, scenario and budget in memory and draws it again only when the stamp differs, read in
-- the same statement as the rest (decision record 025). A fresh random value each time (not a
-- counter): a database dropped and made again never repeats a stamp a running server has seen.
-- Kept by the same SECURITY DEFINER triggers as the count: the app role only reads the table.
ALTER TABLE "component_version_counts" ADD COLUMN "history_stamp" UUID NOT NULL DEFAULT gen_random_uuid();

CREATE OR REPLACE FUNCTION mgr_component_version_counts_add() RETURNS trigger AS $$
BEGIN
  INSERT INTO component_version_counts AS k (component_id, versions)
  SELECT component_id, count(*)::int FROM mgr_new_versions GROUP BY component_id ORDER BY component_id
  ON CONFLICT (component_id) DO UPDATE SET versions = k.versions + EXCLUDED.versions, history_stamp = gen_random_uuid();
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public;

CREATE OR REPLACE FUNCTION mgr_component_version_counts_remove() RETURNS trigger AS $$
BEGIN
  UPDATE component_version_counts AS k SET versions = k.versions - o.n, history_stamp = gen_random_uuid()
  FROM (SELECT component_id, count(*)::int AS n FROM mgr_old_versions GROUP BY component_id ORDER BY component_id) o
  WHERE k.component_id = o.component_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public;

CREATE OR REPLACE FUNCTION mgr_component_version_counts_move() RETURNS trigger AS $$
BEGIN
  UPDATE component_version_counts SET versions = versions - 1, history_stamp = gen_random_uuid() WHERE component_id = OLD.component_id;
  INSERT INTO component_version_counts AS k (component_id, versions) VALUES (NEW.component_id, 1)
  ON CONFLICT (component_id) DO UPDATE SET versions = k.versions + 1, history_stamp = gen_random_uuid();
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public;

-- A version's place or label in the series changed (nothing in the app does it today; kept true).
CREATE FUNCTION mgr_component_history_touch_version() RETURNS trigger AS $$
BEGIN
  UPDATE component_version_counts SET history_stamp = gen_random_uuid() WHERE component_id = NEW.component_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public;

CREATE TRIGGER "model_versions_history_touch" AFTER UPDATE OF "release_date", "major", "minor", "patch", "model_id", "version" ON "model_versions"
  FOR EACH ROW WHEN (OLD."release_date" IS DISTINCT FROM NEW."release_date" OR OLD."major" IS DISTINCT FROM NEW."major"
    OR OLD."minor" IS DISTINCT FROM NEW."minor" OR OLD."patch" IS DISTINCT FROM NEW."patch"
    OR OLD."model_id" IS DISTINCT FROM NEW."model_id" OR OLD."version" IS DISTINCT FROM NEW."version")
  EXECUTE FUNCTION mgr_component_history_touch_version();

-- One statement's metric rows (inserted, updated or deleted): the components of their versions,
-- once per statement (a bulk import writes a batch's metrics in one statement). The version ids
-- go in as an array so the primary key is probed, whatever the planner guesses of the
-- transition table's size.
CREATE FUNCTION mgr_component_history_touch_metrics() RETURNS trigger AS $$
BEGIN
  UPDATE component_version_counts SET history_stamp = gen_random_uuid()
  WHERE component_id = ANY (ARRAY(
    SELECT DISTINCT v.component_id FROM model_versions v
    WHERE v.id = ANY (ARRAY(SELECT DISTINCT version_id FROM mgr_metric_rows))));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public;

CREATE FUNCTION mgr_component_history_touch_all() RETURNS trigger AS $$
BEGIN
  UPDATE component_version_counts SET history_stamp = gen_random_uuid();
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public;

CREATE TRIGGER "metrics_history_touch_insert" AFTER INSERT ON "metrics"
  REFERENCING NEW TABLE AS mgr_metric_rows FOR EACH STATEMENT EXECUTE FUNCTION mgr_component_history_touch_metrics();
CREATE TRIGGER "metrics_history_touch_update" AFTER UPDATE ON "metrics"
  REFERENCING NEW TABLE AS mgr_metric_rows FOR EACH STATEMENT EXECUTE FUNCTION mgr_component_history_touch_metrics();
CREATE TRIGGER "metrics_history_touch_delete" AFTER DELETE ON "metrics"
  REFERENCING OLD TABLE AS mgr_metric_rows FOR EACH STATEMENT EXECUTE FUNCTION mgr_component_history_touch_metrics();
CREATE TRIGGER "metrics_history_touch_truncate" AFTER TRUNCATE ON "metrics"
  FOR EACH STATEMENT EXECUTE FUNCTION mgr_component_history_touch_all();
