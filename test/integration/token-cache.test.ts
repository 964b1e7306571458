import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as versionsRoute from '@/app/api/v1/versions/route';
import { actorFromToken, LAST_USED_EVERY_MS } from '@/lib/auth/api-token';
import { contextFor } from '@/lib/context';
import type { Db } from '@/lib/db';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { revokeApiToken } from '@/lib/services/api-tokens';
import { updateUser } from '@/lib/services/users';
import { makeUser } from '../fixtures';
import { call, tokenFor, withOwnDatabase } from './api-helpers';

// A bearer token is resolved once and trusted for MGR_TOKEN_CACHE_SECONDS (5 s by default; the
// other test files run with 0). Revoking a token or changing its person through the app takes
// effect at once; a change made elsewhere (another instance, SQL by hand) within that bound.
// And a read path does not write: the last-used time is written at most once a minute per token.

const { db } = withOwnDatabase('mgr_token_cache');
const g = globalThis as unknown as { prisma?: Db };

const seen: string[] = [];
let counting: Db;
let original: Db | undefined;
const previousTtl = process.env.MGR_TOKEN_CACHE_SECONDS;

beforeAll(() => {
  process.env.MGR_TOKEN_CACHE_SECONDS = '5';
  // The app's client (lib/db.ts) with Prisma's query events, on this file's database.
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (e) => void seen.push(e.query));
  counting = client as unknown as Db;
  original = g.prisma;
  g.prisma = counting;
});

afterAll(async () => {
  g.prisma = original;
  process.env.MGR_TOKEN_CACHE_SECONDS = previousTtl;
  await counting.$disconnect();
});

beforeEach(() => void (seen.length = 0));

const writes = () => seen.filter((q) => /^\s*(UPDATE|INSERT|DELETE)\b/i.test(q));

describe('the token cache', () => {
  it('resolves a token from the database once, then from the cache until the bound', async () => {
    const { token, id } = await tokenFor('engineer');
    const now = Date.now();
    expect(await actorFromToken(token, now)).toMatchObject({ id, role: 'engineer' });
    const first = seen.length;
    expect(first).toBeGreaterThan(0);
    expect(await actorFromToken(token, now + 4_000)).toMatchObject({ id, role: 'engineer' });
    expect(seen.length, 'statements for a cached token').toBe(first);
    expect(await actorFromToken(token, now + 5_001)).toMatchObject({ id });
    expect(seen.length).toBeGreaterThan(first); // read again after the bound
  });

  it('a token revoked through the app stops at once, even while cached', async () => {
    const { token, id, owner } = await tokenFor('engineer');
    expect(await actorFromToken(token)).not.toBeNull();
    await revokeApiToken(contextFor(owner), id);
    expect(await actorFromToken(token)).toBeNull();
    expect((await call(versionsRoute.GET, 'GET', '/api/v1/versions', { token })).status).toBe(401);
  });

  it('a role change or a disabled account through the app takes effect at once', async () => {
    const admin = await makeUser('admin');
    const { token, owner } = await tokenFor('committee');
    expect(await actorFromToken(token)).toMatchObject({ role: 'committee' });
    await updateUser(contextFor(admin), owner.id, { role: 'viewer' });
    expect(await actorFromToken(token)).toMatchObject({ role: 'viewer' });
    await updateUser(contextFor(admin), owner.id, { active: false });
    expect(await actorFromToken(token)).toBeNull();
  });

  it('a revocation made outside this instance (SQL) holds within the bound, never later', async () => {
    const { token, id } = await tokenFor('viewer');
    const now = Date.now();
    expect(await actorFromToken(token, now)).not.toBeNull();
    await db().apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    expect(await actorFromToken(token, now + 5_001)).toBeNull();
  });

  it('an expiry passes even while the token is cached', async () => {
    const { token, id } = await tokenFor('viewer');
    const now = Date.now();
    await db().apiToken.update({ where: { id }, data: { expiresAt: new Date(now + 1_000) } });
    expect(await actorFromToken(token, now)).not.toBeNull();
    expect(await actorFromToken(token, now + 1_001)).toBeNull();
  });
});

describe('no write on a read path', () => {
  it('the last-used time is written once a minute per token, not on every request', async () => {
    const { token, id } = await tokenFor('viewer');
    seen.length = 0;
    const now = Date.now();
    await actorFromToken(token, now);
    expect(writes()).toHaveLength(1);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true } })).lastUsedAt?.getTime()).toBe(now);
    for (let i = 1; i <= 5; i++) await actorFromToken(token, now + i * 6_000); // read again after each bound
    expect(writes()).toHaveLength(1);
    await actorFromToken(token, now + LAST_USED_EVERY_MS + 1);
    expect(writes()).toHaveLength(2);
  });

  it('a list request with a known token runs one statement and writes nothing', async () => {
    const { token } = await tokenFor('viewer');
    expect((await call(versionsRoute.GET, 'GET', '/api/v1/versions', { token, query: 'pageSize=5' })).status).toBe(200);
    seen.length = 0;
    const r = await call(versionsRoute.GET, 'GET', '/api/v1/versions', { token, query: 'pageSize=5' });
    expect(r.status).toBe(200);
    expect(writes()).toEqual([]);
    expect(seen).toHaveLength(1);
  });
});
