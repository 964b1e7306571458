import { beforeAll, describe, expect, it } from 'vitest';
import * as usersRoute from '@/app/api/v1/users/route';
import * as userRoute from '@/app/api/v1/users/[id]/route';
import * as passwordRoute from '@/app/api/v1/users/[id]/password/route';
import * as settingsRoute from '@/app/api/v1/settings/route';
import * as eventsRoute from '@/app/api/v1/audit/events/route';
import { SettingsSchema, UserListSchema } from '@/lib/contracts/admin';
import { AuditEventPageSchema } from '@/lib/contracts/audit-events';
import { verifyPassword } from '@/lib/auth/password';
import { prisma } from '@/lib/db';
import { call, tokenFor, withOwnDatabase, type Handler } from './api-helpers';

// The admin page (users and roles, settings) and the audit log search through the REST API.

withOwnDatabase('mgr_api_admin');

const h = (x: unknown) => x as Handler<Record<string, string>>;
let admin: Awaited<ReturnType<typeof tokenFor>>;
let auditor: Awaited<ReturnType<typeof tokenFor>>;

beforeAll(async () => {
  admin = await tokenFor('admin');
  auditor = await tokenFor('auditor');
});

describe('users and roles', () => {
  it('creates, lists, changes the role of and resets the password of a user; bad input names the field', async () => {
    const email = `meera.${Date.now()}@example.org`;
    const bad = await call(h(usersRoute.POST), 'POST', '/api/v1/users', { token: admin.token, body: { email: 'not-an-email', name: 'Meera', role: 'committee' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toHaveProperty('email');
    const senior = await call(h(usersRoute.POST), 'POST', '/api/v1/users', { token: admin.token, body: { email, name: 'Meera', role: 'committee', senior: true } });
    expect(senior.status).toBe(400);
    expect(senior.json.errors).toHaveProperty('senior');

    const res = await call(h(usersRoute.POST), 'POST', '/api/v1/users', { token: admin.token, body: { email, name: 'Meera Iyer', role: 'committee' } });
    expect(res.status, res.text).toBe(201);
    const id = String(res.json.id);
    expect(res.json).not.toHaveProperty('passwordHash');
    expect((await call(h(usersRoute.POST), 'POST', '/api/v1/users', { token: admin.token, body: { email, name: 'Again', role: 'viewer' } })).status).toBe(409);

    const list = UserListSchema.parse((await call(h(usersRoute.GET), 'GET', '/api/v1/users', { token: admin.token })).json);
    expect(list.items.find((u) => u.id === id)).toMatchObject({ email, role: 'committee', active: true });
    expect(JSON.stringify(list)).not.toContain('passwordHash');

    const patched = await call(h(userRoute.PATCH), 'PATCH', '', { token: admin.token, params: { id }, body: { role: 'engineer', senior: true } });
    expect(patched.json).toMatchObject({ role: 'engineer', senior: true, sessionVersion: Number(res.json.sessionVersion) + 1 }); // their sessions end
    const unknownField = await call(h(userRoute.PATCH), 'PATCH', '', { token: admin.token, params: { id }, body: { rol: 'admin' } });
    expect(unknownField.status).toBe(400);

    const pw = await call(h(passwordRoute.PUT), 'PUT', '', { token: admin.token, params: { id }, body: { password: 'short' } });
    expect(pw.status).toBe(400);
    expect(pw.json.errors).toHaveProperty('password');
    expect((await call(h(passwordRoute.PUT), 'PUT', '', { token: admin.token, params: { id }, body: { password: 'a-long-passphrase' } })).json).toEqual({ id });
    const row = await prisma.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } });
    expect(await verifyPassword('a-long-passphrase', row.passwordHash!)).toBe(true);
  });
});

describe('settings', () => {
  it('reads and changes governance settings; an out-of-range value is refused naming it', async () => {
    const before = SettingsSchema.parse((await call(h(settingsRoute.GET), 'GET', '/api/v1/settings', { token: admin.token })).json);
    const bad = await call(h(settingsRoute.PATCH), 'PATCH', '/api/v1/settings', { token: admin.token, body: { rcaDueHours: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toHaveProperty('rcaDueHours');
    const after = await call(h(settingsRoute.PATCH), 'PATCH', '/api/v1/settings', { token: admin.token, body: { rcaDueHours: before.rcaDueHours + 1, quorum: { mode: 'fixed', n: 2 } } });
    expect(after.json).toMatchObject({ rcaDueHours: before.rcaDueHours + 1, quorum: { mode: 'fixed', n: 2 } });
    expect(SettingsSchema.parse((await call(h(settingsRoute.GET), 'GET', '/api/v1/settings', { token: admin.token })).json).rcaDueHours).toBe(before.rcaDueHours + 1);
  });
});

describe('audit events', () => {
  it('filters by action, entity, actor and date, and paginates', async () => {
    const created = await call(h(usersRoute.POST), 'POST', '/api/v1/users', { token: admin.token, body: { email: `audit.${Date.now()}@example.org`, name: 'Audited', role: 'viewer' } });
    const id = String(created.json.id);
    await call(h(userRoute.PATCH), 'PATCH', '', { token: admin.token, params: { id }, body: { role: 'auditor' } });
    const search = async (query: string) => {
      const r = await call(h(eventsRoute.GET), 'GET', '/api/v1/audit/events', { token: auditor.token, query });
      expect(r.status, r.text).toBe(200);
      return AuditEventPageSchema.parse(r.json);
    };
    const forUser = await search(`entityId=${id}`);
    expect(forUser.items.map((e) => e.action)).toEqual(['user.update', 'user.create']); // newest first
    expect((await search(`entityId=${id}&action=user.create`)).items).toHaveLength(1);
    const byActor = await search(`actor=${encodeURIComponent(admin.owner.email)}&entityType=user&pageSize=1`);
    expect(byActor.total).toBeGreaterThanOrEqual(2);
    expect(byActor.items).toHaveLength(1);
    expect(byActor.items[0].actorLabel).toContain(admin.owner.email);
    const page2 = await search(`actor=${encodeURIComponent(admin.owner.email)}&entityType=user&pageSize=1&page=2`);
    expect(page2.items[0].seq).toBeLessThan(byActor.items[0].seq);
    expect((await search(`entityId=${id}&to=2000-01-01`)).total).toBe(0);
    const bad = await call(h(eventsRoute.GET), 'GET', '/api/v1/audit/events', { token: auditor.token, query: 'from=yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toHaveProperty('from');
  });
});
