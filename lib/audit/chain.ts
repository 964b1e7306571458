import { createHash } from 'node:crypto';
import type { Actor } from '../auth/permissions';
import type { Db, Tx } from '../db';
import { canonicalJson } from './canonical';

/** The hash "before" the first event. */
export const GENESIS_HASH = '0'.repeat(64);

// One constant key for pg_advisory_xact_lock: every append in the cluster queues on it, so the
// chain is one line even with many app instances. Held until the transaction ends.
const AUDIT_LOCK_KEY = 0x6d6772; // "mgr"

export type AuditInput = {
  actor: Actor;
  action: string; // dotted verb: version.register, version.transition, vote.cast, …
  entityType: string;
  entityId: string;
  change: Record<string, unknown>;
};

export type HashedFields = {
  seq: number;
  at: string; // ISO-8601 UTC with milliseconds
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  change: unknown;
};

/** SHA-256 over the previous hash and the event's canonical JSON (see docs/decisions/003). */
export function hashEvent(prevHash: string, fields: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

/** JSON round-trip so what we hash is exactly what jsonb gives back (no undefined, no Dates). */
function toJsonValue(change: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(change, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))) as Record<string, unknown>;
}

/**
 * Append one audit event. Must be called inside the transaction that makes the change it
 * records, so the change and its event commit or roll back together.
 */
export async function appendAuditEvent(tx: Tx, input: AuditInput): Promise<{ seq: number; hash: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint)`;
  const head = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const at = new Date();
  const change = toJsonValue(input.change);
  const fields: HashedFields = {
    seq,
    at: at.toISOString(),
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    change,
  };
  const hash = hashEvent(prevHash, fields);
  await tx.auditEvent.create({
    data: {
      seq,
      at,
      actorType: input.actor.type,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      change: change as object,
      prevHash,
      hash,
    },
    select: { seq: true },
  });
  return { seq, hash };
}

export type VerifyResult =
  | { ok: true; count: number; headSeq: number; headHash: string }
  | { ok: false; count: number; brokenSeq: number; reason: string };

/**
 * Recompute every link. Names the first sequence number at which the chain breaks: a changed
 * event (hash mismatch), a deleted one (gap), a reordered or inserted one (prev-hash mismatch).
 * Reads in pages so memory stays flat on long chains.
 */
export async function verifyAuditChain(db: Db | Tx, pageSize = 2000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: 'asc' },
      take: pageSize,
      select: {
        seq: true, at: true, actorType: true, actorId: true, actorLabel: true, action: true,
        entityType: true, entityId: true, change: true, prevHash: true, hash: true,
      },
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, count, brokenSeq: expectedSeq, reason: `event ${expectedSeq} is missing (next present is ${row.seq})` };
      }
      if (row.prevHash !== prevHash) {
        return { ok: false, count, brokenSeq: row.seq, reason: `event ${row.seq} does not link to the previous event's hash` };
      }
      const recomputed = hashEvent(prevHash, {
        seq: row.seq,
        at: row.at.toISOString(),
        actorType: row.actorType,
        actorId: row.actorId,
        actorLabel: row.actorLabel,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        change: row.change,
      });
      if (recomputed !== row.hash) {
        return { ok: false, count, brokenSeq: row.seq, reason: `event ${row.seq} was altered: its content does not match its hash` };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  return { ok: true, count, headSeq: expectedSeq - 1, headHash: prevHash };
}
