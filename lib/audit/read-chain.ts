// Streams audit_events in sequence order, in keyset pages, as plain records (no per-row ORM
// models): the verifier walks a million events in flat memory.
import type { Db, Tx } from '../db';
import type { AuditEventRecord } from './event-hash';

export type StoredEvent = AuditEventRecord & { mac: string | null };

type RawRow = {
  seq: number;
  hash_version: number;
  occurred_at: Date;
  recorded_at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  change: unknown;
  prev_hash: string;
  hash: string;
  mac: string | null;
};

/** Events with seq > afterSeq (up to and including toSeq when given), in order. */
export async function* readEvents(db: Db | Tx, afterSeq = 0, opts: { toSeq?: number; pageSize?: number } = {}): AsyncGenerator<StoredEvent> {
  const pageSize = opts.pageSize ?? 5000;
  const toSeq = opts.toSeq ?? 2_147_483_647;
  let last = afterSeq;
  for (;;) {
    const rows = await db.$queryRaw<RawRow[]>`
      SELECT seq, hash_version::int AS hash_version, occurred_at, recorded_at, actor_type::text AS actor_type, actor_id,
             actor_label, action, entity_type, entity_id, change, prev_hash, hash, mac
      FROM audit_events WHERE seq > ${last} AND seq <= ${toSeq} ORDER BY seq LIMIT ${pageSize}`;
    for (const r of rows) {
      yield {
        seq: r.seq,
        v: r.hash_version,
        occurredAt: r.occurred_at.toISOString(),
        recordedAt: r.recorded_at.toISOString(),
        actorType: r.actor_type,
        actorId: r.actor_id,
        actorLabel: r.actor_label,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        change: r.change,
        prevHash: r.prev_hash,
        hash: r.hash,
        mac: r.mac,
      };
    }
    if (rows.length < pageSize) return;
    last = rows[rows.length - 1].seq;
  }
}
