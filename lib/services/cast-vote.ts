import type { Actor } from '../auth/permissions';
import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import { getSettings } from '../data/settings';
import type { Tx } from '../db';
import { monitoringUntilAfter, ratificationDueAfter, type PromotionState } from '../domain/promotion';
import { tallyOutcome, tallyVotes } from '../domain/votes';
import { conflict } from '../errors';
import type { VoteDecision } from '../generated/prisma/enums';
import { actorUserId } from '../permissions/actor';
import { hasPermission, requireDecision } from '../permissions/decision';
import { canVote, canVoteOnAny, votePermissionFor } from '../permissions/promotion';
import { parseInput } from '../validation/common';
import { CastVoteSchema } from '../validation/promotion';
import { committeeQuorum, decide, eligibleVoterIds, latestRaiResult, lockRequest, promote, systemOnBehalfOf, type LockedRequest } from './promotion-steps';
import { inTransaction } from './transaction';

// Votes on promotion requests and what they set off. Decisions (see also lib/services/promotion.ts):
// - When approvals reach quorum but the version's latest RAI assessment has not passed, the request
//   stays `open` and reads as "approved, waiting on RAI" (lib/domain/promotion.ts promotionState).
//   Recording a passing RAI assessment then completes the promotion in the RAI transaction.
// - A request is rejected as soon as the remaining eligible voters can no longer reach quorum.
// - The emergency path does not wait on RAI: it exists for urgent fixes; its committee ratification
//   (due in ratification_due_days) is where the committee looks at the full evidence, RAI included.

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

async function tally(tx: Tx, req: LockedRequest) {
  const votes = await tx.vote.findMany({ where: { requestId: req.id }, select: { voterId: true, decision: true } });
  return tallyVotes(votes, await eligibleVoterIds(tx, req.kind, req.requestedById));
}

/**
 * Apply the consequences of the current tally (request locked): promote, ratify, reject, or stay
 * open / wait on RAI.
 */
async function settle(tx: Tx, actor: Actor, at: Date, req: LockedRequest): Promise<Omit<VoteOutcome, 'decision'>> {
  const t = await tally(tx, req);
  const { approvals, rejections } = t;
  const base = { requestId: req.id, approvals, rejections, quorum: req.quorum, promoted: null, deprecated: null, ratificationRequestId: null };
  const outcome = tallyOutcome(t, req.quorum);
  if (outcome === 'rejected') {
    await decide(tx, actor, at, req, 'rejected', { approvals, rejections, reason: `quorum of ${req.quorum} can no longer be reached` });
    return { ...base, state: 'rejected' };
  }
  if (outcome === 'open') return { ...base, state: 'open' };
  if (req.kind === 'ratification') {
    await decide(tx, actor, at, req, 'approved', { approvals, rejections, ratified: true });
    return { ...base, state: 'approved' };
  }
  if (req.kind === 'committee') {
    const rai = await latestRaiResult(tx, req.versionId);
    if (rai !== 'pass') return { ...base, state: 'approved_waiting_rai' };
    const r = await promote(tx, actor, at, req, `approved by committee: ${approvals} of ${req.quorum} approvals; RAI assessment passed`);
    await decide(tx, actor, at, req, 'approved', { approvals, rejections, promoted: r.modelId, deprecated: r.deprecated });
    return { ...base, state: 'approved', promoted: r.modelId, deprecated: r.deprecated };
  }
  // Emergency: production now, heightened monitoring, committee ratification due later.
  const settings = await getSettings(tx);
  const r = await promote(tx, actor, at, req, `emergency path: approved by ${approvals} senior engineers`);
  const monitoringUntil = monitoringUntilAfter(at, settings.monitoringDays);
  await tx.modelVersion.update({ where: { id: req.versionId }, data: { monitoringUntil }, select: { id: true } });
  const { quorum } = await committeeQuorum(tx, req.requestedById);
  const ratification = await tx.promotionRequest.create({
    data: {
      versionId: req.versionId, kind: 'ratification', requestedById: req.requestedById, quorum,
      reason: `Ratify the emergency promotion of ${r.modelId}`,
      dueAt: ratificationDueAfter(at, settings.ratificationDueDays),
      createdAt: at,
    },
    select: { id: true, dueAt: true },
  });
  await decide(tx, actor, at, req, 'approved', {
    approvals, rejections, promoted: r.modelId, deprecated: r.deprecated,
    monitoringUntil: monitoringUntil.toISOString(), ratificationRequestId: ratification.id,
  });
  await appendAuditEvent(tx, { occurredAt: at,
    actor: systemOnBehalfOf(actor), action: 'promotion.request', entityType: 'promotion_request', entityId: ratification.id,
    change: { modelId: r.modelId, versionId: req.versionId, kind: 'ratification', quorum, dueAt: ratification.dueAt?.toISOString() ?? null, emergencyRequestId: req.id },
  });
  return { ...base, state: 'approved', promoted: r.modelId, deprecated: r.deprecated, ratificationRequestId: ratification.id };
}

/**
 * Vote on a promotion request (who may: lib/permissions/promotion.ts canVote). One vote per person.
 */
export async function castVote(ctx: ServiceContext, requestId: string, rawInput: unknown): Promise<VoteOutcome> {
  const { actor } = ctx;
  requireDecision(actor, canVoteOnAny(actor));
  const input = parseInput(CastVoteSchema, rawInput, 'vote');
  return inTransaction(ctx, async (tx) => {
    const req = await lockRequest(tx, requestId);
    if (req.status !== 'open') {
      requireDecision(actor, hasPermission(actor, votePermissionFor(req.kind)));
      throw conflict(`This ${req.kind} request is already ${req.status}`);
    }
    requireDecision(actor, canVote(actor, req));
    const voterId = actorUserId(actor)!;
    const already = await tx.vote.findUnique({ where: { requestId_voterId: { requestId, voterId } }, select: { decision: true } });
    if (already) throw conflict(`You have already voted (${already.decision}) on this request`);
    const at = ctx.now();
    const vote = await tx.vote.create({ data: { requestId, voterId, decision: input.decision, comment: input.comment, createdAt: at }, select: { id: true } });
    const { modelId } = await tx.modelVersion.findUniqueOrThrow({ where: { id: req.versionId }, select: { modelId: true } });
    await appendAuditEvent(tx, { occurredAt: at,
      actor, action: 'vote.cast', entityType: 'promotion_request', entityId: requestId,
      change: { voteId: vote.id, kind: req.kind, modelId, decision: input.decision, comment: input.comment },
    });
    const outcome = await settle(tx, actor, at, req);
    return { ...outcome, decision: input.decision };
  }, { onUniqueViolation: 'Conflicting concurrent change: your vote was already recorded, or another version of this component reached production at the same moment; reload and retry' });
}

/**
 * Complete committee promotions of a version that reached quorum while waiting on RAI. Called in
 * the transaction that records a passing RAI assessment.
 */
export async function completeWaitingPromotions(tx: Tx, actor: Actor, at: Date, versionId: string): Promise<string[]> {
  const open = await tx.promotionRequest.findMany({ where: { versionId, status: 'open', kind: 'committee' }, select: { id: true } });
  const promoted: string[] = [];
  for (const o of open) {
    const req = await lockRequest(tx, o.id);
    if (req.status !== 'open') continue;
    const r = await settle(tx, actor, at, req);
    if (r.promoted) promoted.push(r.promoted);
  }
  return promoted;
}
