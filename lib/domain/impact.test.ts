import { describe, expect, it } from 'vitest';
import { buildImpact, checkClaim, parseVersionCommit } from './impact';
import { compareCells, judgeChange, orderDefinitions, percentChange } from './metrics';

const defs = [
  { id: 'd1', key: 'fvd', name: 'FVD', unit: '', direction: 'lower_is_better' as const },
  { id: 'd2', key: 'temporal_coherence', name: 'Temporal coherence', unit: '', direction: 'higher_is_better' as const },
];

describe('metric changes', () => {
  it('computes % change against the base, null without a usable base', () => {
    expect(percentChange(200, 170)).toBeCloseTo(-15);
    expect(percentChange(0, 1)).toBeNull();
    expect(percentChange(null, 1)).toBeNull();
  });
  it('judges by direction, with a dead band for "same"', () => {
    expect(judgeChange('lower_is_better', -15)).toBe('better');
    expect(judgeChange('higher_is_better', -15)).toBe('worse');
    expect(judgeChange('higher_is_better', 0.01)).toBe('same');
    expect(judgeChange('higher_is_better', null)).toBeNull();
  });
  it('compares each version with the first; a zero baseline compares only equality', () => {
    const cells = compareCells('lower_is_better', [200, 170, null]);
    expect(cells[0]).toEqual({ value: 200, deltaAbs: null, deltaPct: null, verdict: null });
    expect(cells[1]).toMatchObject({ value: 170, deltaAbs: -30, verdict: 'better' });
    expect(cells[2].verdict).toBeNull();
    expect(compareCells('lower_is_better', [0, 0])[1].verdict).toBe('same');
  });
  it('orders the key metrics first, then the rest A→Z', () => {
    expect(orderDefinitions([{ key: 'zeta' }, { key: 'is' }, { key: 'alpha' }, { key: 'fvd' }]).map((d) => d.key)).toEqual(['fvd', 'is', 'alpha', 'zeta']);
  });
});

describe('claimed vs measured impact', () => {
  it('matches, overstates, contradicts or cannot be measured', () => {
    expect(checkClaim(-15, -12)).toBe('matches');
    expect(checkClaim(-15, -5)).toBe('overstated');
    expect(checkClaim(-15, 3)).toBe('contradicts');
    expect(checkClaim(-15, 0)).toBe('contradicts');
    expect(checkClaim(0, 0.5)).toBe('matches');
    expect(checkClaim(-15, null)).toBe('unmeasured');
  });

  it('puts the commit message claim beside the measured change, keeping unknown metrics', () => {
    const commit = parseVersionCommit('[BASE] TRAIN: Better\n\nBody.\n\nPerformance impact: -15% on FVD, +2% on temporal coherence, +9% on sharpness\nReviewed-by: A');
    const impact = buildImpact(defs, { fvd: 170, temporal_coherence: 0.9 }, { id: 'p', modelId: 'prev', version: '1.0.0' }, { fvd: 200, temporal_coherence: 0.9 }, commit);
    expect(impact.rows.map((r) => [r.metricKey, r.verdict, r.claimCheck])).toEqual([['fvd', 'better', 'matches'], ['temporal_coherence', 'same', 'contradicts']]);
    expect(impact.unmatchedClaims.map((c) => c.metric)).toEqual(['sharpness']);
    expect(parseVersionCommit(null)).toBeNull();
  });
});
