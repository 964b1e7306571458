import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions';
import { canRequestPromotion, canVote, canVoteOnAny, canWithdraw, eligibleVoterFilter } from './promotion';

const user = (id: string, role: Actor['role'], senior = false): Actor => ({ type: 'user', id, label: `${id}@x`, role, senior });
const committee = user('c1', 'committee');
const engineer = user('e1', 'engineer');
const senior = user('s1', 'engineer', true);
const admin = user('a1', 'admin');
const ciToken: Actor = { type: 'api_token', id: 'tok', label: 'ci', role: 'committee', senior: false, userId: null };

describe('canVote', () => {
  it('lets committee members vote on committee and ratification requests, not on emergency ones', () => {
    expect(canVote(committee, { kind: 'committee', requestedById: 'e1' }).ok).toBe(true);
    expect(canVote(committee, { kind: 'ratification', requestedById: 'e1' }).ok).toBe(true);
    expect(canVote(committee, { kind: 'emergency', requestedById: 'e1' })).toMatchObject({ ok: false, permission: 'review:emergency' });
  });

  it('lets senior engineers give the emergency reviews only', () => {
    expect(canVote(senior, { kind: 'emergency', requestedById: 'e1' }).ok).toBe(true);
    expect(canVote(senior, { kind: 'committee', requestedById: 'e1' }).ok).toBe(false);
    expect(canVote(engineer, { kind: 'emergency', requestedById: 'x' }).ok).toBe(false);
    expect(canVote(admin, { kind: 'committee', requestedById: 'x' }).ok).toBe(false);
  });

  it('never lets the requester vote (separation of duties), with the reason', () => {
    const d = canVote(senior, { kind: 'emergency', requestedById: 's1' });
    expect(d).toEqual({ ok: false, reason: expect.stringMatching(/separation of duties/) });
  });

  it('refuses a token with no person behind it, and a missing actor', () => {
    expect(canVote(ciToken, { kind: 'committee', requestedById: 'e1' })).toMatchObject({ ok: false, reason: expect.stringMatching(/user account/) });
    expect(canVote(null, { kind: 'committee', requestedById: 'e1' }).ok).toBe(false);
  });

  it('says who may vote on some kind at all', () => {
    expect([committee, senior, engineer, admin].map((a) => canVoteOnAny(a).ok)).toEqual([true, true, false, false]);
  });
});

describe('requests and withdrawals', () => {
  it('lets engineers request; only the requester withdraws', () => {
    expect(canRequestPromotion(engineer).ok).toBe(true);
    expect(canRequestPromotion(committee).ok).toBe(false);
    expect(canWithdraw(engineer, { kind: 'committee', requestedById: 'e1' }).ok).toBe(true);
    expect(canWithdraw(senior, { kind: 'committee', requestedById: 'e1' })).toMatchObject({ ok: false, reason: 'Only the requester may withdraw a promotion request' });
  });
});

describe('eligible voters', () => {
  it('are derived from the role table, not named in the code', () => {
    expect(eligibleVoterFilter('committee')).toEqual([{ role: 'committee' }]);
    expect(eligibleVoterFilter('ratification')).toEqual([{ role: 'committee' }]);
    expect(eligibleVoterFilter('emergency')).toEqual([{ role: 'engineer', senior: true }]);
  });
});
