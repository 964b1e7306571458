import { describe, expect, it } from 'vitest';
import { authorizeCredentials } from '@/lib/auth/options';
import { hashPassword } from '@/lib/auth/password';
import { createPrismaClient, prisma } from '@/lib/db';
import { checkHealth } from '@/lib/queries/health';
import { uniq } from '../fixtures';

describe('health', () => {
  it('is ok when the database answers', async () => {
    expect(await checkHealth(prisma)).toEqual({ status: 'ok', database: 'ok' });
  });

  it('is unavailable, with a reason, when the database does not answer', async () => {
    const down = createPrismaClient('postgresql://postgres@127.0.0.1:1/nowhere');
    const h = await checkHealth(down, 2000);
    expect(h.status).toBe('unavailable');
    expect(h).toMatchObject({ database: 'unreachable', reason: expect.any(String) });
    await down.$disconnect();
  });
});

describe('sign-in', () => {
  async function user(password: string, active = true) {
    const email = `${uniq('login')}@test.local`;
    await prisma.user.create({ data: { email, name: email, role: 'engineer', active, passwordHash: await hashPassword(password) }, select: { id: true } });
    return email;
  }

  it('accepts the right password and refuses a wrong one or a disabled account', async () => {
    const email = await user('correct horse');
    expect(await authorizeCredentials({ email, password: 'correct horse' }, '10.0.0.1')).toMatchObject({ email, role: 'engineer' });
    expect(await authorizeCredentials({ email, password: 'wrong' }, '10.0.0.1')).toBeNull();
    const disabled = await user('correct horse', false);
    expect(await authorizeCredentials({ email: disabled, password: 'correct horse' }, '10.0.0.1')).toBeNull();
    expect(await authorizeCredentials({ email: `${uniq('nobody')}@test.local`, password: 'x' }, '10.0.0.1')).toBeNull();
  });

  it('stores no plain-text password', async () => {
    const email = await user('correct horse');
    const row = await prisma.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$\d\d\$/);
    expect(row.passwordHash).not.toContain('correct horse');
  });

  it('blocks an account after 5 failures, even with the right password, and names the wait', async () => {
    const email = await user('correct horse');
    const ip = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 5; i++) expect(await authorizeCredentials({ email, password: `bad${i}` }, ip)).toBeNull();
    await expect(authorizeCredentials({ email, password: 'correct horse' }, ip)).rejects.toThrow(/Too many failed sign-ins/);
    // Another account from the same IP is not blocked by this account's failures.
    const other = await user('other pass');
    expect(await authorizeCredentials({ email: other, password: 'other pass' }, ip)).toMatchObject({ email: other });
  });

  it('blocks an IP after 30 failures across accounts', async () => {
    const ip = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 30; i++) await authorizeCredentials({ email: `${uniq('spray')}@test.local`, password: 'x' }, ip);
    const email = await user('correct horse');
    await expect(authorizeCredentials({ email, password: 'correct horse' }, ip)).rejects.toThrow(/Too many failed sign-ins/);
  });
});
