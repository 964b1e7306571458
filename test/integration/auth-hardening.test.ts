// Issue 7 rows 5, 10, 12, 13 and the demo-password bullet, at the level of the shared mechanisms.
import { afterEach, describe, expect, it } from 'vitest';
import { POST as nextAuthPost } from '@/app/api/auth/[...nextauth]/route';
import { GET as healthGet } from '@/app/api/v1/health/route';
import { GET as versionsGet } from '@/app/api/v1/versions/route';
import { problemFromError, readJson, route } from '@/lib/api/http';
import { authorizeCredentials, authOptions } from '@/lib/auth/options';
import { hashPassword } from '@/lib/auth/password';
import { actorFromSessionClaims } from '@/lib/auth/session';
import { endSession, sessionLimits, startSession } from '@/lib/auth/user-sessions';
import { createPrismaClient, prisma, type Db } from '@/lib/db';
import { call, tokenFor } from './api-helpers';
import { uniq } from '../fixtures';

const g = globalThis as unknown as { prisma?: Db };

async function userWithPassword(password: string, role: 'engineer' | 'auditor' = 'engineer') {
  const email = `${uniq('h')}@test.local`;
  const u = await prisma.user.create({ data: { email, name: email, role, passwordHash: await hashPassword(password) }, select: { id: true, sessionVersion: true } });
  return { ...u, email };
}

describe('row 10: the origin check is not skipped by an Authorization header', () => {
  const handler = route('authenticated', async () => ({ ok: true }));

  it('a cookie write with `Authorization: Basic` and a foreign Origin is refused before authentication', async () => {
    const r = await call(handler, 'POST', '/api/v1/tokens', {
      body: { name: 'x' },
      headers: { cookie: 'next-auth.session-token=abc', authorization: 'Basic eDp5', origin: 'http://evil.example' },
    });
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.json.detail).toMatch(/Cross-site request refused/);
  });

  it('a bearer token with no cookie needs no Origin', async () => {
    const { token } = await tokenFor('engineer');
    const r = await call(handler, 'POST', '/x', { token, body: {}, headers: { origin: 'http://evil.example' } });
    expect(r.status).toBe(200);
  });

  it.each(['text/plain; x=application/json', 'application/jsonp', 'text/html, application/json'])('readJson refuses content-type %j', async (type) => {
    const req = new Request('http://localhost/x', { method: 'POST', headers: { 'content-type': type }, body: '{}' });
    await expect(readJson(req)).rejects.toThrow(/application\/json/);
  });

  it('readJson accepts application/json with parameters, in any case', async () => {
    const req = new Request('http://localhost/x', { method: 'POST', headers: { 'content-type': 'Application/JSON; charset=utf-8' }, body: '{"a":1}' });
    expect(await readJson(req)).toEqual({ a: 1 });
  });
});

describe('row 12: a locked-out sign-in answers 429 with Retry-After', () => {
  it('the credentials callback refuses before checking the password, with problem+json and the wait', async () => {
    const u = await userWithPassword('correct horse');
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 5; i++) expect(await authorizeCredentials({ email: u.email, password: `bad${i}` }, ip)).toBeNull();
    const body = new URLSearchParams({ email: u.email, password: 'correct horse', csrfToken: 'x', json: 'true' });
    const res = await nextAuthPost(
      new Request('http://localhost/api/auth/callback/credentials', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }),
      { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) },
    );
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const json = (await res.json()) as { detail: string; retryAfterSeconds: number; url: string };
    expect(json.detail).toMatch(/Too many failed sign-ins/);
    expect(json.retryAfterSeconds).toBe(retry);
    // next-auth's client reads the error from `url`
    expect(new URL(json.url).searchParams.get('error')).toMatch(/Try again/);
  });
});

describe('row 5: sign-out ends the session on the server; idle and absolute timeouts', () => {
  it('a copied session is refused after sign-out', async () => {
    const u = await userWithPassword('correct horse');
    const t0 = new Date();
    const sid = await startSession(prisma, u.id, t0);
    const claims = { uid: u.id, sv: u.sessionVersion, sid };
    expect(await actorFromSessionClaims(prisma, claims, t0)).toMatchObject({ id: u.id });
    // next-auth calls events.signOut with the decoded token on POST /api/auth/signout
    await authOptions().events!.signOut!({ token: { ...claims }, session: null as never });
    expect(await actorFromSessionClaims(prisma, claims, t0)).toBeNull();
  });

  it('a token without a server-side session (made before sign-out existed, or forged with the secret) is refused', async () => {
    const u = await userWithPassword('correct horse');
    expect(await actorFromSessionClaims(prisma, { uid: u.id, sv: u.sessionVersion }, new Date())).toBeNull();
  });

  it('ends a session idle for longer than the idle timeout, and any session past the absolute timeout', async () => {
    const limits = sessionLimits();
    const u = await userWithPassword('correct horse');
    const t0 = new Date('2026-11-30T08:00:00Z');
    const idle = await startSession(prisma, u.id, t0);
    const later = (ms: number) => new Date(t0.getTime() + ms);
    expect(await actorFromSessionClaims(prisma, { uid: u.id, sv: u.sessionVersion, sid: idle }, later(limits.idleMs - 60_000))).not.toBeNull();
    // that request moved the idle clock on: a full idle period after it, the session is over
    expect(await actorFromSessionClaims(prisma, { uid: u.id, sv: u.sessionVersion, sid: idle }, later(2 * limits.idleMs))).toBeNull();

    const busy = await startSession(prisma, u.id, t0);
    let t = 0;
    while (t + limits.idleMs / 2 < limits.absoluteMs) {
      t += limits.idleMs / 2;
      expect(await actorFromSessionClaims(prisma, { uid: u.id, sv: u.sessionVersion, sid: busy }, later(t))).not.toBeNull();
    }
    expect(await actorFromSessionClaims(prisma, { uid: u.id, sv: u.sessionVersion, sid: busy }, later(limits.absoluteMs + 1000))).toBeNull();
    await endSession(prisma, busy, later(limits.absoluteMs));
  });
});

describe('row 13: an unreachable database answers 503 with Retry-After', () => {
  afterEach(() => {
    g.prisma = undefined; // the next use makes a client from DATABASE_URL again
  });

  it('maps a refused connection on an API route to 503 problem+json', async () => {
    const { token } = await tokenFor('engineer');
    const saved = g.prisma;
    g.prisma = createPrismaClient('postgresql://postgres@127.0.0.1:1/nowhere');
    try {
      const r = await call(versionsGet, 'GET', '/api/v1/versions', { token });
      expect(r.status).toBe(503);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(r.json).toMatchObject({ status: 503, code: 'database_unavailable' });
      const h = await healthGet();
      expect(h.status).toBe(503);
      expect(Number(h.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await h.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
    } finally {
      await g.prisma?.$disconnect();
      g.prisma = saved;
    }
  });

  it('maps a connection ended by an administrator (57P01, as in a restart) to 503', async () => {
    const own = createPrismaClient(process.env.DATABASE_URL); // a test-only connection; the server keeps running
    let caught: unknown;
    try {
      await own.$queryRawUnsafe('SELECT pg_terminate_backend(pg_backend_pid())');
    } catch (e) {
      caught = e;
    } finally {
      await own.$disconnect();
    }
    expect(caught).toBeDefined();
    const res = problemFromError(caught);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
    for (const code of ['57P03', '57P02', 'ECONNREFUSED', 'ECONNRESET', '08006', '53300']) {
      expect(problemFromError(Object.assign(new Error('x'), { code })).status, code).toBe(503);
    }
  });
});

describe('demo accounts never reach production by accident', () => {
  it("the demo's password is refused for an account the demo did not create", async () => {
    const u = await userWithPassword('demo1234');
    expect(await authorizeCredentials({ email: u.email, password: 'demo1234' }, '10.77.0.1')).toBeNull();
  });
});

describe('row 13 in forms: a server action during an outage says so', () => {
  it('maps an unreachable database to a retry message, not "could not be saved"', async () => {
    const { actionError } = await import('@/lib/api/action-error');
    const down = createPrismaClient('postgresql://postgres@127.0.0.1:1/nowhere');
    let caught: unknown;
    try {
      await down.user.count();
    } catch (e) {
      caught = e;
    } finally {
      await down.$disconnect();
    }
    expect(actionError(caught)).toEqual({ error: expect.stringMatching(/database is not reachable.*nothing was changed/) });
  });
});
