import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import { findVersionForUpdate } from '../data/versions';
import type { Tx } from '../db';
import { hotfixFailures } from '../domain/branch';
import { EMERGENCY_APPROVALS } from '../domain/promotion';
import { AppError, conflict } from '../errors';
import { actorUserId } from '../permissions/actor';
import { requireDecision } from '../permissions/decision';
import { canRecordBackport } from '../permissions/model-version';
import { canRequestPromotion, canWithdraw } from '../permissions/promotion';
import { parseInput } from '../validation/common';
import { BackportSchema, RequestPromotionSchema, WithdrawSchema } from '../validation/promotion';
import { committeeQuorum, eligibleVoterIds, lockRequest } from './promotion-steps';
import { inTransaction } from './transaction';

// Promotion to production (DESIGN.md "staging → production", "Emergency path"); votes are in
// lib/services/cast-vote.ts.
//
// Decisions:
// - Quorum is fixed when a request opens (settings.quorum over the active committee members), so
//   changing the settings or the committee later never changes the rules of an open vote.
// - A rejected ratification does not move the version: the committee then deprecates it or an
//   engineer opens an incident (rollback), both recorded.

async function loadVersionForPromotion(tx: Tx, versionRef: string) {
  const locked = await findVersionForUpdate(tx, versionRef);
  return tx.modelVersion.findUniqueOrThrow({
    where: { id: locked.id },
    select: { id: true, modelId: true, status: true, componentId: true, gitBranch: true, tags: true },
  });
}

async function openRequest(ctx: ServiceContext, versionRef: string, reason: string, kind: 'committee' | 'emergency') {
  const { actor } = ctx;
  const requesterId = actorUserId(actor)!;
  return inTransaction(ctx, async (tx) => {
    const v = await loadVersionForPromotion(tx, versionRef);
    if (v.status !== 'staging') {
      throw new AppError('transition_refused', `${v.modelId} is ${v.status}: only a staging version can be promoted to production`, {
        details: { gate: 'committee_approval', failures: [`version is ${v.status}, not staging`] },
      });
    }
    const failures = kind === 'emergency' ? hotfixFailures(v) : [];
    if (failures.length) {
      throw new AppError('transition_refused', `${v.modelId} does not qualify for the emergency path: ${failures.join('; ')}`, {
        details: { gate: 'committee_approval', failures },
      });
    }
    const existing = await tx.promotionRequest.findFirst({
      where: { versionId: v.id, status: 'open', kind: { in: ['committee', 'emergency'] } },
      select: { id: true, kind: true },
    });
    if (existing) throw conflict(`${v.modelId} already has an open ${existing.kind} promotion request`, { requestId: existing.id });

    let quorum: number;
    let eligible: number;
    if (kind === 'committee') {
      ({ quorum, eligible } = await committeeQuorum(tx, requesterId));
    } else {
      quorum = EMERGENCY_APPROVALS;
      eligible = (await eligibleVoterIds(tx, 'emergency', requesterId)).length;
    }
    if (quorum > eligible) {
      throw conflict(`A quorum of ${quorum} cannot be reached: only ${eligible} eligible ${kind === 'emergency' ? 'senior engineer' : 'committee member'}${eligible === 1 ? '' : 's'} may vote`);
    }
    const request = await tx.promotionRequest.create({
      data: { versionId: v.id, kind, requestedById: requesterId, reason, quorum, createdAt: ctx.now() },
      select: { id: true, kind: true, status: true, quorum: true, createdAt: true },
    });
    await appendAuditEvent(tx, { occurredAt: ctx.now(),
      actor,
      action: 'promotion.request',
      entityType: 'promotion_request',
      entityId: request.id,
      change: { modelId: v.modelId, versionId: v.id, kind, reason, quorum, eligibleVoters: eligible },
    });
    return { ...request, modelId: v.modelId };
  });
}

/** Ask the committee to promote a staging version to production. */
export async function requestPromotion(ctx: ServiceContext, versionRef: string, rawInput: unknown) {
  requireDecision(ctx.actor, canRequestPromotion(ctx.actor));
  const input = parseInput(RequestPromotionSchema, rawInput, 'promotion request');
  return openRequest(ctx, versionRef, input.reason, 'committee');
}

/** Emergency path: a hotfix (lib/domain/branch.ts isHotfix) needs two senior engineers' approvals. */
export async function requestEmergencyPromotion(ctx: ServiceContext, versionRef: string, rawInput: unknown) {
  requireDecision(ctx.actor, canRequestPromotion(ctx.actor));
  const input = parseInput(RequestPromotionSchema, rawInput, 'emergency promotion request');
  return openRequest(ctx, versionRef, input.reason, 'emergency');
}

/** The requester withdraws an open promotion request (ratifications cannot be withdrawn). */
export async function withdrawRequest(ctx: ServiceContext, requestId: string, rawInput: unknown = {}) {
  const { actor } = ctx;
  requireDecision(actor, canRequestPromotion(actor));
  const input = parseInput(WithdrawSchema, rawInput, 'withdrawal');
  return inTransaction(ctx, async (tx) => {
    const req = await lockRequest(tx, requestId);
    if (req.kind === 'ratification') throw conflict('A ratification request cannot be withdrawn: the committee must decide it');
    if (req.status !== 'open') throw conflict(`This request is already ${req.status}`);
    requireDecision(actor, canWithdraw(actor, req));
    await tx.promotionRequest.update({ where: { id: req.id }, data: { status: 'withdrawn', decidedAt: ctx.now() }, select: { id: true } });
    await appendAuditEvent(tx, { occurredAt: ctx.now(), actor, action: 'promotion.withdraw', entityType: 'promotion_request', entityId: req.id, change: { kind: req.kind, versionId: req.versionId, reason: input.reason } });
    return { id: req.id, status: 'withdrawn' as const };
  });
}

/** Record that a hotfix was backported to the development branch (emergency step 5). */
export async function recordBackport(ctx: ServiceContext, versionRef: string, rawInput: unknown) {
  const { actor } = ctx;
  requireDecision(actor, canRecordBackport(actor));
  const input = parseInput(BackportSchema, rawInput, 'backport');
  return inTransaction(ctx, async (tx) => {
    const locked = await findVersionForUpdate(tx, versionRef);
    const v = await tx.modelVersion.findUniqueOrThrow({ where: { id: locked.id }, select: { gitBranch: true, tags: true, backportCommit: true } });
    if (hotfixFailures(v).length) throw conflict(`${locked.modelId} is not a hotfix (branch hotfix/* and tag emergency): there is nothing to backport`);
    if (v.backportCommit === input.commit) return { modelId: locked.modelId, backportCommit: input.commit, result: 'unchanged' as const };
    if (v.backportCommit) throw conflict(`${locked.modelId} was already backported in commit ${v.backportCommit}`, { field: 'commit' });
    await tx.modelVersion.update({ where: { id: locked.id }, data: { backportCommit: input.commit, backportedAt: ctx.now() }, select: { id: true } });
    await appendAuditEvent(tx, { occurredAt: ctx.now(), actor, action: 'version.backport', entityType: 'model_version', entityId: locked.id, change: { modelId: locked.modelId, commit: input.commit } });
    return { modelId: locked.modelId, backportCommit: input.commit, result: 'recorded' as const };
  });
}
