import { describe, expect, it } from 'vitest';
import { quorumFor, tallyOutcome, tallyVotes } from './votes';

describe('quorumFor', () => {
  it('is a majority of the eligible voters, or a fixed number', () => {
    expect([1, 2, 3, 4, 5].map((n) => quorumFor({ mode: 'majority' }, n))).toEqual([1, 2, 2, 3, 3]);
    expect(quorumFor({ mode: 'fixed', n: 4 }, 3)).toBe(4);
  });
});

describe('tallyVotes / tallyOutcome', () => {
  const votes = [
    { voterId: 'a', decision: 'approve' },
    { voterId: 'b', decision: 'reject' },
  ];

  it('counts approvals, rejections and eligible voters who have not voted', () => {
    expect(tallyVotes(votes, ['a', 'b', 'c', 'd'])).toEqual({ approvals: 1, rejections: 1, remaining: 2 });
    expect(tallyVotes(votes)).toEqual({ approvals: 1, rejections: 1, remaining: 0 });
  });

  it('approves at quorum, stays open while quorum is reachable, rejects once it is not', () => {
    expect(tallyOutcome({ approvals: 2, rejections: 1, remaining: 0 }, 2)).toBe('approved');
    expect(tallyOutcome({ approvals: 1, rejections: 1, remaining: 1 }, 2)).toBe('open');
    expect(tallyOutcome({ approvals: 1, rejections: 2, remaining: 0 }, 2)).toBe('rejected');
    expect(tallyOutcome({ approvals: 0, rejections: 2, remaining: 1 }, 2)).toBe('rejected');
  });
});
