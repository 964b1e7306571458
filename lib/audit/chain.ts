import type { Actor } from '../auth/permissions';
import type { Db, Tx } from '../db';
import { type StoredCheckpoint, allCheckpoints } from './checkpoint';
import { GENESIS_HASH, HASH_VERSION, checkLink, computeEventHash, type AuditEventRow } from './event-hash';
import { type AuditAction, type AuditPayloadInput, parseAuditPayload } from './events';
import { lockAuditChain } from './lock';
import { readEventPages } from './read-chain';
import { eventMac, signingKeyOrNull } from './signing-key';
import { verifyCheckpointSignature } from './verify-events';
import { enqueueWebhooksForAuditEvents } from '../webhooks/outbox';
import { bulkInsert, CAST } from '../data/bulk-insert';

export { GENESIS_HASH } from './event-hash';

export type AuditInput<A extends AuditAction = AuditAction> = {
  actor: Actor;
  action: A; // one of lib/audit/events.ts
  entityType: string;
  entityId: string;
  change: AuditPayloadInput<A>; // the action's own schema: a wrong payload does not compile
  /** Business time: when it happened (`ctx.now()`, or an imported file's date). */
  occurredAt: Date;
};

/** JSON round-trip so what we hash is exactly what jsonb gives back (no undefined, no Dates). */
function toJsonValue(change: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(change, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))) as Record<string, unknown>;
}

/**
 * Append one audit event. Must be called inside the transaction that makes the change it
 * records, so the change and its event commit or roll back together. The append time
 * (recordedAt) is the wall clock, never earlier than the previous event's.
 */
export async function appendAuditEvent<A extends AuditAction>(tx: Tx, input: AuditInput<A>): Promise<{ seq: number; hash: string }> {
  return (await appendAuditEvents(tx, [input]))[0];
}

/**
 * Append several events in order (a bulk import's): one lock, one read of the head, one insert.
 * Each event is hashed and linked exactly as appendAuditEvent does it, one after the other.
 */
export async function appendAuditEvents(tx: Tx, inputs: AuditInput[]): Promise<{ seq: number; hash: string }[]> {
  if (!inputs.length) return [];
  await lockAuditChain(tx);
  const head = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true, recordedAt: true } });
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  let lastRecorded = head?.recordedAt.getTime() ?? 0;
  const key = signingKeyOrNull();
  const rows = inputs.map((input) => {
    seq += 1;
    const recordedAt = new Date(Math.max(Date.now(), lastRecorded));
    lastRecorded = recordedAt.getTime();
    const occurredAt = input.occurredAt;
    if (!(occurredAt instanceof Date) || Number.isNaN(occurredAt.getTime())) throw new Error(`audit event ${input.action}: occurredAt is not a valid date`);
    const change = toJsonValue(parseAuditPayload(input.action, input.change) as Record<string, unknown>);
    // The fields the hash covers and the row stores alike (in the hash input's order).
    const who = { actorType: input.actor.type, actorId: input.actor.id, actorLabel: input.actor.label, action: input.action, entityType: input.entityType, entityId: input.entityId };
    const hash = computeEventHash(prevHash, { seq, v: HASH_VERSION, occurredAt: occurredAt.toISOString(), recordedAt: recordedAt.toISOString(), ...who, change });
    const row = { seq, hashVersion: HASH_VERSION, occurredAt, recordedAt, ...who, change: change as object, prevHash, hash, mac: key ? eventMac(key, hash) : null };
    prevHash = hash;
    return row;
  });
  if (rows.length === 1) await tx.auditEvent.create({ data: rows[0], select: { seq: true } });
  else await insertAuditRows(tx, rows);
  // Subscribers hear of the change in the same transaction: a rollback sends nothing.
  await enqueueWebhooksForAuditEvents(
    tx,
    rows.map((r, i) => ({ seq: r.seq, action: inputs[i].action, actor: inputs[i].actor, entityType: r.entityType, entityId: r.entityId, occurredAt: r.occurredAt, change: r.change as Record<string, unknown> })),
  );
  return rows.map((r) => ({ seq: r.seq, hash: r.hash }));
}

/** A row as written: the stored row's fields, the change as JSON, and the event's MAC when a signing key is set. */
type AuditRow = Omit<AuditEventRow, 'change'> & { change: object; mac: string | null };

/**
 * Many events in one statement (a bulk import's hundreds): the same columns and values Prisma's
 * createMany writes (change as JSON.stringify, times to the millisecond), without its per-row
 * query-engine cost. The hashes were computed from these very values, so the chain is unchanged.
 */
async function insertAuditRows(tx: Tx, rows: AuditRow[]): Promise<void> {
  const c = (name: string, cast: string = CAST.text) => ({ name, cast });
  await bulkInsert(
    tx,
    'audit_events',
    [
      c('seq', CAST.int), c('hash_version', CAST.smallint), c('occurred_at', CAST.timestamptz), c('recorded_at', CAST.timestamptz),
      c('actor_type', CAST.enumOf('ActorType')), c('actor_id'), c('actor_label'), c('action'), c('entity_type'), c('entity_id'),
      c('change', CAST.jsonb), c('prev_hash'), c('hash'), c('mac'),
    ],
    rows.map((r) => [r.seq, r.hashVersion, r.occurredAt, r.recordedAt, r.actorType, r.actorId, r.actorLabel, r.action, r.entityType, r.entityId, JSON.stringify(r.change), r.prevHash, r.hash, r.mac]),
  );
}

export type VerifyResult =
  | {
      ok: true;
      count: number;
      headSeq: number;
      headHash: string;
      /** The latest checkpoint the chain matched, if any. */
      checkpoint: { seq: number; at: string; reason: string } | null;
      /** What could not be checked (no key configured, events not yet covered by a checkpoint). */
      warnings: string[];
    }
  | { ok: false; count: number; brokenSeq: number; reason: string };

type Broken = Extract<VerifyResult, { ok: false }>;

/**
 * Recompute every link and compare the chain with every signed checkpoint. Names the first place
 * it breaks: a changed event (hash mismatch), a deleted one (gap), a reordered or inserted one
 * (link mismatch), events a checkpoint covers that are gone (deleted tail) or were re-hashed
 * (the head hash differs from the signed one), and events after the latest checkpoint that were
 * not appended by the app (no valid MAC: the key is not in the database).
 */
export async function verifyAuditChain(db: Db | Tx, opts: { publicKeyPem?: string; pageSize?: number } = {}): Promise<VerifyResult> {
  const key = signingKeyOrNull();
  const publicKeyPem = opts.publicKeyPem ?? key?.publicKeyPem;
  const warnings: string[] = [];
  const checkpoints = await allCheckpoints(db);
  if (publicKeyPem) {
    for (const cp of checkpoints) {
      const sig = verifyCheckpointSignature(cp, publicKeyPem);
      if (!sig.ok) return { ok: false, count: 0, brokenSeq: cp.seq, reason: `${sig.reason} (checkpoint #${cp.id} of ${cp.at})` };
    }
  } else if (checkpoints.length > 0) {
    warnings.push('no audit signing key is configured here: checkpoint signatures were not checked');
  }
  const lastCovered = checkpoints.at(-1)?.seq ?? 0;
  let cpIndex = 0;
  let matched: StoredCheckpoint | null = null;
  const rewritten = (cp: StoredCheckpoint): Broken => {
    const from = (matched?.seq ?? 0) + 1;
    return {
      ok: false,
      count: 0,
      brokenSeq: from,
      reason: `events ${from}…${cp.seq} were rewritten: event ${cp.seq}'s hash is not the one signed by the checkpoint of ${cp.at} (${cp.reason})${matched ? `; the chain still matches the checkpoint at seq ${matched.seq}` : ''}`,
    };
  };
  // Checkpoints of the empty chain.
  while (cpIndex < checkpoints.length && checkpoints[cpIndex].seq === 0) {
    if (checkpoints[cpIndex].hash !== GENESIS_HASH) return rewritten(checkpoints[cpIndex]);
    matched = checkpoints[cpIndex++];
  }

  let expected = { seq: 1, prevHash: GENESIS_HASH, prevRecordedAt: null as string | null };
  let count = 0;
  let sawV2 = false;
  let unauthenticated = 0;
  // Page by page, each page in a plain loop (see readEventPages).
  for await (const page of readEventPages(db, 0, { pageSize: opts.pageSize, direct: true, macAfterSeq: lastCovered })) {
    for (const e of page) {
      const broken = checkLink(e, expected);
      if (broken) return { ok: false, count, brokenSeq: Math.min(e.seq, expected.seq), reason: broken };
      if (e.v === 1 && sawV2) return { ok: false, count, brokenSeq: e.seq, reason: `event ${e.seq} uses the legacy hash after newer events: inserted behind the app's back` };
      sawV2 ||= e.v >= 2;
      if (e.seq > lastCovered && e.v >= 2) {
        if (key) {
          if (e.mac === null || e.mac !== eventMac(key, e.hash)) {
            return { ok: false, count, brokenSeq: e.seq, reason: `event ${e.seq} was not appended by the application: it is after the latest checkpoint (seq ${lastCovered}) and carries no valid MAC (forged?)` };
          }
        } else {
          unauthenticated += 1;
        }
      }
      while (cpIndex < checkpoints.length && checkpoints[cpIndex].seq === e.seq) {
        if (checkpoints[cpIndex].hash !== e.hash) return rewritten(checkpoints[cpIndex]);
        matched = checkpoints[cpIndex++];
      }
      expected = { seq: e.seq + 1, prevHash: e.hash, prevRecordedAt: e.recordedAt };
      count += 1;
    }
  }
  const headSeq = expected.seq - 1;
  if (cpIndex < checkpoints.length) {
    const cp = checkpoints[checkpoints.length - 1];
    return {
      ok: false,
      count,
      brokenSeq: headSeq + 1,
      reason: `events ${headSeq + 1}…${cp.seq} are missing: the checkpoint of ${cp.at} (${cp.reason}) signed a chain up to seq ${cp.seq}, the log ends at seq ${headSeq}`,
    };
  }
  if (unauthenticated > 0) warnings.push(`no audit signing key is configured here: ${unauthenticated} event(s) after the latest checkpoint could not be authenticated`);
  return {
    ok: true,
    count,
    headSeq,
    headHash: expected.prevHash,
    checkpoint: matched ? { seq: matched.seq, at: matched.at, reason: matched.reason } : null,
    warnings,
  };
}
