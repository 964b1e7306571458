// Issue 7, first admin: the first-run setup page's rules (lib/auth/first-run-setup.ts), on a
// database of its own with no users.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { activeAdminCount, completeFirstRunSetup, issueSetupCode } from '@/lib/auth/first-run-setup';
import { verifyPassword } from '@/lib/auth/password';
import { SYSTEM_ACTOR } from '@/lib/auth/permissions';
import { contextFor, type ServiceContext } from '@/lib/context';
import { createPrismaClient, type Db } from '@/lib/db';
import { createDatabaseFromTemplate } from '../db';

let db: Db;
let ctx: ServiceContext;
let drop: () => Promise<void>;
beforeAll(async () => {
  const created = await createDatabaseFromTemplate(inject('templateDatabase'), 'mgr_setup');
  drop = created.drop;
  db = createPrismaClient(created.url);
  ctx = contextFor(SYSTEM_ACTOR, { db });
});
afterAll(async () => {
  await db.$disconnect();
  await drop();
});

const ip = () => `10.66.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe('first-run setup with a one-time code', () => {
  it('creates the first admin with the code from the log, once; then the page has nothing to offer', async () => {
    const code = await issueSetupCode(ctx);
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(await db.setupCode.count()).toBe(1);
    expect(JSON.stringify(await db.setupCode.findMany())).not.toContain(code!.replace('-', '')); // only the hash is kept

    const person = { email: 'root@example.org', name: 'Root Admin', password: 'a long pass phrase' };
    await expect(completeFirstRunSetup(ctx, { ...person, code: 'AAAAA-BBBBB' }, ip())).rejects.toMatchObject({ fieldErrors: { code: [expect.stringMatching(/wrong/)] } });
    // a refused field does not use up the code
    await expect(completeFirstRunSetup(ctx, { ...person, password: 'short', code: code! }, ip())).rejects.toMatchObject({ fieldErrors: { password: [expect.any(String)] } });
    await expect(completeFirstRunSetup(ctx, { ...person, password: 'demo1234', code: code! }, ip())).rejects.toThrow(/demo's public password/);

    const admin = await completeFirstRunSetup(ctx, { ...person, code: code!.toLowerCase() }, ip());
    expect(admin).toMatchObject({ email: 'root@example.org', role: 'admin' });
    const row = await db.user.findUniqueOrThrow({ where: { id: admin.id }, select: { passwordHash: true, demo: true } });
    expect(await verifyPassword('a long pass phrase', row.passwordHash!)).toBe(true);
    expect(row.demo).toBe(false);
    expect(await db.auditEvent.count({ where: { action: 'user.create', entityId: admin.id } })).toBe(1);
    expect(await db.setupCode.count()).toBe(0);

    await expect(completeFirstRunSetup(ctx, { ...person, email: 'second@example.org', code: code! }, ip())).rejects.toThrow(/Setup is done/);
    expect(await issueSetupCode(ctx)).toBeNull();
    expect(await activeAdminCount(ctx)).toBe(1);
  });

  it('wrong codes count against a limit shared by all clients', async () => {
    const fresh = await createDatabaseFromTemplate(inject('templateDatabase'), 'mgr_setup');
    const other = createPrismaClient(fresh.url);
    try {
      const c = contextFor(SYSTEM_ACTOR, { db: other });
      await issueSetupCode(c);
      let last: unknown;
      for (let i = 0; i < 6; i++) {
        last = await completeFirstRunSetup(c, { email: 'x@example.org', name: 'X', password: 'a long pass phrase', code: `WRONG-${i}AAAA` }, ip()).catch((e: unknown) => e);
      }
      expect(last).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Too many failed sign-ins/) });
    } finally {
      await other.$disconnect();
      await fresh.drop();
    }
  });
});
