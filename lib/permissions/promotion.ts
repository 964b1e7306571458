import type { Actor, Permission } from '../auth/permissions';
import type { PromotionKind, RequestStatus } from '../generated/prisma/enums';
import { actorUserId } from './actor';
import { ALLOW, both, deny, hasPermission, holdersOf, type Decision } from './decision';

// Who may request, vote on and withdraw promotion requests (DESIGN.md: committee members vote on
// promotions and ratifications, senior engineers give the emergency path's reviews, the requester
// never votes).

/** The permission that entitles a vote on a request of this kind. */
export function votePermissionFor(kind: PromotionKind): Permission {
  return kind === 'emergency' ? 'review:emergency' : 'vote:promotion';
}

/** Whether the actor may vote on some kind of request at all (before the request is known). */
export function canVoteOnAny(actor: Actor | null | undefined): Decision {
  const committee = hasPermission(actor, 'vote:promotion');
  return committee.ok || hasPermission(actor, 'review:emergency').ok ? ALLOW : committee;
}

/** May the actor vote on this request: the kind's permission, a person behind the actor, and never the requester. */
export function canVote(actor: Actor | null | undefined, request: { kind: PromotionKind; requestedById: string }): Decision {
  return both(hasPermission(actor, votePermissionFor(request.kind)), () => {
    const voterId = actorUserId(actor!);
    if (!voterId) return deny(`Voting must be done by a user account (or a token created by one), not by ${actor!.label}`);
    if (voterId === request.requestedById) return deny('You requested this promotion, so you may not vote on it (separation of duties)');
    return ALLOW;
  });
}

export function canRequestPromotion(actor: Actor | null | undefined): Decision {
  return both(hasPermission(actor, 'request:promotion'), () =>
    actorUserId(actor!) ? ALLOW : deny(`Requesting a promotion must be done by a user account (or a token created by one), not by ${actor!.label}`));
}

/** Only the requester withdraws, and only committee or emergency requests (the committee must decide a ratification). */
export function canWithdraw(actor: Actor | null | undefined, request: { kind: PromotionKind; requestedById: string; status?: RequestStatus }): Decision {
  return both(canRequestPromotion(actor), () =>
    actorUserId(actor!) === request.requestedById ? ALLOW : deny('Only the requester may withdraw a promotion request'));
}

/** Users (by role and seniority) whose role lets them vote on a request of this kind. */
export function eligibleVoterFilter(kind: PromotionKind) {
  return holdersOf(votePermissionFor(kind));
}
