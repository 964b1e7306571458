import { z } from 'zod';
import { requirePermission } from '../auth/permissions';
import { verifyAuditChain } from '../audit/chain';
import { countAuditEvents, readAuditEvents, type AuditEventFilter } from '../audit/reader';
import type { ServiceContext } from '../context';
import { notifyAuditVerificationFailed } from '../webhooks/outbox';
import type { Prisma } from '../generated/prisma/client';

export const AuditSearchSchema = z.object({
  q: z.string().max(200).optional(), // action, actor or entity id contains
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  actor: z.string().max(200).optional(), // the actor's id, or part of its label (email, token name)
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditSearch = z.infer<typeof AuditSearchSchema>;

const DAY = 86_400_000;

/** The search as a reader filter. Dates are business time (occurredAt), whole UTC days. */
export function auditSearchFilter(search: AuditSearch): AuditEventFilter {
  const where: Prisma.AuditEventWhereInput = {};
  if (search.action) where.action = search.action;
  if (search.entityId) where.entityId = search.entityId;
  if (search.actor) where.AND = [{ OR: [{ actorId: search.actor }, { actorLabel: { contains: search.actor, mode: 'insensitive' } }] }];
  if (search.q) {
    where.OR = [
      { action: { contains: search.q, mode: 'insensitive' } },
      { actorLabel: { contains: search.q, mode: 'insensitive' } },
      { entityId: { contains: search.q } },
    ];
  }
  return {
    where,
    entityType: search.entityType,
    occurredFrom: search.from ? new Date(`${search.from}T00:00:00.000Z`) : undefined,
    occurredBefore: search.to ? new Date(new Date(`${search.to}T00:00:00.000Z`).getTime() + DAY) : undefined,
  };
}

export async function searchAuditEvents(ctx: ServiceContext, search: AuditSearch) {
  requirePermission(ctx.actor, 'read:audit-log');
  const filter = auditSearchFilter(search);
  const [total, items, actions] = await Promise.all([
    countAuditEvents(ctx.db, filter),
    readAuditEvents(ctx.db, filter, { order: 'desc', skip: (search.page - 1) * search.pageSize, take: search.pageSize }),
    ctx.db.auditEvent.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
  ]);
  return { total, items, page: search.page, pageSize: search.pageSize, actions: actions.map((a) => a.action) };
}

/** Verify the whole chain: open to every role allowed to verify (auditors, committee, engineers, admins). */
export async function verifyAuditLog(ctx: ServiceContext) {
  requirePermission(ctx.actor, 'verify:audit-log');
  const started = Date.now();
  const result = await verifyAuditChain(ctx.db);
  // A broken chain has no audit event of its own to announce it: tell webhook subscribers here.
  if (!result.ok) await notifyAuditVerificationFailed(ctx.db, result);
  return { ...result, ms: Date.now() - started, verifiedAt: new Date().toISOString() };
}
