import { createPublicKey } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { appendAuditEvent, verifyAuditChain } from '@/lib/audit/chain';
import {
  checkpointAtOrBefore, createCheckpoint, eventToCanonicalLine, generateSigningKeyPem, latestCheckpoint, publicKeyPem,
  verifyCheckpointSignature, verifyEvents, verifyEventRecords, checkpointStatement,
} from '@/lib/audit/checkpoint';
import { computeEventHash, type AuditEventRecord, type AuditEventRow } from '@/lib/audit/event-hash';
import { eventMac, signingKey } from '@/lib/audit/signing-key';
import { SYSTEM_ACTOR } from '@/lib/auth/permissions';
import { contextFor } from '@/lib/context';
import { createPrismaClient, type Db } from '@/lib/db';
import { createDatabaseFromTemplate } from '../db';

// The tampering of issue 8's table, done as the database superuser with the triggers skipped,
// on a database of this file's own. Each scenario starts from a fresh chain of 250 events.
let db: Db;
let raw: pg.Client;
let drop: () => Promise<void>;

beforeAll(async () => {
  const created = await createDatabaseFromTemplate(inject('templateDatabase'), 'mgr_ckpt');
  drop = created.drop;
  db = createPrismaClient(created.url);
  raw = new pg.Client({ connectionString: created.url });
  await raw.connect();
});

afterAll(async () => {
  await raw?.end();
  await db?.$disconnect();
  await drop?.();
});

async function tamper(sql: string, params: unknown[] = []) {
  await raw.query('SET session_replication_role = replica');
  try {
    return await raw.query(sql, params);
  } finally {
    await raw.query('SET session_replication_role = DEFAULT');
  }
}

async function append(n: number, label: string) {
  const events = Array.from({ length: n }, (_, i) => ({ actor: SYSTEM_ACTOR, occurredAt: new Date(), action: 'incident.log' as const, entityType: 'test', entityId: `${label}-${i}`, change: { entryId: String(i), text: label } }));
  // Batches keep the setup quick; each append still takes the lock and links to the head.
  for (let i = 0; i < events.length; i += 50) {
    await db.$transaction(async (tx) => {
      for (const e of events.slice(i, i + 50)) await appendAuditEvent(tx, e);
    });
  }
}

const ctx = () => contextFor(SYSTEM_ACTOR, { db });

beforeEach(async () => {
  await tamper('DELETE FROM audit_events');
  await tamper('DELETE FROM audit_checkpoints');
});

/** A chain of 250 events with a checkpoint signed after each of the given sequence numbers. */
async function chain(checkpointsAt: number[]) {
  let head = 0;
  for (const at of [...checkpointsAt, 250]) {
    if (at > head) await append(at - head, 'base');
    head = at;
    if (checkpointsAt.includes(at)) await createCheckpoint(ctx(), `at ${at}`);
  }
}

/** Rewrite event `from` and recompute every hash after it, as an attacker without the key can. */
async function editAndRehash(from: number) {
  await tamper(`UPDATE audit_events SET change = '{"entryId": "199", "text": "edited"}' WHERE seq = $1`, [from]);
  const rows = (await db.auditEvent.findMany({ where: { seq: { gte: from } }, orderBy: { seq: 'asc' } })) as AuditEventRow[];
  let prevHash = (await db.auditEvent.findUniqueOrThrow({ where: { seq: from - 1 }, select: { hash: true } })).hash;
  for (const row of rows) {
    const hash = computeEventHash(prevHash, { ...JSON.parse(eventToCanonicalLine(row)) });
    await tamper('UPDATE audit_events SET prev_hash = $1, hash = $2 WHERE seq = $3', [prevHash, hash, row.seq]);
    prevHash = hash;
  }
}

describe('signed checkpoints catch what the chain alone cannot', () => {
  it('signs the head with the configured key and verifies clean', async () => {
    await chain([]);
    const cp = await createCheckpoint(ctx(), 'test');
    expect(cp).toMatchObject({ seq: 250, reason: 'test' });
    expect(verifyCheckpointSignature(cp, publicKeyPem())).toEqual({ ok: true });
    expect(verifyCheckpointSignature(cp, createOtherPublicKey())).toMatchObject({ ok: false, reason: expect.stringMatching(/another key/) });
    expect((await latestCheckpoint(db))?.id).toBe(cp.id);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 250, checkpoint: { seq: 250 } });
  });

  it('deleting the last event after a checkpoint is caught, naming it', async () => {
    await chain([250]);
    await tamper('DELETE FROM audit_events WHERE seq = 250');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 250, reason: expect.stringMatching(/events 250…250 are missing/) });
  });

  it('deleting the last 5 events after a checkpoint is caught, naming the first', async () => {
    await chain([250]);
    await tamper('DELETE FROM audit_events WHERE seq > 245');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 246, reason: expect.stringMatching(/events 246…250 are missing/) });
  });

  it('editing event 200 and re-hashing every event after it is caught by the checkpoint', async () => {
    await chain([100, 250]);
    await editAndRehash(200);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 101, reason: expect.stringMatching(/events 101…250 were rewritten.*matches the checkpoint at seq 100/) });
  });

  it('editing event 200 and re-hashing after the latest checkpoint is caught at event 200 (no valid MAC)', async () => {
    await chain([150]);
    await editAndRehash(200);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 200, reason: expect.stringMatching(/not appended by the application/) });
  });

  it('a forged event appended with a correctly computed hash is caught', async () => {
    await chain([250]);
    const head = (await raw.query('SELECT hash, recorded_at FROM audit_events WHERE seq = 250')).rows[0];
    const at = new Date(head.recorded_at.getTime() + 1000).toISOString();
    const fields = { seq: 251, v: 2, occurredAt: at, recordedAt: at, actorType: 'system', actorId: null, actorLabel: 'system', action: 'test.event', entityType: 'test', entityId: 'forged', change: {} };
    await raw.query(
      `INSERT INTO audit_events (seq, hash_version, occurred_at, recorded_at, actor_type, actor_id, actor_label, action, entity_type, entity_id, change, prev_hash, hash)
       VALUES (251, 2, $1, $1, 'system', NULL, 'system', 'test.event', 'test', 'forged', '{}', $2, $3)`,
      [at, head.hash, computeEventHash(head.hash, fields)],
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 251, reason: expect.stringMatching(/not appended by the application.*forged/) });
  });

  it('a checkpoint forged with another key is caught', async () => {
    await chain([]);
    const cp = await createCheckpoint(ctx(), 'test');
    await raw.query(
      `INSERT INTO audit_checkpoints (seq, hash, at, reason, key_id, public_key, signature) VALUES ($1, $2, now(), 'forged', $3, 'x', $4)`,
      [cp.seq, cp.hash, 'a'.repeat(64), cp.signature],
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, reason: expect.stringMatching(/signed by another key/) });
  });

  it('refuses to sign a checkpoint over a broken chain', async () => {
    await chain([100]);
    await editAndRehash(200);
    await expect(createCheckpoint(ctx(), 'daily')).rejects.toThrow(/broken at seq 200/);
  });

  it('finds checkpoints by time and by sequence', async () => {
    await chain([]);
    const early = await createCheckpoint(contextFor(SYSTEM_ACTOR, { db, now: () => new Date('2023-03-31T23:59:59Z') }), 'q1');
    await append(5, 'more');
    const late = await createCheckpoint(contextFor(SYSTEM_ACTOR, { db, now: () => new Date('2023-06-30T23:59:59Z') }), 'q2');
    expect((await checkpointAtOrBefore(db, new Date('2023-05-01T00:00:00Z')))?.id).toBe(early.id);
    expect((await checkpointAtOrBefore(db, new Date('2023-07-01T00:00:00Z')))?.id).toBe(late.id);
    expect(await checkpointAtOrBefore(db, new Date('2023-01-01T00:00:00Z'))).toBeNull();
    expect((await checkpointAtOrBefore(db, { seq: 254 }))?.id).toBe(early.id);
  });
});

describe('verifyEvents: the offline check of a run of canonical lines', () => {
  it('accepts the exported run between two checkpoints and names the first changed line', async () => {
    await chain([100, 250]);
    const from = checkpointStatement((await checkpointAtOrBefore(db, { seq: 100 }))!);
    const to = checkpointStatement((await latestCheckpoint(db))!);
    const rows = (await db.auditEvent.findMany({ where: { seq: { gt: 100 } }, orderBy: { seq: 'asc' } })) as AuditEventRow[];
    const lines = rows.map(eventToCanonicalLine);
    const key = publicKeyPem();
    expect(verifyEvents(lines, from, to, key)).toMatchObject({ ok: true, count: 150, fromSeq: 100, toSeq: 250 });

    const changed = [...lines];
    changed[49] = changed[49].replace('"text":"base"', '"text":"bass"');
    expect(verifyEvents(changed, from, to, key)).toMatchObject({ ok: false, brokenSeq: 150, line: 50, reason: expect.stringMatching(/altered/) });
    expect(verifyEvents(lines.slice(0, -1), from, to, key)).toMatchObject({ ok: false, brokenSeq: 250, reason: expect.stringMatching(/missing/) });
    expect(verifyEvents(lines, from, to, createOtherPublicKey())).toMatchObject({ ok: false, reason: expect.stringMatching(/another key/) });
    expect(verifyEvents(['{"not":"canonical" }', ...lines], from, to, key)).toMatchObject({ ok: false, line: 1 });
  });

  it('checks the records a run is written from the same way (what the quarterly audit does)', async () => {
    await chain([100, 250]);
    const from = checkpointStatement((await checkpointAtOrBefore(db, { seq: 100 }))!);
    const to = checkpointStatement((await latestCheckpoint(db))!);
    const rows = (await db.auditEvent.findMany({ where: { seq: { gt: 100 } }, orderBy: { seq: 'asc' } })) as AuditEventRow[];
    const records = rows.map((r) => JSON.parse(eventToCanonicalLine(r)) as AuditEventRecord);
    const key = publicKeyPem();
    expect(verifyEventRecords(records, from, to, key)).toMatchObject({ ok: true, count: 150, fromSeq: 100, toSeq: 250 });
    const changed = records.map((r, i) => (i === 49 ? { ...r, change: { ...(r.change as object), text: 'bass' } } : r));
    expect(verifyEventRecords(changed, from, to, key)).toMatchObject({ ok: false, brokenSeq: 150, line: 50, reason: expect.stringMatching(/altered/) });
    expect(verifyEventRecords(records.slice(0, -1), from, to, key)).toMatchObject({ ok: false, brokenSeq: 250, reason: expect.stringMatching(/missing/) });
    expect(verifyEventRecords(records.filter((_, i) => i !== 10), from, to, key)).toMatchObject({ ok: false, brokenSeq: 111, line: 11, reason: expect.stringMatching(/missing/) });
  });
});

describe('two times per event', () => {
  it('records business time from the caller and a monotonic append time', async () => {
    await chain([]);
    // The head claims an append time an hour ahead (another instance with a skewed clock).
    const future = new Date(Date.now() + 3_600_000);
    await tamper('UPDATE audit_events SET recorded_at = $1 WHERE seq = 250', [future]);
    await restoreHashOf(250);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const occurredAt = new Date('2023-04-03T09:00:00Z');
    await db.$transaction((tx) => appendAuditEvent(tx, { actor: SYSTEM_ACTOR, action: 'incident.log', entityType: 'test', entityId: 'b', change: { entryId: 'b', text: 'late' }, occurredAt }));
    const last = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(last.occurredAt.toISOString()).toBe('2023-04-03T09:00:00.000Z');
    expect(last.recordedAt.getTime()).toBeGreaterThanOrEqual(future.getTime());
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

function createOtherPublicKey(): string {
  return createPublicKey(generateSigningKeyPem()).export({ type: 'spki', format: 'pem' }).toString();
}

/** Recompute the hash of the head event after a setup edit (and its MAC, as the app would). */
async function restoreHashOf(seq: number) {
  const row = (await db.auditEvent.findUniqueOrThrow({ where: { seq } })) as AuditEventRow;
  const hash = computeEventHash(row.prevHash, JSON.parse(eventToCanonicalLine(row)));
  await tamper('UPDATE audit_events SET hash = $1, mac = $2 WHERE seq = $3', [hash, eventMac(signingKey(), hash), seq]);
}
