// The one way audit events are read back for use (audit page, jobs, quarterly report): each row's
// `{action, change}` is validated against lib/audit/events.ts, so callers narrow on a typed
// `action` instead of matching strings. Rows that do not validate (written before a schema
// existed, or altered) come back marked invalid with the reason rather than being dropped.
import type { Db, Tx } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { type AuditAction, AuditEventDataSchema, type AuditEventData } from './events';

const SELECT = {
  seq: true, occurredAt: true, recordedAt: true, actorType: true, actorId: true, actorLabel: true,
  action: true, entityType: true, entityId: true, change: true, prevHash: true, hash: true,
} as const;

type Envelope = {
  seq: number;
  occurredAt: Date;
  recordedAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  entityType: string;
  entityId: string;
  prevHash: string;
  hash: string;
};

export type TypedAuditEvent = Envelope & AuditEventData & { valid: true };
export type InvalidAuditEvent = Envelope & { valid: false; action: string; change: unknown; issue: string };
export type ReadAuditEvent = TypedAuditEvent | InvalidAuditEvent;

type Row = Envelope & { action: string; change: unknown };

export function toTypedEvent(row: Row): ReadAuditEvent {
  const { action, change, ...envelope } = row;
  const parsed = AuditEventDataSchema.safeParse({ action, change });
  if (parsed.success) return { ...envelope, ...(parsed.data as AuditEventData), valid: true };
  const issue = parsed.error.issues[0];
  return { ...envelope, action, change, valid: false, issue: `${issue?.path.join('.') || 'action'}: ${issue?.message ?? 'invalid'}` };
}

export type AuditEventFilter = {
  actions?: readonly AuditAction[];
  entityType?: string;
  entityIds?: readonly string[];
  /** Business time, inclusive lower bound. */
  occurredFrom?: Date;
  /** Business time, exclusive upper bound. */
  occurredBefore?: Date;
  seqFrom?: number;
  seqTo?: number;
  /** Extra Prisma conditions (free-text search on the audit page). */
  where?: Prisma.AuditEventWhereInput;
};

export function auditEventWhere(f: AuditEventFilter): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = { ...(f.where ?? {}) };
  if (f.actions) where.action = { in: [...f.actions] };
  if (f.entityType) where.entityType = f.entityType;
  if (f.entityIds) where.entityId = { in: [...f.entityIds] };
  if (f.occurredFrom || f.occurredBefore) where.occurredAt = { ...(f.occurredFrom ? { gte: f.occurredFrom } : {}), ...(f.occurredBefore ? { lt: f.occurredBefore } : {}) };
  if (f.seqFrom !== undefined || f.seqTo !== undefined) where.seq = { ...(f.seqFrom !== undefined ? { gte: f.seqFrom } : {}), ...(f.seqTo !== undefined ? { lte: f.seqTo } : {}) };
  return where;
}

/** Events matching the filter, validated, in sequence order (or newest first). */
export async function readAuditEvents(
  db: Db | Tx,
  filter: AuditEventFilter = {},
  page: { order?: 'asc' | 'desc'; skip?: number; take?: number } = {},
): Promise<ReadAuditEvent[]> {
  const rows = await db.auditEvent.findMany({
    where: auditEventWhere(filter),
    orderBy: { seq: page.order ?? 'asc' },
    skip: page.skip,
    take: page.take,
    select: SELECT,
  });
  return rows.map(toTypedEvent);
}

export async function countAuditEvents(db: Db | Tx, filter: AuditEventFilter = {}): Promise<number> {
  return db.auditEvent.count({ where: auditEventWhere(filter) });
}

/** Narrow a read event to one action (typed payload), e.g. `events.filter(isAction('vote.cast'))`. */
export function isAction<A extends AuditAction>(action: A) {
  return (e: ReadAuditEvent): e is Envelope & Extract<AuditEventData, { action: A }> & { valid: true } => e.valid && e.action === action;
}
