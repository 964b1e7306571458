import { z } from 'zod';
import type { Actor } from '../auth/permissions';
import { can, requirePermission } from '../auth/permissions';
import { appendAuditEvent } from '../audit/chain';
import type { Db, Tx } from '../db';
import { AppError, conflict, notFound } from '../errors';
import type { PromotionKind, RequestStatus, VoteDecision } from '../generated/prisma/enums';
import { parseInput } from '../validation/common';
import { actorUserId, requireActorUser } from './actor-user';
import { findVersionForUpdate } from './add-metrics';
import { getSettings, quorumFor } from './settings';
import { inTransaction } from './transaction';
import { recordStatusChange } from './transition-version';

// Promotion to production (DESIGN.md "staging → production", "Emergency path").
//
// Decisions:
// - Quorum is fixed when a request opens (settings.quorum over the active committee members), so
//   changing the settings or the committee later never changes the rules of an open vote.
// - When approvals reach quorum but the version's latest RAI assessment has not passed, the request
//   stays `open` and reads as "approved, waiting on RAI" (see promotionState). Recording a passing
//   RAI assessment then completes the promotion in the RAI transaction (lib/services/rai.ts).
// - A request is rejected as soon as the remaining eligible voters can no longer reach quorum.
// - The emergency path does not wait on RAI: it exists for urgent fixes; its committee ratification
//   (due in ratification_due_days) is where the committee looks at the full evidence, RAI included.
//   A rejected ratification does not move the version: the committee then deprecates it or an
//   engineer opens an incident (rollback), both recorded.

export const RequestPromotionSchema = z.object({ reason: z.string().trim().min(1, { message: 'give a reason for the promotion' }).max(2000) });

export const CastVoteSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(2000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && v.comment.length === 0) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'a comment is required to reject' });
  });

export const WithdrawSchema = z.object({ reason: z.string().trim().max(2000).default('') });
export const BackportSchema = z.object({
  commit: z.string().regex(/^[0-9a-f]{7,40}$/, { message: 'must be a git commit hash (7–40 hex characters)' }),
});

export const EMERGENCY_APPROVALS = 2;
const DAY = 86_400_000;

export type PromotionState = 'open' | 'approved_waiting_rai' | 'approved' | 'rejected' | 'withdrawn';

/** How a request reads in the UI: an open committee request at quorum without a passed RAI waits on RAI. */
export function promotionState(r: { status: RequestStatus; kind: PromotionKind; quorum: number; approvals: number; raiResult: string | null }): PromotionState {
  if (r.status !== 'open') return r.status;
  if (r.kind === 'committee' && r.approvals >= r.quorum && r.raiResult !== 'pass') return 'approved_waiting_rai';
  return 'open';
}

const isHotfix = (branch: string | null, tags: string[]) => !!branch && branch.startsWith('hotfix/') && tags.includes('emergency');

/** Users who may vote on a request of this kind (never the requester). */
async function eligibleVoterIds(tx: Tx, kind: PromotionKind, requesterId: string): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: kind === 'emergency' ? { active: true, role: 'engineer', senior: true, id: { not: requesterId } } : { active: true, role: 'committee', id: { not: requesterId } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

async function committeeQuorum(tx: Tx, requesterId: string): Promise<{ quorum: number; eligible: number }> {
  const settings = await getSettings(tx);
  const active = await tx.user.count({ where: { active: true, role: 'committee' } });
  const eligible = (await eligibleVoterIds(tx, 'committee', requesterId)).length;
  return { quorum: quorumFor(settings.quorum, active), eligible };
}

async function loadVersionForPromotion(tx: Tx, versionRef: string) {
  const locked = await findVersionForUpdate(tx, versionRef);
  const v = await tx.modelVersion.findUniqueOrThrow({
    where: { id: locked.id },
    select: { id: true, modelId: true, status: true, componentId: true, gitBranch: true, tags: true },
  });
  return v;
}

async function openRequest(actor: Actor, versionRef: string, reason: string, kind: 'committee' | 'emergency', db?: Db) {
  const requesterId = requireActorUser(actor, 'Requesting a promotion');
  return inTransaction(async (tx) => {
    const v = await loadVersionForPromotion(tx, versionRef);
    if (v.status !== 'staging') {
      throw new AppError('transition_refused', `${v.modelId} is ${v.status}: only a staging version can be promoted to production`, {
        details: { gate: 'committee_approval', failures: [`version is ${v.status}, not staging`] },
      });
    }
    if (kind === 'emergency' && !isHotfix(v.gitBranch, v.tags)) {
      const failures = [];
      if (!v.gitBranch?.startsWith('hotfix/')) failures.push(`branch is ${v.gitBranch ?? 'not recorded'}, not hotfix/*`);
      if (!v.tags.includes('emergency')) failures.push('version is not tagged emergency');
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
      data: { versionId: v.id, kind, requestedById: requesterId, reason, quorum },
      select: { id: true, kind: true, status: true, quorum: true, createdAt: true },
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'promotion.request',
      entityType: 'promotion_request',
      entityId: request.id,
      change: { modelId: v.modelId, versionId: v.id, kind, reason, quorum, eligibleVoters: eligible },
    });
    return { ...request, modelId: v.modelId };
  }, { db });
}

/** Ask the committee to promote a staging version to production. */
export async function requestPromotion(actor: Actor, versionRef: string, rawInput: unknown, opts: { db?: Db } = {}) {
  requirePermission(actor, 'request:promotion');
  const input = parseInput(RequestPromotionSchema, rawInput, 'promotion request');
  return openRequest(actor, versionRef, input.reason, 'committee', opts.db);
}

/** Emergency path: a hotfix (branch hotfix/*, tag emergency) needs two senior engineers' approvals. */
export async function requestEmergencyPromotion(actor: Actor, versionRef: string, rawInput: unknown, opts: { db?: Db } = {}) {
  requirePermission(actor, 'request:promotion');
  const input = parseInput(RequestPromotionSchema, rawInput, 'emergency promotion request');
  return openRequest(actor, versionRef, input.reason, 'emergency', opts.db);
}

type LockedRequest = { id: string; versionId: string; kind: PromotionKind; status: RequestStatus; requestedById: string; quorum: number };

async function lockRequest(tx: Tx, requestId: string): Promise<LockedRequest> {
  const rows = await tx.$queryRaw<{ id: string; version_id: string; kind: PromotionKind; status: RequestStatus; requested_by_id: string; quorum: number }[]>`
    SELECT id, version_id, kind::text AS kind, status::text AS status, requested_by_id, quorum
    FROM promotion_requests WHERE id = ${requestId} FOR UPDATE`;
  const r = rows[0];
  if (!r) throw notFound(`Promotion request ${requestId}`);
  return { id: r.id, versionId: r.version_id, kind: r.kind, status: r.status, requestedById: r.requested_by_id, quorum: r.quorum };
}

/** An action the system takes as a consequence of someone's decision, attributed to them. */
function systemOnBehalfOf(actor: Actor): Actor {
  return { type: 'system', id: null, label: 'system', role: 'system', senior: false, userId: actorUserId(actor) };
}

/**
 * Promote the request's version to production and deprecate the component's previous production
 * version, in the caller's transaction. Locks the version, then the component (so promotions of
 * one component queue), then the previous production version.
 */
async function promote(tx: Tx, actor: Actor, req: LockedRequest, reason: string): Promise<{ modelId: string; deprecated: string | null }> {
  const locked = await findVersionForUpdate(tx, req.versionId);
  if (locked.status !== 'staging') throw conflict(`${locked.modelId} is ${locked.status}, not staging: it can no longer be promoted by this request`);
  const { componentId } = await tx.modelVersion.findUniqueOrThrow({ where: { id: locked.id }, select: { componentId: true } });
  await tx.$queryRaw`SELECT id FROM components WHERE id = ${componentId} FOR UPDATE`;
  const previous = await tx.$queryRaw<{ id: string; model_id: string }[]>`
    SELECT id, model_id FROM model_versions WHERE component_id = ${componentId} AND status = 'production' AND id <> ${locked.id} FOR UPDATE`;
  for (const p of previous) {
    await recordStatusChange(tx, {
      versionId: p.id, modelId: p.model_id, from: 'production', to: 'deprecated',
      reason: `new version available: ${locked.modelId}`, actor: systemOnBehalfOf(actor), requestId: req.id,
    });
  }
  await recordStatusChange(tx, { versionId: locked.id, modelId: locked.modelId, from: 'staging', to: 'production', reason, actor, requestId: req.id });
  return { modelId: locked.modelId, deprecated: previous[0]?.model_id ?? null };
}

async function decide(tx: Tx, actor: Actor, req: LockedRequest, status: 'approved' | 'rejected', change: Record<string, unknown>) {
  await tx.promotionRequest.update({ where: { id: req.id }, data: { status, decidedAt: new Date() }, select: { id: true } });
  await appendAuditEvent(tx, {
    actor,
    action: status === 'approved' ? 'promotion.approve' : 'promotion.reject',
    entityType: 'promotion_request',
    entityId: req.id,
    change: { kind: req.kind, versionId: req.versionId, quorum: req.quorum, ...change },
  });
}

async function latestRaiResult(tx: Tx, versionId: string): Promise<string | null> {
  const rai = await tx.raiAssessment.findFirst({ where: { versionId }, orderBy: { assessedAt: 'desc' }, select: { result: true } });
  return rai?.result ?? null;
}

async function tally(tx: Tx, req: LockedRequest) {
  const votes = await tx.vote.findMany({ where: { requestId: req.id }, select: { voterId: true, decision: true } });
  const approvals = votes.filter((v) => v.decision === 'approve').length;
  const rejections = votes.length - approvals;
  const voted = new Set(votes.map((v) => v.voterId));
  const remaining = (await eligibleVoterIds(tx, req.kind, req.requestedById)).filter((id) => !voted.has(id)).length;
  return { approvals, rejections, remaining };
}

export type VoteOutcome = {
  requestId: string;
  decision: VoteDecision;
  approvals: number;
  rejections: number;
  quorum: number;
  state: PromotionState;
  promoted: string | null; // model id now in production
  deprecated: string | null; // model id deprecated by the promotion
  ratificationRequestId: string | null;
};

/**
 * Apply the consequences of the current tally (in the caller's transaction, request locked):
 * promote, ratify, reject, or stay open / wait on RAI.
 */
async function settle(tx: Tx, actor: Actor, req: LockedRequest): Promise<Omit<VoteOutcome, 'decision'>> {
  const { approvals, rejections, remaining } = await tally(tx, req);
  const base = { requestId: req.id, approvals, rejections, quorum: req.quorum, promoted: null, deprecated: null, ratificationRequestId: null };
  if (approvals >= req.quorum) {
    if (req.kind === 'ratification') {
      await decide(tx, actor, req, 'approved', { approvals, rejections, ratified: true });
      return { ...base, state: 'approved' };
    }
    if (req.kind === 'committee') {
      const rai = await latestRaiResult(tx, req.versionId);
      if (rai !== 'pass') return { ...base, state: 'approved_waiting_rai' };
      const r = await promote(tx, actor, req, `approved by committee: ${approvals} of ${req.quorum} approvals (request ${req.id}); RAI assessment passed`);
      await decide(tx, actor, req, 'approved', { approvals, rejections, promoted: r.modelId, deprecated: r.deprecated });
      return { ...base, state: 'approved', promoted: r.modelId, deprecated: r.deprecated };
    }
    // Emergency: production now, heightened monitoring, committee ratification due later.
    const settings = await getSettings(tx);
    const r = await promote(tx, actor, req, `emergency path: approved by ${approvals} senior engineers (request ${req.id})`);
    const now = Date.now();
    const monitoringUntil = new Date(now + settings.monitoringDays * DAY);
    await tx.modelVersion.update({ where: { id: req.versionId }, data: { monitoringUntil }, select: { id: true } });
    const { quorum } = await committeeQuorum(tx, req.requestedById);
    const ratification = await tx.promotionRequest.create({
      data: {
        versionId: req.versionId, kind: 'ratification', requestedById: req.requestedById, quorum,
        reason: `Ratify the emergency promotion of ${r.modelId} (request ${req.id})`,
        dueAt: new Date(now + settings.ratificationDueDays * DAY),
      },
      select: { id: true, dueAt: true },
    });
    await decide(tx, actor, req, 'approved', {
      approvals, rejections, promoted: r.modelId, deprecated: r.deprecated,
      monitoringUntil: monitoringUntil.toISOString(), ratificationRequestId: ratification.id,
    });
    await appendAuditEvent(tx, {
      actor: systemOnBehalfOf(actor), action: 'promotion.request', entityType: 'promotion_request', entityId: ratification.id,
      change: { modelId: r.modelId, versionId: req.versionId, kind: 'ratification', quorum, dueAt: ratification.dueAt?.toISOString() ?? null, emergencyRequestId: req.id },
    });
    return { ...base, state: 'approved', promoted: r.modelId, deprecated: r.deprecated, ratificationRequestId: ratification.id };
  }
  if (approvals + remaining < req.quorum) {
    await decide(tx, actor, req, 'rejected', { approvals, rejections, reason: `quorum of ${req.quorum} can no longer be reached` });
    return { ...base, state: 'rejected' };
  }
  return { ...base, state: 'open' };
}

/**
 * Vote on a promotion request: committee members on committee and ratification requests, senior
 * engineers on emergency requests. The requester never votes; one vote per person.
 */
export async function castVote(actor: Actor, requestId: string, rawInput: unknown, opts: { db?: Db } = {}): Promise<VoteOutcome> {
  if (!can(actor, 'vote:promotion') && !can(actor, 'review:emergency')) requirePermission(actor, 'vote:promotion');
  const input = parseInput(CastVoteSchema, rawInput, 'vote');
  const voterId = requireActorUser(actor, 'Voting');
  return inTransaction(async (tx) => {
    const req = await lockRequest(tx, requestId);
    requirePermission(actor, req.kind === 'emergency' ? 'review:emergency' : 'vote:promotion');
    if (req.status !== 'open') throw conflict(`This ${req.kind} request is already ${req.status}`);
    if (req.requestedById === voterId) {
      throw new AppError('forbidden', 'You requested this promotion, so you may not vote on it (separation of duties)');
    }
    const already = await tx.vote.findUnique({ where: { requestId_voterId: { requestId, voterId } }, select: { decision: true } });
    if (already) throw conflict(`You have already voted (${already.decision}) on this request`);
    const vote = await tx.vote.create({ data: { requestId, voterId, decision: input.decision, comment: input.comment }, select: { id: true } });
    const { modelId } = await tx.modelVersion.findUniqueOrThrow({ where: { id: req.versionId }, select: { modelId: true } });
    await appendAuditEvent(tx, {
      actor, action: 'vote.cast', entityType: 'promotion_request', entityId: requestId,
      change: { voteId: vote.id, kind: req.kind, modelId, decision: input.decision, comment: input.comment },
    });
    const outcome = await settle(tx, actor, req);
    return { ...outcome, decision: input.decision };
  }, { db: opts.db, onUniqueViolation: 'Conflicting concurrent change: your vote was already recorded, or another version of this component reached production at the same moment; reload and retry' });
}

/**
 * Complete committee promotions of a version that reached quorum while waiting on RAI. Called in
 * the transaction that records a passing RAI assessment.
 */
export async function completeWaitingPromotions(tx: Tx, actor: Actor, versionId: string): Promise<string[]> {
  const open = await tx.promotionRequest.findMany({ where: { versionId, status: 'open', kind: 'committee' }, select: { id: true } });
  const promoted: string[] = [];
  for (const o of open) {
    const req = await lockRequest(tx, o.id);
    if (req.status !== 'open') continue;
    const r = await settle(tx, actor, req);
    if (r.promoted) promoted.push(r.promoted);
  }
  return promoted;
}

/** The requester withdraws an open promotion request (ratifications cannot be withdrawn). */
export async function withdrawRequest(actor: Actor, requestId: string, rawInput: unknown = {}, opts: { db?: Db } = {}) {
  requirePermission(actor, 'request:promotion');
  const input = parseInput(WithdrawSchema, rawInput, 'withdrawal');
  const userId = requireActorUser(actor, 'Withdrawing a request');
  return inTransaction(async (tx) => {
    const req = await lockRequest(tx, requestId);
    if (req.kind === 'ratification') throw conflict('A ratification request cannot be withdrawn: the committee must decide it');
    if (req.status !== 'open') throw conflict(`This request is already ${req.status}`);
    if (req.requestedById !== userId) throw new AppError('forbidden', 'Only the requester may withdraw a promotion request');
    await tx.promotionRequest.update({ where: { id: req.id }, data: { status: 'withdrawn', decidedAt: new Date() }, select: { id: true } });
    await appendAuditEvent(tx, { actor, action: 'promotion.withdraw', entityType: 'promotion_request', entityId: req.id, change: { kind: req.kind, versionId: req.versionId, reason: input.reason } });
    return { id: req.id, status: 'withdrawn' as const };
  }, { db: opts.db });
}

/** Record that a hotfix was backported to the development branch (emergency step 5). */
export async function recordBackport(actor: Actor, versionRef: string, rawInput: unknown, opts: { db?: Db } = {}) {
  requirePermission(actor, 'create:model-version');
  const input = parseInput(BackportSchema, rawInput, 'backport');
  return inTransaction(async (tx) => {
    const locked = await findVersionForUpdate(tx, versionRef);
    const v = await tx.modelVersion.findUniqueOrThrow({ where: { id: locked.id }, select: { gitBranch: true, tags: true, backportCommit: true } });
    if (!isHotfix(v.gitBranch, v.tags)) throw conflict(`${locked.modelId} is not a hotfix (branch hotfix/* and tag emergency): there is nothing to backport`);
    if (v.backportCommit === input.commit) return { modelId: locked.modelId, backportCommit: input.commit, result: 'unchanged' as const };
    if (v.backportCommit) throw conflict(`${locked.modelId} was already backported in commit ${v.backportCommit}`, { field: 'commit' });
    const backportedAt = new Date();
    await tx.modelVersion.update({ where: { id: locked.id }, data: { backportCommit: input.commit, backportedAt }, select: { id: true } });
    await appendAuditEvent(tx, { actor, action: 'version.backport', entityType: 'model_version', entityId: locked.id, change: { modelId: locked.modelId, commit: input.commit } });
    return { modelId: locked.modelId, backportCommit: input.commit, result: 'recorded' as const };
  }, { db: opts.db });
}
