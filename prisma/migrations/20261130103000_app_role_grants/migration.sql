-- Least privilege (README, "Database roles"): migrations run as the owner of the schema; the app
-- connects as a role that may read and write the registry's tables but may only INSERT into the
-- audit log and its checkpoints — never UPDATE, DELETE or TRUNCATE them — and, not owning them,
-- cannot disable their triggers (nor, not being a superuser, SET session_replication_role).
-- Run once after each migration that adds tables, as the owner:  SELECT mgr_grant_app_role('mgr_app');
CREATE OR REPLACE FUNCTION mgr_grant_app_role(app_role text) RETURNS void AS $$
DECLARE
  append_only text[] := ARRAY['audit_events', 'audit_checkpoints', 'quarterly_audit_files'];
  t text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role) THEN
    RAISE EXCEPTION 'role % does not exist', app_role;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'role % is a superuser (or bypasses row security): the app role must not be', app_role;
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app_role);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app_role);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app_role);
  EXECUTE format('REVOKE TRUNCATE, TRIGGER, REFERENCES ON ALL TABLES IN SCHEMA public FROM %I', app_role);
  FOREACH t IN ARRAY append_only LOOP
    IF to_regclass(format('public.%I', t)) IS NOT NULL THEN
      EXECUTE format('REVOKE UPDATE, DELETE ON public.%I FROM %I', t, app_role);
    END IF;
  END LOOP;
  -- The migrations' bookkeeping is the owner's alone.
  EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON public._prisma_migrations FROM %I', app_role);
  -- The job queue (pg-boss) creates and owns its own schema at start.
  EXECUTE format('GRANT CREATE ON DATABASE %I TO %I', current_database(), app_role);
END;
$$ LANGUAGE plpgsql;
