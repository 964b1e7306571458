import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { prisma } from '../db';
import { can, type Actor } from './permissions';

// Tokens look like mgr_<prefix>_<secret>. Only the SHA-256 of the whole token is stored: a
// database leak does not leak usable tokens. (High-entropy secrets need no slow hash.)
export const TOKEN_PREFIX = 'mgr_';

export function generateToken(): { token: string; prefix: string; hash: string } {
  const prefix = randomBytes(4).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  const token = `${TOKEN_PREFIX}${prefix}_${secret}`;
  return { token, prefix, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

type Cached = { actor: Actor; expiresAt: number | null; until: number };

/** token hash → actor, for a few seconds (see actorFromToken); token id → when its last use was written. */
// One cache per process, on globalThis: Next bundles route handlers and server actions separately,
// so a module-level Map would exist once per bundle, and a revoke made by a server action (the
// browser) would not clear the copy the API's route handlers read (a revoked token kept working
// for up to the cache's bound: e2e/account-tokens.spec.ts caught it).
const shared = globalThis as unknown as { [k: symbol]: { cache: Map<string, Cached>; touched: Map<string, number> } | undefined };
const KEY = Symbol.for('mgr.api-token-cache');
shared[KEY] ??= { cache: new Map<string, Cached>(), touched: new Map<string, number>() };
const { cache, touched } = shared[KEY];
const MAX_CACHED = 10_000;
/** How often a token's last-used time is written at most (per token and instance). */
export const LAST_USED_EVERY_MS = 60_000;

/**
 * How long a resolved token is trusted without reading it again: MGR_TOKEN_CACHE_SECONDS
 * (default 5; 0 reads the database on every request). This is the bound on a change made outside
 * this instance (another instance, or SQL by hand): revoking a token, disabling or demoting its
 * person through this instance takes effect at once (forgetApiTokens).
 */
export function tokenCacheMs(): number {
  const v = Number(process.env.MGR_TOKEN_CACHE_SECONDS ?? 5);
  return Number.isFinite(v) && v > 0 ? v * 1000 : 0;
}

/** Drop every cached token: called after a token is revoked or a person's role or access changes. */
export function forgetApiTokens(): void {
  cache.clear();
}

/**
 * Resolve a bearer token to an Actor, or null when unknown, revoked or expired, or when the person
 * behind it may no longer use it. A personal token acts as its person with the role and seniority
 * they have now (a role change or a disabled account takes effect at once through the app; see
 * tokenCacheMs for the bound on changes made elsewhere). A service token keeps its role, loses
 * every decision permission (lib/auth/permissions.ts), and works only while the admin who issued
 * it is active and still an admin. Reads do not write: the last-used time is written at most once
 * a minute per token (the first request of the minute pays that one UPDATE).
 */
export async function actorFromToken(token: string, now = Date.now()): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const hash = hashToken(token);
  const hit = cache.get(hash);
  if (hit && hit.until > now && (hit.expiresAt === null || hit.expiresAt >= now)) return hit.actor;
  if (hit) cache.delete(hash);
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hash },
    select: {
      id: true, name: true, kind: true, role: true, senior: true, tokenHash: true, revokedAt: true, expiresAt: true, createdById: true,
      createdBy: { select: { active: true, email: true, role: true, senior: true } },
    },
  });
  if (!row) return null;
  if (!timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(hash))) return null;
  if (row.revokedAt || (row.expiresAt && row.expiresAt.getTime() < now) || !row.createdBy.active) return null;
  if (row.kind === 'service' && !can({ role: row.createdBy.role, senior: false }, 'manage:api-tokens')) return null;
  await touchLastUsed(row.id, now);
  // The label names the person and the token (audit events carry it).
  const actor: Actor =
    row.kind === 'personal'
      ? { type: 'api_token', id: row.id, label: `${row.createdBy.email} (token ${row.name})`, role: row.createdBy.role, senior: row.createdBy.senior, userId: row.createdById, tokenKind: 'personal' }
      : { type: 'api_token', id: row.id, label: `token:${row.name} (service, issued by ${row.createdBy.email})`, role: row.role, senior: false, userId: row.createdById, tokenKind: 'service' };
  const ttl = tokenCacheMs();
  if (ttl > 0) {
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(hash, { actor, expiresAt: row.expiresAt?.getTime() ?? null, until: now + ttl });
  }
  return actor;
}

/** The last-used time: written at most once a minute per token (and instance); a failure only logs. */
async function touchLastUsed(id: string, now: number): Promise<void> {
  const last = touched.get(id);
  if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
  if (touched.size >= MAX_CACHED) touched.clear();
  touched.set(id, now);
  await prisma.apiToken
    .updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_EVERY_MS) } }] }, data: { lastUsedAt: new Date(now) } })
    .catch((e: unknown) => console.warn(`[auth] could not record the last use of token ${id}: ${e instanceof Error ? e.message.split('\n').pop() : String(e)}`));
}

export function bearerFrom(header: string | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? m[1] : null;
}
