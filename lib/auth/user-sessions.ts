import { randomBytes } from 'node:crypto';
import type { Db } from '../db';

// Browser sessions kept on the server. next-auth's JWT (required by credentials sign-in) cannot be
// revoked by itself, so it carries the id of a row here: sign-out ends the row, and a session idle
// for longer than SESSION_IDLE_MINUTES or older than SESSION_MAX_HOURS ends too — whatever the
// cookie says, and whoever copied it. See docs/decisions/004-auth.md.

export type SessionLimits = { idleMs: number; absoluteMs: number };

const DEFAULT_IDLE_MINUTES = 30;
const DEFAULT_MAX_HOURS = 8;
/** `last_seen_at` is written at most this often (one UPDATE per session per minute, not per request). */
const TOUCH_EVERY_MS = 60_000;

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got ${JSON.stringify(raw)})`);
  return n;
}

export function sessionLimits(e: NodeJS.ProcessEnv = process.env): SessionLimits {
  const idleMin = positive('SESSION_IDLE_MINUTES', e.SESSION_IDLE_MINUTES, DEFAULT_IDLE_MINUTES);
  const maxHours = positive('SESSION_MAX_HOURS', e.SESSION_MAX_HOURS, DEFAULT_MAX_HOURS);
  return { idleMs: idleMin * 60_000, absoluteMs: maxHours * 3_600_000 };
}

export async function startSession(db: Db, userId: string, now: Date): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  // Keep the table small: this user's sessions that ended (or must have) more than 30 days ago.
  const old = new Date(now.getTime() - 30 * 86_400_000);
  await db.userSession.deleteMany({ where: { userId, OR: [{ endedAt: { lt: old } }, { createdAt: { lt: new Date(old.getTime() - sessionLimits().absoluteMs) } }] } });
  await db.userSession.create({ data: { id, userId, createdAt: now, lastSeenAt: now }, select: { id: true } });
  return id;
}

export type SessionCheck = { ok: true } | { ok: false; reason: 'unknown' | 'ended' | 'idle' | 'expired' };

/** Is the session still alive at `now`? A live session's idle clock moves on. */
export async function checkSession(db: Db, id: string, userId: string, now: Date, limits = sessionLimits()): Promise<SessionCheck> {
  const s = await db.userSession.findUnique({ where: { id }, select: { userId: true, createdAt: true, lastSeenAt: true, endedAt: true } });
  if (!s || s.userId !== userId) return { ok: false, reason: 'unknown' };
  if (s.endedAt) return { ok: false, reason: 'ended' };
  const t = now.getTime();
  const reason = t - s.createdAt.getTime() > limits.absoluteMs ? 'expired' : t - s.lastSeenAt.getTime() > limits.idleMs ? 'idle' : null;
  if (reason) {
    await endSession(db, id, now, reason);
    return { ok: false, reason };
  }
  if (t - s.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.userSession.updateMany({ where: { id, endedAt: null, lastSeenAt: { lt: now } }, data: { lastSeenAt: now } });
  }
  return { ok: true };
}

export async function endSession(db: Db, id: string, now: Date, reason = 'signed_out'): Promise<void> {
  await db.userSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now, endReason: reason } });
}
