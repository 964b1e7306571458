// Issue 7, "a real deployment": the first admin from the shell, and the demo kept out of a
// database with real users. Each test runs the real scripts on a database of its own.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { createPrismaClient, type Db } from '@/lib/db';
import { createDatabaseFromTemplate } from '../db';

function run(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
    child.stdin.end(stdin ?? '');
  });
}

let db: Db;
let url: string;
let drop: () => Promise<void>;
beforeAll(async () => {
  const created = await createDatabaseFromTemplate(inject('templateDatabase'), 'mgr_deploy');
  url = created.url;
  drop = created.drop;
  db = createPrismaClient(url);
});
afterAll(async () => {
  await db.$disconnect();
  await drop();
});

describe('the first admin: npm run admin -- create', () => {
  it('creates the admin with the password read from stdin (never an argument), audited, and only once', async () => {
    const args = ['scripts/admin.mts', 'create', '--email', 'First.Admin@Example.org', '--name', 'First Admin'];
    const first = await run(args, { DATABASE_URL: url }, 'a long pass phrase\n');
    expect(first.out).toMatch(/created admin first\.admin@example\.org/);
    expect(first.code).toBe(0);
    const admin = await db.user.findUniqueOrThrow({ where: { email: 'first.admin@example.org' }, select: { role: true, active: true, passwordHash: true, demo: true } });
    expect(admin).toMatchObject({ role: 'admin', active: true, demo: false });
    expect(await verifyPassword('a long pass phrase', admin.passwordHash!)).toBe(true);
    expect(await db.auditEvent.count({ where: { action: 'user.create' } })).toBe(1);

    const second = await run(['scripts/admin.mts', 'create', '--email', 'second@example.org', '--name', 'Second'], { DATABASE_URL: url }, 'another pass phrase\n');
    expect(second.code).toBe(1);
    expect(second.out).toMatch(/An active admin already exists/);

    const asArg = await run([...args, '--password', 'x'], { DATABASE_URL: url }, 'a long pass phrase\n');
    expect(asArg.code).not.toBe(0);
    expect(asArg.out).toMatch(/unknown option '--password'/);
  });

  it('names the reason for a short password', async () => {
    const other = await createDatabaseFromTemplate(inject('templateDatabase'), 'mgr_deploy');
    try {
      const r = await run(['scripts/admin.mts', 'create', '--email', 'a@example.org', '--name', 'A'], { DATABASE_URL: other.url }, 'short\n');
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/password: must be at least 8 characters/);
    } finally {
      await other.drop();
    }
  });
});

describe('demo accounts never reach production by accident', () => {
  it('loading the demo into a database with accounts the demo did not create is refused', async () => {
    await db.user.create({ data: { email: `real-${Date.now()}@example.org`, name: 'A real user', role: 'viewer' }, select: { id: true } });
    const others = await db.user.count({ where: { demo: false } });
    const r = await run(['prisma/seed.mts'], { DATABASE_URL: url });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`refused: this database has ${others} account(s) the demo did not create`);
    expect(await db.user.count({ where: { email: { endsWith: '@demo.local' } } })).toBe(0);
  });
});
