// Signed checkpoints of the audit chain's head (docs/decisions/003-audit-chain.md). The signing
// key lives outside the database (lib/audit/signing-key.ts); the database only keeps what was
// signed, so deleting or re-hashing events a checkpoint covers is caught by `verifyAuditChain`
// and, offline, by `verifyEvents` over an exported run of canonical lines.
import { sign } from 'node:crypto';
import { type Actor, can } from '../auth/permissions';
import type { ServiceContext } from '../context';
import type { Db, Tx } from '../db';
import { AppError } from '../errors';
import { GENESIS_HASH, checkLink } from './event-hash';
import { lockAuditChain } from './lock';
import { readEventPages } from './read-chain';
import { eventMac, type SigningKey, signingKey, signingKeyOrNull } from './signing-key';
import { type Checkpoint, checkpointPayload } from './verify-events';

export { type Checkpoint, CheckpointSchema, checkpointPayload, verifyCheckpointSignature, verifyEvents, verifyEventRecords, parseCanonicalLine } from './verify-events';
export type { EventsVerifyResult, SignatureCheck } from './verify-events';
export { eventToCanonicalLine, GENESIS_HASH, type AuditEventRecord, type AuditEventRow } from './event-hash';
export { publicKeyPem, publicKeyFingerprint, generateSigningKeyPem } from './signing-key';

/** A checkpoint as stored: the signed statement plus its row id and the signer's public key. */
export type StoredCheckpoint = Checkpoint & { id: number; publicKeyPem: string };

const SELECT = { id: true, seq: true, hash: true, at: true, reason: true, keyId: true, publicKey: true, signature: true } as const;

type Row = { id: number; seq: number; hash: string; at: Date; reason: string; keyId: string; publicKey: string; signature: string };

function toCheckpoint(r: Row): StoredCheckpoint {
  return { id: r.id, seq: r.seq, hash: r.hash, at: r.at.toISOString(), reason: r.reason, keyId: r.keyId, signature: r.signature, publicKeyPem: r.publicKey };
}

/** Strip the storage-only fields: what a bundle or a file carries. */
export function checkpointStatement(cp: Checkpoint): Checkpoint {
  return { seq: cp.seq, hash: cp.hash, at: cp.at, reason: cp.reason, keyId: cp.keyId, signature: cp.signature };
}

function mayCheckpoint(actor: Actor): boolean {
  return actor.type === 'system' || can(actor, 'verify:audit-log') || can(actor, 'generate:quarterly-audit');
}

/**
 * Sign the chain's current head with the configured key and store the checkpoint. The time is
 * `ctx.now()` (the wall clock in operation; the story's clock for the demo). Refuses when the
 * events since the previous checkpoint do not verify (signing a tampered head would vouch for
 * it). Runs under the audit lock, so no event slips in between reading the head and signing it.
 */
type Cursor = { seq: number; prevHash: string; prevRecordedAt: string | null };

/** Check events after `from` (links, hashes, MACs); the cursor after the last one. */
async function checkFrom(db: Db | Tx, from: Cursor, key: SigningKey, direct: boolean): Promise<Cursor> {
  let expected = from;
  for await (const page of readEventPages(db, from.seq - 1, { direct })) {
    for (const e of page) {
      const broken = checkLink(e, expected);
      const forged = !broken && e.v >= 2 && (e.mac === null || e.mac !== eventMac(key, e.hash));
      if (broken || forged) {
        throw new AppError('conflict', `The audit chain is broken at seq ${e.seq} (${broken ?? 'no valid MAC'}): not signing a checkpoint over it`);
      }
      expected = { seq: e.seq + 1, prevHash: e.hash, prevRecordedAt: e.recordedAt };
    }
  }
  return expected;
}

export async function createCheckpoint(ctx: ServiceContext, reason: string): Promise<StoredCheckpoint> {
  if (!mayCheckpoint(ctx.actor)) throw new AppError('forbidden', `Your role (${ctx.actor.role}) may not sign an audit checkpoint`);
  const key = signingKey();
  const at = ctx.now();
  const start = async (db: Db | Tx): Promise<Cursor> => {
    const prev = await latestCheckpoint(db);
    if (prev && prev.seq > 0) {
      const covered = await db.auditEvent.findUnique({ where: { seq: prev.seq }, select: { hash: true } });
      if (covered?.hash !== prev.hash) throw new AppError('conflict', `The audit chain does not match the checkpoint at seq ${prev.seq}: not signing a new one (run verify)`);
    }
    return { seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? GENESIS_HASH, prevRecordedAt: null };
  };
  // The long part first, outside the transaction, on a connection of its own (a first checkpoint
  // over a million events); then, under the lock, only what was appended meanwhile.
  const checked = await checkFrom(ctx.db, await start(ctx.db), key, true);
  return ctx.db.$transaction(
    async (tx) => {
      await lockAuditChain(tx);
      let cursor = await start(tx);
      if (checked.seq > cursor.seq) {
        const last = await tx.auditEvent.findUnique({ where: { seq: checked.seq - 1 }, select: { hash: true } });
        if (last?.hash !== checked.prevHash) throw new AppError('conflict', `Event ${checked.seq - 1} changed while it was being checked: not signing`);
        cursor = checked;
      }
      const expected = await checkFrom(tx, cursor, key, false);
      const statement = { seq: expected.seq - 1, hash: expected.prevHash, at: at.toISOString(), reason, keyId: key.keyId };
      const signature = sign(null, checkpointPayload(statement), key.privateKey).toString('base64');
      const row = await tx.auditCheckpoint.create({
        data: { seq: statement.seq, hash: statement.hash, at, reason, keyId: key.keyId, publicKey: key.publicKeyPem, signature },
        select: SELECT,
      });
      return toCheckpoint(row);
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** The checkpoint covering the most events (latest signed on ties). */
export async function latestCheckpoint(db: Db | Tx): Promise<StoredCheckpoint | null> {
  const row = await db.auditCheckpoint.findFirst({ orderBy: [{ seq: 'desc' }, { id: 'desc' }], select: SELECT });
  return row ? toCheckpoint(row) : null;
}

/**
 * The last checkpoint signed at or before a time (by its `at`), or covering at most a sequence
 * number (`{ seq }`). For a quarter: `checkpointAtOrBefore(db, quarterStart)` and
 * `checkpointAtOrBefore(db, quarterEnd)` bound the run of events to export.
 */
export async function checkpointAtOrBefore(db: Db | Tx, point: Date | { seq: number }): Promise<StoredCheckpoint | null> {
  const row =
    point instanceof Date
      ? await db.auditCheckpoint.findFirst({ where: { at: { lte: point } }, orderBy: [{ at: 'desc' }, { seq: 'desc' }, { id: 'desc' }], select: SELECT })
      : await db.auditCheckpoint.findFirst({ where: { seq: { lte: point.seq } }, orderBy: [{ seq: 'desc' }, { id: 'desc' }], select: SELECT });
  return row ? toCheckpoint(row) : null;
}

/** The first checkpoint covering at least `seq` (the end of a run of events). */
export async function checkpointAtOrAfter(db: Db | Tx, point: { seq: number }): Promise<StoredCheckpoint | null> {
  const row = await db.auditCheckpoint.findFirst({ where: { seq: { gte: point.seq } }, orderBy: [{ seq: 'asc' }, { id: 'asc' }], select: SELECT });
  return row ? toCheckpoint(row) : null;
}

/** Every checkpoint in sequence order (the verifier compares the chain with each). */
export async function allCheckpoints(db: Db | Tx): Promise<StoredCheckpoint[]> {
  const rows = await db.auditCheckpoint.findMany({ orderBy: [{ seq: 'asc' }, { id: 'asc' }], select: SELECT });
  return rows.map(toCheckpoint);
}

/** Is a signing key configured in this process? (Verify warns instead of checking MACs if not.) */
export function hasSigningKey(): boolean {
  return signingKeyOrNull() !== null;
}
