// The background jobs themselves: plain functions over the database, run by the pg-boss workers
// (lib/jobs/queue.ts), by `npm run jobs -- <name>` (scripts/run-job.mts) and by the tests. Each is
// safe to run again or twice at once: archival re-checks the gate under a row lock, and the
// "overdue" flags are recorded at most once per entity (checked under an advisory lock).
import { appendAuditEvent } from '../audit/chain';
import { createCheckpoint, hasSigningKey } from '../audit/checkpoint';
import type { AuditAction, AuditPayloadInput } from '../audit/events';
import { isAction, readAuditEvents } from '../audit/reader';
import { contextFor } from '../context';
import { SYSTEM_ACTOR } from '../auth/permissions';
import { prisma, type Db, type Tx } from '../db';
import { isRcaOverdue } from '../domain/incident';
import { inTransaction } from '../services/transaction';
import { archiveExpiredVersions } from '../services/transition-version';

export type JobOptions = { db?: Db; now?: Date };

export const RCA_OVERDUE_ACTION = 'incident.rca_overdue' satisfies AuditAction;
export const RATIFICATION_OVERDUE_ACTION = 'promotion.ratification_overdue' satisfies AuditAction;
type FlagAction = typeof RCA_OVERDUE_ACTION | typeof RATIFICATION_OVERDUE_ACTION;

// Serialises the check-then-record of each flag across instances (and `npm run jobs`), so two
// concurrent runs cannot both record the same entity. Held until the transaction ends.
const FLAG_LOCK_KEY = 0x6d67726a; // "mgrj"

/** Entity ids (of the given ones) that already carry an audit event with this action. */
async function alreadyFlagged(db: Db | Tx, action: FlagAction, entityType: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const events = await readAuditEvents(db, { actions: [action], entityType, entityIds: ids });
  return new Set(events.filter(isAction(action)).map((e) => e.entityId));
}

/**
 * Record one "overdue" flag if it is still due and not yet recorded. The lock makes the
 * existence check and the append one step for every writer of flags.
 */
async function flagOnce<A extends FlagAction>(
  db: Db,
  now: Date,
  p: { action: A; entityType: string; entityId: string; stillDue: (tx: Tx) => Promise<AuditPayloadInput<A> | null> },
): Promise<boolean> {
  return inTransaction({ db }, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FLAG_LOCK_KEY}::bigint)`;
    if ((await alreadyFlagged(tx, p.action, p.entityType, [p.entityId])).size > 0) return false;
    const change = await p.stillDue(tx);
    if (!change) return false;
    await appendAuditEvent(tx, { actor: SYSTEM_ACTOR, occurredAt: now, action: p.action, entityType: p.entityType, entityId: p.entityId, change });
    return true;
  });
}

/**
 * Incidents whose root cause analysis is overdue (not submitted by rca_due_at): record
 * `incident.rca_overdue` once per incident, as the system actor.
 */
export async function flagOverdueRcas(opts: JobOptions = {}): Promise<{ flagged: string[] }> {
  const db = opts.db ?? prisma;
  const now = opts.now ?? new Date();
  const candidates = await db.incident.findMany({
    where: { rcaSubmittedAt: null, rcaDueAt: { lt: now } },
    orderBy: { rcaDueAt: 'asc' },
    select: { id: true },
  });
  const done = await alreadyFlagged(db, RCA_OVERDUE_ACTION, 'incident', candidates.map((c) => c.id));
  const flagged: string[] = [];
  for (const { id } of candidates) {
    if (done.has(id)) continue;
    const recorded = await flagOnce(db, now, {
      action: RCA_OVERDUE_ACTION,
      entityType: 'incident',
      entityId: id,
      stillDue: async (tx) => {
        const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM incidents WHERE id = ${id} FOR UPDATE`;
        if (!rows[0]) return null;
        const inc = await tx.incident.findUniqueOrThrow({
          where: { id },
          select: { title: true, status: true, openedAt: true, rcaDueAt: true, rcaSubmittedAt: true, version: { select: { modelId: true } } },
        });
        if (!isRcaOverdue(inc, now)) return null;
        return {
          title: inc.title,
          version: inc.version.modelId,
          status: inc.status,
          openedAt: inc.openedAt.toISOString(),
          rcaDueAt: inc.rcaDueAt.toISOString(),
          detectedAt: now.toISOString(),
        };
      },
    });
    if (recorded) flagged.push(id);
  }
  return { flagged };
}

/**
 * Open ratification requests (committee review of an emergency promotion) past their due date:
 * record `promotion.ratification_overdue` once per request, as the system actor.
 */
export async function flagOverdueRatifications(opts: JobOptions = {}): Promise<{ flagged: string[] }> {
  const db = opts.db ?? prisma;
  const now = opts.now ?? new Date();
  const candidates = await db.promotionRequest.findMany({
    where: { kind: 'ratification', status: 'open', dueAt: { lt: now } },
    orderBy: { dueAt: 'asc' },
    select: { id: true },
  });
  const done = await alreadyFlagged(db, RATIFICATION_OVERDUE_ACTION, 'promotion_request', candidates.map((c) => c.id));
  const flagged: string[] = [];
  for (const { id } of candidates) {
    if (done.has(id)) continue;
    const recorded = await flagOnce(db, now, {
      action: RATIFICATION_OVERDUE_ACTION,
      entityType: 'promotion_request',
      entityId: id,
      stillDue: async (tx) => {
        const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM promotion_requests WHERE id = ${id} FOR UPDATE`;
        if (!rows[0]) return null;
        const req = await tx.promotionRequest.findUniqueOrThrow({
          where: { id },
          select: { kind: true, status: true, dueAt: true, versionId: true, quorum: true, version: { select: { modelId: true } } },
        });
        if (req.kind !== 'ratification' || req.status !== 'open' || !req.dueAt || req.dueAt.getTime() >= now.getTime()) return null;
        return {
          modelId: req.version.modelId,
          versionId: req.versionId,
          quorum: req.quorum,
          dueAt: req.dueAt.toISOString(),
          detectedAt: now.toISOString(),
        };
      },
    });
    if (recorded) flagged.push(id);
  }
  return { flagged };
}

/**
 * Sign the audit chain's head once a day, so deleting or re-hashing events is caught from then on
 * (lib/audit/checkpoint.ts). Skipped when no signing key is configured here.
 */
export async function signDailyCheckpoint(opts: JobOptions = {}): Promise<{ seq: number; hash: string } | { skipped: string }> {
  if (!hasSigningKey()) return { skipped: 'no audit signing key configured (AUDIT_SIGNING_KEY)' };
  const fixed = opts.now;
  const cp = await createCheckpoint(contextFor(SYSTEM_ACTOR, { db: opts.db, now: fixed ? () => fixed : undefined }), 'daily');
  return { seq: cp.seq, hash: cp.hash };
}

export type JobName = 'archive-expired-versions' | 'flag-overdue-rcas' | 'flag-overdue-ratifications' | 'audit-checkpoint';

export type JobDefinition = {
  name: JobName;
  /** Cron expression (UTC) for the cluster-wide schedule. */
  cron: string;
  description: string;
  run: (opts: JobOptions) => Promise<unknown>;
};

export const JOBS: readonly JobDefinition[] = [
  {
    name: 'archive-expired-versions',
    cron: '7 * * * *', // hourly
    description: 'archive deprecated versions whose grace period has ended',
    run: (opts) => archiveExpiredVersions({ db: opts.db ?? prisma, now: () => opts.now ?? new Date() }),
  },
  {
    name: 'flag-overdue-rcas',
    cron: '*/15 * * * *',
    description: 'record incident.rca_overdue once for each incident whose root cause analysis is overdue',
    run: (opts) => flagOverdueRcas(opts),
  },
  {
    name: 'flag-overdue-ratifications',
    cron: '2-59/15 * * * *', // every 15 minutes, offset from the RCA check
    description: 'record promotion.ratification_overdue once for each open ratification request past its due date',
    run: (opts) => flagOverdueRatifications(opts),
  },
  {
    name: 'audit-checkpoint',
    cron: '17 0 * * *', // daily, 00:17 UTC
    description: "sign the audit chain's head with the key kept outside the database (daily checkpoint)",
    run: (opts) => signDailyCheckpoint(opts),
  },
];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
