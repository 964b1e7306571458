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

/**
 * Resolve a bearer token to an Actor, or null when unknown, revoked or expired, or when the person
 * behind it may no longer use it. A personal token acts as its person with the role and seniority
 * they have now (a role change or a disabled account takes effect at once). A service token keeps
 * its role, loses every decision permission (lib/auth/permissions.ts), and works only while the
 * admin who issued it is active and still an admin.
 */
export async function actorFromToken(token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const hash = hashToken(token);
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hash },
    select: {
      id: true, name: true, kind: true, role: true, senior: true, tokenHash: true, revokedAt: true, expiresAt: true, createdById: true,
      createdBy: { select: { active: true, email: true, role: true, senior: true } },
    },
  });
  if (!row) return null;
  if (!timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(hash))) return null;
  if (row.revokedAt || (row.expiresAt && row.expiresAt < new Date()) || !row.createdBy.active) return null;
  if (row.kind === 'service' && !can({ role: row.createdBy.role, senior: false }, 'manage:api-tokens')) return null;
  // last-used time, at most once a minute per token to keep writes low
  await prisma.apiToken.updateMany({
    where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(Date.now() - 60_000) } }] },
    data: { lastUsedAt: new Date() },
  });
  // The label names the person and the token (audit events carry it).
  if (row.kind === 'personal') {
    return { type: 'api_token', id: row.id, label: `${row.createdBy.email} (token ${row.name})`, role: row.createdBy.role, senior: row.createdBy.senior, userId: row.createdById, tokenKind: 'personal' };
  }
  return { type: 'api_token', id: row.id, label: `token:${row.name} (service, issued by ${row.createdBy.email})`, role: row.role, senior: false, userId: row.createdById, tokenKind: 'service' };
}

export function bearerFrom(header: string | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? m[1] : null;
}
