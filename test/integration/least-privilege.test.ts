import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/chain';
import { createCheckpoint } from '@/lib/audit/checkpoint';
import { appRoleWarnings } from '@/lib/audit/db-role';
import { SYSTEM_ACTOR } from '@/lib/auth/permissions';
import { contextFor } from '@/lib/context';
import { createPrismaClient, type Db } from '@/lib/db';
import { createUser } from '@/lib/services/users';
import { adminQuery, createDatabaseFromTemplate } from '../db';

// The README's two roles, made on this run's server: the schema belongs to an owner role (as if it
// had run the migrations), the app connects as a role set up with mgr_grant_app_role(). The app
// works through it, and every way of tampering with the audit log from that role is refused.
const embedded = inject('templateDatabase').startsWith('embedded:');
const suffix = randomBytes(4).toString('hex');
const OWNER = `mgr_owner_${suffix}`;
const APP = `mgr_app_${suffix}`;

let dbUrl: string;
let drop: () => Promise<void>;
let appDb: Db;
let app: pg.Client;

function as(role: string): string {
  const u = new URL(dbUrl);
  u.username = role;
  u.password = '';
  return u.toString();
}

async function run(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

describe.runIf(!embedded)('least privilege: the app role cannot tamper with the audit log', () => {
  beforeAll(async () => {
    const created = await createDatabaseFromTemplate(inject('templateDatabase'), 'mgr_roles');
    dbUrl = created.url;
    drop = created.drop;
    await adminQuery(`CREATE ROLE ${OWNER} LOGIN NOSUPERUSER`);
    await adminQuery(`CREATE ROLE ${APP} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`);
    // As if the owner had run the migrations: it owns the database, the schema and every table.
    await adminQuery(`ALTER DATABASE "${created.name}" OWNER TO ${OWNER}`);
    await run(dbUrl, `
      ALTER SCHEMA public OWNER TO ${OWNER};
      DO $$ DECLARE r record; BEGIN
        FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
          EXECUTE format('ALTER TABLE public.%I OWNER TO ${OWNER}', r.tablename);
        END LOOP;
        FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
          EXECUTE format('ALTER SEQUENCE public.%I OWNER TO ${OWNER}', r.sequencename);
        END LOOP;
      END $$;`);
    await run(as(OWNER), `SELECT mgr_grant_app_role('${APP}')`);
    appDb = createPrismaClient(as(APP));
    app = new pg.Client({ connectionString: as(APP) });
    await app.connect();
  });

  afterAll(async () => {
    await app?.end();
    await appDb?.$disconnect();
    await drop?.();
    await adminQuery(`DROP ROLE IF EXISTS ${APP}`);
    await adminQuery(`DROP ROLE IF EXISTS ${OWNER}`);
  });

  it('works as the app: a service appends its audit event, a checkpoint is signed, the chain verifies', async () => {
    const ctx = contextFor(SYSTEM_ACTOR, { db: appDb });
    await createUser(ctx, { email: `lp-${suffix}@example.test`, name: 'Least Privilege', role: 'viewer', password: 'a-long-password-123' });
    await createCheckpoint(ctx, 'least-privilege test');
    expect(await verifyAuditChain(appDb)).toMatchObject({ ok: true, count: 1, checkpoint: { seq: 1 } });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit log and its checkpoints (privileges, not only triggers)', async () => {
    for (const table of ['audit_events', 'audit_checkpoints']) {
      await expect(app.query(`UPDATE ${table} SET seq = seq WHERE seq = 1`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
    }
  });

  it('refuses skipping the triggers: session_replication_role and DISABLE TRIGGER', async () => {
    await expect(app.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
    await expect(app.query('ALTER TABLE audit_events DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
    await expect(app.query('DROP TRIGGER audit_events_no_update_delete ON audit_events')).rejects.toThrow(/must be owner/);
    await expect(app.query('ALTER TABLE audit_events OWNER TO CURRENT_USER')).rejects.toThrow(/must be owner/);
  });

  it('refuses to set up a superuser as the app role', async () => {
    await expect(run(as(OWNER), `SELECT mgr_grant_app_role('postgres')`)).rejects.toThrow(/superuser/);
  });

  it("npm start's check: warns for a superuser or the owner, not for the app role", async () => {
    expect(await appRoleWarnings(app)).toEqual([]);
    const owner = new pg.Client({ connectionString: as(OWNER) });
    const superuser = new pg.Client({ connectionString: dbUrl });
    await owner.connect();
    await superuser.connect();
    try {
      expect(await appRoleWarnings(owner)).toEqual([expect.stringMatching(/owner of audit_events/)]);
      expect(await appRoleWarnings(superuser)).toEqual([expect.stringMatching(/a superuser/)]);
    } finally {
      await owner.end();
      await superuser.end();
    }
  });

  it('leaves the chain intact after all those attempts', async () => {
    expect((await verifyAuditChain(appDb)).ok).toBe(true);
  });
});
