// What `npm start` checks about the role the app connects as (README, "Database roles"): a
// superuser can switch the audit triggers off (SET session_replication_role = replica) and the
// owner of the audit table can disable or drop them, so the app should be neither.
import type pg from 'pg';

export async function appRoleWarnings(client: Pick<pg.Client, 'query'>): Promise<string[]> {
  const { rows } = await client.query<{ role: string; superuser: boolean; owns_audit: boolean; may_delete: boolean }>(`
    SELECT current_user AS role,
           (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) AS superuser,
           COALESCE((SELECT tableowner = current_user FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_events'), false) AS owns_audit,
           COALESCE(has_table_privilege('public.audit_events', 'DELETE'), false) AS may_delete`);
  const r = rows[0];
  const warnings: string[] = [];
  if (r.superuser) {
    warnings.push(`the app connects to PostgreSQL as "${r.role}", a superuser: it could switch off the audit log's append-only triggers. Run the app as a role set up with mgr_grant_app_role() (README, "Database roles").`);
  } else if (r.owns_audit) {
    warnings.push(`the app connects as "${r.role}", the owner of audit_events: it could disable the append-only triggers. Run migrations as the owner and the app as another role (README, "Database roles").`);
  } else if (r.may_delete) {
    warnings.push(`the app's role "${r.role}" may DELETE from audit_events: run SELECT mgr_grant_app_role('${r.role}') as the owner.`);
  }
  return warnings;
}
