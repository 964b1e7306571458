// Pure verification (no database, no private key): checkpoint signatures and a run of events,
// given as canonical JSON lines, between two checkpoints. `mgr verify-bundle` runs it offline.
import { createPublicKey, verify as edVerify } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './canonical';
import { AuditRecordSchema as RecordSchema } from './record-schema';
import { type AuditEventRecord, GENESIS_HASH, checkLink, fastCanonicalRecord } from './event-hash';
import { publicKeyFingerprint } from './signing-key';

/** A signed statement "at `at`, the chain's head was event `seq` with hash `hash`". */
export type Checkpoint = {
  seq: number;
  hash: string;
  at: string; // ISO-8601 UTC, when it was signed
  reason: string;
  keyId: string; // SHA-256 of the signer's public key (SPKI DER), hex
  signature: string; // base64 Ed25519 over checkpointPayload()
};

export const CheckpointSchema = z.object({
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  reason: z.string(),
  keyId: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().min(1),
});

/** The exact bytes that are signed. */
export function checkpointPayload(cp: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(canonicalJson({ type: 'mgr-audit-checkpoint', v: 1, seq: cp.seq, hash: cp.hash, at: cp.at, reason: cp.reason, keyId: cp.keyId }));
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Is `cp` signed by the holder of `publicKeyPem` (and does its key id name that key)? */
export function verifyCheckpointSignature(cp: Checkpoint, publicKeyPem: string): SignatureCheck {
  let fingerprint: string;
  try {
    fingerprint = publicKeyFingerprint(publicKeyPem);
  } catch {
    return { ok: false, reason: 'the public key is not a readable PEM public key' };
  }
  if (cp.keyId !== fingerprint) {
    return { ok: false, reason: `checkpoint at seq ${cp.seq} was signed by another key (${cp.keyId.slice(0, 16)}…, expected ${fingerprint.slice(0, 16)}…)` };
  }
  const ok = edVerify(null, checkpointPayload(cp), createPublicKey(publicKeyPem), Buffer.from(cp.signature, 'base64'));
  return ok ? { ok: true } : { ok: false, reason: `checkpoint at seq ${cp.seq} has an invalid signature` };
}

export type EventsVerifyResult =
  | { ok: true; count: number; fromSeq: number; toSeq: number; headHash: string }
  | { ok: false; count: number; brokenSeq: number; line?: number; reason: string };

/** Parse one canonical line; null with the reason when it is not one. */
export function parseCanonicalLine(line: string): { record: AuditEventRecord } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  const parsed = RecordSchema.safeParse(value);
  if (!parsed.success) return { error: `not an audit event (${parsed.error.issues[0]?.path.join('.') || 'value'}: ${parsed.error.issues[0]?.message})` };
  const record = parsed.data as AuditEventRecord;
  if (fastCanonicalRecord(record) !== line) return { error: 'not in canonical form (RFC 8785)' };
  return { record };
}

type Item = { line: number } & ({ record: AuditEventRecord } | { error: string });

function* parsedLines(lines: Iterable<string>): Generator<Item> {
  let line = 0;
  for (const raw of lines) {
    line += 1;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text !== '') yield { line, ...parseCanonicalLine(text) };
  }
}

function* recordItems(records: Iterable<AuditEventRecord>): Generator<Item> {
  let line = 0;
  for (const record of records) yield { line: ++line, record };
}

/**
 * Recompute the chain from checkpoint `from` (null: the genesis) to checkpoint `to`: both
 * signatures must verify with `publicKeyPem`; the lines must be exactly events from.seq+1 …
 * to.seq, linked, each matching its hash, recorded in order; and the last one's hash must be the
 * one `to` signed. Names the first event (and line, 1-based) that does not match.
 */
export function verifyEvents(lines: Iterable<string>, from: Checkpoint | null, to: Checkpoint, publicKeyPem: string): EventsVerifyResult {
  return verifyRun(parsedLines(lines), from, to, publicKeyPem);
}

/**
 * The same check over the records a run of lines is written from (the quarterly audit, which
 * writes each record as a line with eventToCanonicalLine): no JSON to parse back. "Line" in a
 * result is the record's position, which is its line in the written file.
 */
export function verifyEventRecords(records: Iterable<AuditEventRecord>, from: Checkpoint | null, to: Checkpoint, publicKeyPem: string): EventsVerifyResult {
  return verifyRun(recordItems(records), from, to, publicKeyPem);
}

function verifyRun(items: Iterable<Item>, from: Checkpoint | null, to: Checkpoint, publicKeyPem: string): EventsVerifyResult {
  for (const cp of from ? [from, to] : [to]) {
    const sig = verifyCheckpointSignature(cp, publicKeyPem);
    if (!sig.ok) return { ok: false, count: 0, brokenSeq: cp.seq, reason: sig.reason };
  }
  const startSeq = from?.seq ?? 0;
  if (to.seq < startSeq) return { ok: false, count: 0, brokenSeq: to.seq, reason: `end checkpoint (seq ${to.seq}) is before the start checkpoint (seq ${startSeq})` };
  let expected = { seq: startSeq + 1, prevHash: from?.hash ?? GENESIS_HASH, prevRecordedAt: null as string | null };
  let count = 0;
  for (const item of items) {
    const lineNo = item.line;
    if ('error' in item) return { ok: false, count, brokenSeq: expected.seq, line: lineNo, reason: `line ${lineNo} (event ${expected.seq}): ${item.error}` };
    const e = item.record;
    if (e.seq > to.seq) return { ok: false, count, brokenSeq: e.seq, line: lineNo, reason: `event ${e.seq} is after the end checkpoint (seq ${to.seq})` };
    const broken = checkLink(e, expected);
    if (broken) return { ok: false, count, brokenSeq: Math.min(e.seq, expected.seq), line: lineNo, reason: broken };
    expected = { seq: e.seq + 1, prevHash: e.hash, prevRecordedAt: e.recordedAt };
    count += 1;
  }
  if (expected.seq - 1 !== to.seq) {
    return { ok: false, count, brokenSeq: expected.seq, reason: `events ${expected.seq}…${to.seq} are missing (the end checkpoint covers up to seq ${to.seq})` };
  }
  if (expected.prevHash !== to.hash) {
    return { ok: false, count, brokenSeq: to.seq, reason: `event ${to.seq}'s hash is not the one the end checkpoint signed: events up to it were rewritten` };
  }
  return { ok: true, count, fromSeq: startSeq, toSeq: to.seq, headHash: to.hash };
}
