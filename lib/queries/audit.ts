import { z } from 'zod';
import type { Actor } from '../auth/permissions';
import { requirePermission } from '../auth/permissions';
import { verifyAuditChain } from '../audit/chain';
import { prisma } from '../db';
import type { Prisma } from '../generated/prisma/client';

export const AuditSearchSchema = z.object({
  q: z.string().max(200).optional(), // action, actor or entity id contains
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditSearch = z.infer<typeof AuditSearchSchema>;

export async function searchAuditEvents(actor: Actor, search: AuditSearch) {
  requirePermission(actor, 'read:audit-log');
  const where: Prisma.AuditEventWhereInput = {};
  if (search.action) where.action = search.action;
  if (search.entityType) where.entityType = search.entityType;
  if (search.from || search.to) {
    // Business time: the demo's 2023 history and imported history are found on their own dates.
    where.occurredAt = {
      ...(search.from ? { gte: new Date(`${search.from}T00:00:00.000Z`) } : {}),
      ...(search.to ? { lt: new Date(new Date(`${search.to}T00:00:00.000Z`).getTime() + 86_400_000) } : {}),
    };
  }
  if (search.q) {
    where.OR = [
      { action: { contains: search.q, mode: 'insensitive' } },
      { actorLabel: { contains: search.q, mode: 'insensitive' } },
      { entityId: { contains: search.q } },
    ];
  }
  const [total, items, actions] = await Promise.all([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({
      where,
      orderBy: { seq: 'desc' },
      skip: (search.page - 1) * search.pageSize,
      take: search.pageSize,
      select: { seq: true, occurredAt: true, recordedAt: true, actorType: true, actorLabel: true, action: true, entityType: true, entityId: true, change: true, prevHash: true, hash: true },
    }),
    prisma.auditEvent.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
  ]);
  return { total, items, page: search.page, pageSize: search.pageSize, actions: actions.map((a) => a.action) };
}

/** Verify the whole chain: open to every role allowed to verify (auditors, committee, engineers, admins). */
export async function verifyAuditLog(actor: Actor) {
  requirePermission(actor, 'verify:audit-log');
  const started = Date.now();
  const result = await verifyAuditChain(prisma);
  return { ...result, ms: Date.now() - started, verifiedAt: new Date().toISOString() };
}
