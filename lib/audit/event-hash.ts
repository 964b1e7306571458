// Pure: how one audit event is hashed and written as a canonical JSON line. No database, no key:
// used by the append, by the database verifier and by the offline bundle verifier alike.
import { hash } from 'node:crypto';
import { canonicalJson } from './canonical';

/** The hash "before" the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The current hash version (see docs/decisions/003-audit-chain.md). */
export const HASH_VERSION = 2;

/** One event as it is stored and exported (times as ISO-8601 UTC with milliseconds). */
export type AuditEventRecord = {
  seq: number;
  v: number; // hash version: 1 (before business time existed) or 2
  occurredAt: string;
  recordedAt: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  change: unknown;
  prevHash: string;
  hash: string;
};

/** A database row of audit_events as Prisma (or raw pg) returns it. */
export type AuditEventRow = {
  seq: number;
  hashVersion: number;
  occurredAt: Date;
  recordedAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  change: unknown;
  prevHash: string;
  hash: string;
};

export function rowToRecord(row: AuditEventRow): AuditEventRecord {
  return {
    seq: row.seq,
    v: row.hashVersion,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    change: row.change,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** What the hash covers, per version. Version 1 had one time, named `at` (the append time). */
function hashedFields(e: Omit<AuditEventRecord, 'prevHash' | 'hash'>): Record<string, unknown> {
  const common = {
    seq: e.seq,
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    change: e.change,
  };
  if (e.v === 1) return { ...common, at: e.recordedAt };
  return { ...common, v: e.v, occurredAt: e.occurredAt, recordedAt: e.recordedAt };
}

/** The event's RFC 8785 canonical JSON (what is hashed), by the general canonicalizer. */
export function canonicalHashedJson(e: Omit<AuditEventRecord, 'prevHash' | 'hash'>): string {
  return canonicalJson(hashedFields(e));
}

const str = JSON.stringify;

/**
 * The same bytes as canonicalHashedJson, built directly: the envelope's keys are fixed, so they
 * are written in their RFC 8785 (UTF-16 code unit) order and only `change` goes through the
 * general canonicalizer. Three times faster; verify over a million events depends on it.
 * (event-hash.test.ts checks both agree on generated events.)
 */
export function fastHashedJson(e: Omit<AuditEventRecord, 'prevHash' | 'hash'>): string {
  if (!Number.isSafeInteger(e.seq)) return canonicalHashedJson(e);
  const head = `{"action":${str(e.action)},"actorId":${e.actorId === null ? 'null' : str(e.actorId)},"actorLabel":${str(e.actorLabel)},"actorType":${str(e.actorType)}`;
  const change = canonicalJson(e.change);
  const entity = `"entityId":${str(e.entityId)},"entityType":${str(e.entityType)}`;
  if (e.v === 1) return `${head},"at":${str(e.recordedAt)},"change":${change},${entity},"seq":${e.seq}}`;
  if (!Number.isSafeInteger(e.v)) return canonicalHashedJson(e);
  return `${head},"change":${change},${entity},"occurredAt":${str(e.occurredAt)},"recordedAt":${str(e.recordedAt)},"seq":${e.seq},"v":${e.v}}`;
}

/**
 * SHA-256 over the previous hash, a newline and the event's RFC 8785 canonical JSON. Node's one-shot
 * crypto.hash (20.12+; package.json asks for 20.19) builds no Hash object per call: creating,
 * updating and digesting one was about a tenth of verify's time over a million events.
 */
export function computeEventHash(prevHash: string, e: Omit<AuditEventRecord, 'prevHash' | 'hash'>): string {
  return hash('sha256', `${prevHash}\n${fastHashedJson(e)}`, 'hex');
}

/**
 * A record's RFC 8785 canonical JSON built directly, as fastHashedJson does for the hashed part:
 * the thirteen keys are written in their UTF-16 order and only `change` goes through the general
 * canonicalizer. The same bytes as `canonicalJson(record)` for a record of exactly those keys
 * (event-hash.test.ts checks it on generated records), and only those keys for any object; what it
 * cannot write that way (no `change`, a seq or version beyond the safe integers) goes to the general one. The general canonicalizer
 * over the whole record was a third of the quarterly bundle's CPU on a 30,000-event quarter.
 */
export function fastCanonicalRecord(e: AuditEventRecord): string {
  if (e.change === undefined || !Number.isSafeInteger(e.seq) || !Number.isSafeInteger(e.v)) {
    // Only the record's fields, whatever else the object carries (a stored event's MAC, say).
    return canonicalJson({
      seq: e.seq, v: e.v, occurredAt: e.occurredAt, recordedAt: e.recordedAt, actorType: e.actorType, actorId: e.actorId, actorLabel: e.actorLabel,
      action: e.action, entityType: e.entityType, entityId: e.entityId, change: e.change, prevHash: e.prevHash, hash: e.hash,
    });
  }
  return `{"action":${str(e.action)},"actorId":${e.actorId === null ? 'null' : str(e.actorId)},"actorLabel":${str(e.actorLabel)},"actorType":${str(e.actorType)},"change":${canonicalJson(e.change)},"entityId":${str(e.entityId)},"entityType":${str(e.entityType)},"hash":${str(e.hash)},"occurredAt":${str(e.occurredAt)},"prevHash":${str(e.prevHash)},"recordedAt":${str(e.recordedAt)},"seq":${e.seq},"v":${e.v}}`;
}

/**
 * One event as one canonical JSON line (no trailing newline): the bundle's and export's format.
 * Only the record's thirteen fields are written, whatever else the object carries.
 */
export function eventToCanonicalLine(row: AuditEventRow | AuditEventRecord): string {
  return fastCanonicalRecord('hashVersion' in row ? rowToRecord(row) : row);
}

/**
 * Check one event against the one before it (or the start point): sequence, link, content hash
 * and append-time order. Returns the reason it fails, or null.
 */
export function checkLink(
  e: AuditEventRecord,
  expected: { seq: number; prevHash: string; prevRecordedAt: string | null },
): string | null {
  if (e.seq !== expected.seq) {
    return e.seq > expected.seq
      ? `event ${expected.seq} is missing (next present is ${e.seq})`
      : `event ${e.seq} is out of order (expected ${expected.seq})`;
  }
  if (e.v !== 1 && e.v !== HASH_VERSION) return `event ${e.seq} has an unknown hash version ${e.v}`;
  if (e.prevHash !== expected.prevHash) return `event ${e.seq} does not link to the previous event's hash`;
  if (computeEventHash(expected.prevHash, e) !== e.hash) return `event ${e.seq} was altered: its content does not match its hash`;
  if (expected.prevRecordedAt !== null && e.recordedAt < expected.prevRecordedAt) {
    return `event ${e.seq} was recorded before the event preceding it (${e.recordedAt} < ${expected.prevRecordedAt})`;
  }
  return null;
}
