import type { QuorumSetting } from '../validation/settings';

// Counting votes, for promotion requests and parameter sets alike.

/** Approve votes needed: a majority of the eligible voters (floor(n/2)+1), or a fixed number. */
export function quorumFor(setting: QuorumSetting, eligibleVoters: number): number {
  return setting.mode === 'fixed' ? setting.n : Math.floor(eligibleVoters / 2) + 1;
}

export type Tally = { approvals: number; rejections: number; remaining: number };
export type TallyOutcome = 'approved' | 'rejected' | 'open';

/** Votes so far, and how many eligible voters have not voted yet (when the eligible ids are given). */
export function tallyVotes(votes: readonly { decision: string; voterId?: string }[], eligibleVoterIds: readonly string[] = []): Tally {
  const approvals = votes.filter((v) => v.decision === 'approve').length;
  const voted = new Set(votes.map((v) => v.voterId));
  return { approvals, rejections: votes.length - approvals, remaining: eligibleVoterIds.filter((id) => !voted.has(id)).length };
}

/** Quorum of approvals reached → approved; quorum out of reach for the remaining voters → rejected. */
export function tallyOutcome(t: Tally, quorum: number): TallyOutcome {
  if (t.approvals >= quorum) return 'approved';
  if (t.approvals + t.remaining < quorum) return 'rejected';
  return 'open';
}
