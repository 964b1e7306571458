import { describe, expect, it } from 'vitest';
import { calibratedMultiplier } from './lighthouse.mts';

// Lighthouse docs/throttling.md: 4× takes a high-end desktop (BenchmarkIndex 1500–2000) to a
// mid-tier phone; from a low-end desktop (1000–1500) about 2× does, more toward the top of it.
describe('calibratedMultiplier', () => {
  it('keeps the default 4× on a high-end desktop', () => {
    expect(calibratedMultiplier(1500)).toBe(4);
    expect(calibratedMultiplier(2400)).toBe(4);
  });
  it('scales from 2× at the bottom of the low-end desktop bracket toward 4× at its top', () => {
    expect(calibratedMultiplier(1000)).toBe(2);
    expect(calibratedMultiplier(1250)).toBe(3);
    expect(calibratedMultiplier(1499)).toBeCloseTo(4, 0);
  });
  it('uses 2× below that (the table: a high-end phone to a mid-tier one)', () => {
    expect(calibratedMultiplier(900)).toBe(2);
    expect(calibratedMultiplier(0)).toBe(2);
  });
});
