import { describe, expect, it } from 'vitest';
import { isRcaOverdue, nextTrafficStep } from './incident';

describe('incident rules', () => {
  it('moves traffic in 20% steps, in order, then stops', () => {
    expect(nextTrafficStep([])).toBe(20);
    expect(nextTrafficStep([20, 40])).toBe(60);
    expect(nextTrafficStep([20, 40, 60, 80, 100])).toBeNull();
  });
  it('counts an RCA overdue only after its due time and only while it is missing', () => {
    const rcaDueAt = new Date('2023-07-02T10:00:00Z');
    expect(isRcaOverdue({ rcaDueAt }, rcaDueAt)).toBe(false);
    expect(isRcaOverdue({ rcaDueAt }, new Date(rcaDueAt.getTime() + 1))).toBe(true);
    expect(isRcaOverdue({ rcaDueAt, rcaSubmittedAt: rcaDueAt }, new Date('2024-01-01'))).toBe(false);
  });
});
