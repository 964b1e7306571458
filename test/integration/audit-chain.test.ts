import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appendAuditEvent, verifyAuditChain } from '@/lib/audit/chain';
import { SYSTEM_ACTOR } from '@/lib/auth/permissions';
import { createPrismaClient, type Db } from '@/lib/db';
import { createDatabaseFromTemplate } from '../db';

// Tampering breaks the chain for everyone who verifies it, so these tests use a database of
// their own, cloned from the run's migrated template.
let db: Db;
let raw: pg.Client;
let drop: () => Promise<void>;

beforeAll(async () => {
  const created = await createDatabaseFromTemplate(inject('templateDatabase'), 'mgr_audit');
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

async function append(n: number, label = 'seq') {
  for (let i = 0; i < n; i++) {
    await db.$transaction((tx) =>
      appendAuditEvent(tx, { actor: SYSTEM_ACTOR, occurredAt: new Date(), action: 'settings.update', entityType: 'test', entityId: `${label}-${i}`, change: { changes: { b: { before: i, after: 2 }, a: { before: 1, after: i } } } }),
    );
  }
}

/** Tamper behind the app's back: as superuser, with user triggers off for this session. */
async function tamper(sql: string, params: unknown[] = []) {
  await raw.query('SET session_replication_role = replica');
  try {
    await raw.query(sql, params);
  } finally {
    await raw.query('SET session_replication_role = DEFAULT');
  }
}

async function restoreCleanChain() {
  await tamper('DELETE FROM audit_events');
  await append(10, 'clean');
  expect((await verifyAuditChain(db)).ok).toBe(true);
}

describe('audit chain', () => {
  it('gives one unbroken chain under 50 concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.$transaction((tx) => appendAuditEvent(tx, { actor: SYSTEM_ACTOR, occurredAt: new Date(), action: 'incident.log', entityType: 'test', entityId: `w${i}`, change: { entryId: `w${i}`, text: `writer ${i}` } }), { maxWait: 60_000 }),
      ),
    );
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: true });
    const { rows } = await raw.query('SELECT count(*)::int AS n, min(seq) AS lo, max(seq) AS hi FROM audit_events');
    expect(rows[0]).toEqual({ n: 50, lo: 1, hi: 50 });
    expect(result.ok && result.count).toBe(50);
  });

  it('rolls the event back with the transaction that failed', async () => {
    const before = (await raw.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n;
    await expect(
      db.$transaction(async (tx) => {
        await appendAuditEvent(tx, { actor: SYSTEM_ACTOR, occurredAt: new Date(), action: 'incident.log', entityType: 'test', entityId: 'x', change: { entryId: 'x', text: 'rolled back' } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await raw.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(before);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database', async () => {
    await expect(raw.query("UPDATE audit_events SET action = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(raw.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(raw.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });

  it('names the event whose content was updated', async () => {
    await restoreCleanChain();
    await tamper(`UPDATE audit_events SET change = '{"i": 99}' WHERE seq = 4`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 4, reason: expect.stringMatching(/altered/) });
  });

  it('walks the chain page by page: a change in a later page and a gap on a page boundary are named', async () => {
    await restoreCleanChain();
    // Pages of 3 events: 1–3, 4–6, 7–9, 10. Every page is checked, not only the first.
    expect(await verifyAuditChain(db, { pageSize: 3 })).toMatchObject({ ok: true, count: 10, headSeq: 10 });
    await tamper(`UPDATE audit_events SET change = '{"i": 99}' WHERE seq = 8`);
    expect(await verifyAuditChain(db, { pageSize: 3 })).toMatchObject({ ok: false, brokenSeq: 8, count: 7, reason: expect.stringMatching(/altered/) });
    await restoreCleanChain();
    await tamper('DELETE FROM audit_events WHERE seq = 7');
    expect(await verifyAuditChain(db, { pageSize: 3 })).toMatchObject({ ok: false, brokenSeq: 7, count: 6, reason: expect.stringMatching(/missing/) });
  });

  it('names the gap left by a deleted event', async () => {
    await restoreCleanChain();
    await tamper('DELETE FROM audit_events WHERE seq = 6');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 6, reason: expect.stringMatching(/missing/) });
  });

  it('catches two events swapped (reordered)', async () => {
    await restoreCleanChain();
    // Swap events 3 and 5 whole (rows keep their hashes; only their order changes).
    await tamper('UPDATE audit_events SET seq = 1003 WHERE seq = 3');
    await tamper('UPDATE audit_events SET seq = 3 WHERE seq = 5');
    await tamper('UPDATE audit_events SET seq = 5 WHERE seq = 1003');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 3, reason: expect.stringMatching(/does not link/) });
  });

  it('catches an event inserted in the middle with a forged hash', async () => {
    await restoreCleanChain();
    // Shift 7..10 up by one and insert a forged event at 7 that claims the right prev hash.
    await tamper('UPDATE audit_events SET seq = seq + 100 WHERE seq >= 7');
    await tamper('UPDATE audit_events SET seq = seq - 99 WHERE seq >= 107');
    const prev = (await raw.query('SELECT hash FROM audit_events WHERE seq = 6')).rows[0].hash;
    await tamper(
      `INSERT INTO audit_events (seq, occurred_at, recorded_at, actor_type, actor_id, actor_label, action, entity_type, entity_id, change, prev_hash, hash)
       VALUES (7, now(), now(), 'system', NULL, 'mallory', 'test.forged', 'test', 'forged', '{}', $1, $2)`,
      [prev, 'f'.repeat(64)],
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 7, reason: expect.stringMatching(/altered/) });
  });

  it('catches an inserted event whose hash was recomputed, at the event itself (it has no valid MAC)', async () => {
    await restoreCleanChain();
    const { computeEventHash } = await import('@/lib/audit/event-hash');
    await tamper('UPDATE audit_events SET seq = seq + 100 WHERE seq >= 7');
    await tamper('UPDATE audit_events SET seq = seq - 99 WHERE seq >= 107');
    const six = (await raw.query('SELECT hash, recorded_at FROM audit_events WHERE seq = 6')).rows[0];
    const prev = six.hash;
    const at = new Date(six.recorded_at.getTime() + 1);
    const fields = { seq: 7, v: 2, occurredAt: at.toISOString(), recordedAt: at.toISOString(), actorType: 'system', actorId: null, actorLabel: 'mallory', action: 'test.forged', entityType: 'test', entityId: 'forged', change: {} };
    await tamper(
      `INSERT INTO audit_events (seq, hash_version, occurred_at, recorded_at, actor_type, actor_id, actor_label, action, entity_type, entity_id, change, prev_hash, hash)
       VALUES (7, 2, $1, $1, 'system', NULL, 'mallory', 'test.forged', 'test', 'forged', '{}', $2, $3)`,
      [at, prev, computeEventHash(prev, fields)],
    );
    // The forged event is self-consistent, but the attacker has no key to give it a valid MAC
    // (without one, the chain alone would only catch the original event now at 8).
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 7, reason: expect.stringMatching(/not appended by the application/) });
  });
});
