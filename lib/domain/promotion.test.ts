import { describe, expect, it } from 'vitest';
import { monitoringUntilAfter, promotionState, ratificationDueAfter, underHeightenedMonitoring } from './promotion';

describe('promotionState', () => {
  const base = { status: 'open' as const, kind: 'committee' as const, quorum: 2, approvals: 2, raiResult: null };
  it('reads an open committee request at quorum without a passed RAI as waiting on RAI', () => {
    expect(promotionState(base)).toBe('approved_waiting_rai');
    expect(promotionState({ ...base, raiResult: 'fail' })).toBe('approved_waiting_rai');
    expect(promotionState({ ...base, raiResult: 'pass' })).toBe('open');
    expect(promotionState({ ...base, approvals: 1 })).toBe('open');
  });
  it('does not make emergency or ratification requests wait on RAI; decided requests keep their status', () => {
    expect(promotionState({ ...base, kind: 'emergency' })).toBe('open');
    expect(promotionState({ ...base, kind: 'ratification' })).toBe('open');
    expect(promotionState({ ...base, status: 'rejected' })).toBe('rejected');
  });
});

describe('heightened monitoring and ratification deadlines', () => {
  const at = new Date('2023-08-01T10:00:00Z');
  it('runs from the promotion for the configured days; the end date itself is no longer monitored', () => {
    const until = monitoringUntilAfter(at, 14);
    expect(until.toISOString()).toBe('2023-08-15T10:00:00.000Z');
    expect(underHeightenedMonitoring({ monitoringUntil: until }, new Date('2023-08-15T09:59:59Z'))).toBe(true);
    expect(underHeightenedMonitoring({ monitoringUntil: until }, until)).toBe(false);
    expect(underHeightenedMonitoring({ monitoringUntil: null }, at)).toBe(false);
    expect(ratificationDueAfter(at, 7).toISOString()).toBe('2023-08-08T10:00:00.000Z');
  });
});
