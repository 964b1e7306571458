import type { Actor } from '../auth/permissions';
import { appendAuditEvent } from '../audit/chain';
import type { AuditPayloadInput } from '../audit/events';
import { getSettings } from '../data/settings';
import { findVersionForUpdate } from '../data/versions';
import type { Tx } from '../db';
import { quorumFor } from '../domain/votes';
import { conflict, notFound } from '../errors';
import type { PromotionKind, RequestStatus } from '../generated/prisma/enums';
import { actorUserId } from '../permissions/actor';
import { eligibleVoterFilter } from '../permissions/promotion';
import { recordStatusChange } from './transition-version';

// Steps shared by the promotion services (request, vote, RAI completion), each in the caller's
// transaction.

/** Users who may vote on a request of this kind (never the requester), per lib/permissions/promotion.ts. */
export async function eligibleVoterIds(tx: Tx, kind: PromotionKind, requesterId: string): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { active: true, id: { not: requesterId }, OR: eligibleVoterFilter(kind) },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** The committee quorum fixed when a request opens, and how many may vote on it. */
export async function committeeQuorum(tx: Tx, requesterId: string): Promise<{ quorum: number; eligible: number }> {
  const settings = await getSettings(tx);
  const active = await tx.user.count({ where: { active: true, OR: eligibleVoterFilter('committee') } });
  const eligible = (await eligibleVoterIds(tx, 'committee', requesterId)).length;
  return { quorum: quorumFor(settings.quorum, active), eligible };
}

export type LockedRequest = { id: string; versionId: string; kind: PromotionKind; status: RequestStatus; requestedById: string; quorum: number };

export async function lockRequest(tx: Tx, requestId: string): Promise<LockedRequest> {
  const rows = await tx.$queryRaw<{ id: string; version_id: string; kind: PromotionKind; status: RequestStatus; requested_by_id: string; quorum: number }[]>`
    SELECT id, version_id, kind::text AS kind, status::text AS status, requested_by_id, quorum
    FROM promotion_requests WHERE id = ${requestId} FOR UPDATE`;
  const r = rows[0];
  if (!r) throw notFound(`Promotion request ${requestId}`);
  return { id: r.id, versionId: r.version_id, kind: r.kind, status: r.status, requestedById: r.requested_by_id, quorum: r.quorum };
}

/** An action the system takes as a consequence of someone's decision, attributed to them. */
export function systemOnBehalfOf(actor: Actor): Actor {
  return { type: 'system', id: null, label: 'system', role: 'system', senior: false, userId: actorUserId(actor) };
}

/**
 * Promote the request's version to production and deprecate the component's previous production
 * version. Locks the version, then the component (so promotions of one component queue), then the
 * previous production version.
 */
export async function promote(tx: Tx, actor: Actor, at: Date, req: LockedRequest, reason: string): Promise<{ modelId: string; deprecated: string | null }> {
  const locked = await findVersionForUpdate(tx, req.versionId);
  if (locked.status !== 'staging') throw conflict(`${locked.modelId} is ${locked.status}, not staging: it can no longer be promoted by this request`);
  const { componentId } = await tx.modelVersion.findUniqueOrThrow({ where: { id: locked.id }, select: { componentId: true } });
  await tx.$queryRaw`SELECT id FROM components WHERE id = ${componentId} FOR UPDATE`;
  const previous = await tx.$queryRaw<{ id: string; model_id: string }[]>`
    SELECT id, model_id FROM model_versions WHERE component_id = ${componentId} AND status = 'production' AND id <> ${locked.id} FOR UPDATE`;
  for (const p of previous) {
    await recordStatusChange(tx, {
      versionId: p.id, modelId: p.model_id, from: 'production', to: 'deprecated',
      reason: `new version available: ${locked.modelId}`, actor: systemOnBehalfOf(actor), at, requestId: req.id,
    });
  }
  await recordStatusChange(tx, { versionId: locked.id, modelId: locked.modelId, from: 'staging', to: 'production', reason, actor, at, requestId: req.id });
  return { modelId: locked.modelId, deprecated: previous[0]?.model_id ?? null };
}

/** Close a request as approved or rejected, with its audit event. */
export async function decide(
  tx: Tx, actor: Actor, at: Date, req: LockedRequest, status: 'approved' | 'rejected',
  change: Omit<AuditPayloadInput<'promotion.approve'>, 'kind' | 'versionId' | 'quorum'> & { reason?: string },
) {
  await tx.promotionRequest.update({ where: { id: req.id }, data: { status, decidedAt: at }, select: { id: true } });
  const base = { actor, occurredAt: at, entityType: 'promotion_request', entityId: req.id } as const;
  const common = { kind: req.kind, versionId: req.versionId, quorum: req.quorum, approvals: change.approvals, rejections: change.rejections };
  if (status === 'approved') {
    const { reason: _reason, ...approved } = change;
    await appendAuditEvent(tx, { ...base, action: 'promotion.approve', change: { ...approved, ...common } });
  } else {
    await appendAuditEvent(tx, { ...base, action: 'promotion.reject', change: { ...common, ...(change.reason ? { reason: change.reason } : {}) } });
  }
}

export async function latestRaiResult(tx: Tx, versionId: string): Promise<string | null> {
  const rai = await tx.raiAssessment.findFirst({ where: { versionId }, orderBy: { assessedAt: 'desc' }, select: { result: true } });
  return rai?.result ?? null;
}
