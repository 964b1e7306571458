import { describe, expect, it } from 'vitest';
import { evaluateGate, evaluateGates, meetsThreshold, regressionPct, resolveMetric, type GateFacts } from './gates';
import { findTransition } from './lifecycle';

const NOW = new Date('2023-06-15T12:00:00Z');

function facts(over: Partial<GateFacts> = {}): GateFacts {
  return {
    now: NOW,
    latestUnitTest: { passed: 10, failed: 0, runAt: NOW },
    requirements: [
      { metric: 'fvd', name: 'FVD', direction: 'lower_is_better', threshold: 250, maxRegressionPct: null },
      { metric: 'is', name: 'IS', direction: 'higher_is_better', threshold: 60, maxRegressionPct: null },
    ],
    metrics: { fvd: [{ scenario: '', language: '', value: 200 }], is: [{ scenario: '', language: '', value: 70 }] },
    production: null,
    regressionTolerancePct: 5,
    gracePeriodDays: 90,
    statusChangedAt: new Date('2023-03-01T00:00:00Z'),
    latestRai: null,
    openPromotion: null,
    actorIsSystem: false,
    ...over,
  };
}

const rule = (from: Parameters<typeof findTransition>[0], to: Parameters<typeof findTransition>[1]) => findTransition(from, to)!;
const failed = (e: ReturnType<typeof evaluateGate>) => e.checks.filter((c) => !c.ok).map((c) => c.key);

describe('resolveMetric, meetsThreshold, regressionPct', () => {
  it('prefers the overall value, else the mean of scenario values, ignoring per-language rows', () => {
    expect(resolveMetric([{ scenario: 'a', language: '', value: 1 }, { scenario: '', language: '', value: 5 }])).toEqual({ value: 5, source: 'overall', scenarios: 0 });
    expect(resolveMetric([{ scenario: 'a', language: '', value: 2 }, { scenario: 'b', language: '', value: 4 }, { scenario: '', language: 'hi', value: 100 }]))
      .toEqual({ value: 3, source: 'scenario_mean', scenarios: 2 });
    expect(resolveMetric([{ scenario: '', language: 'hi', value: 1 }])).toBeNull();
    expect(resolveMetric(undefined)).toBeNull();
  });

  it('is direction-aware, thresholds inclusive', () => {
    expect(meetsThreshold('lower_is_better', 250, 250)).toBe(true);
    expect(meetsThreshold('lower_is_better', 250.1, 250)).toBe(false);
    expect(meetsThreshold('higher_is_better', 60, 60)).toBe(true);
    expect(meetsThreshold('higher_is_better', 59.9, 60)).toBe(false);
  });

  it('measures regression as positive when worse, null against a zero baseline', () => {
    expect(regressionPct('lower_is_better', 230, 200)).toBeCloseTo(15);
    expect(regressionPct('higher_is_better', 57, 60)).toBeCloseTo(5);
    expect(regressionPct('higher_is_better', 66, 60)).toBeCloseTo(-10);
    expect(regressionPct('lower_is_better', 1, 0)).toBeNull();
  });
});

describe('development → testing: passes unit tests', () => {
  const r = rule('development', 'testing');
  it('needs a latest unit run with no failures and something passed', () => {
    expect(evaluateGate(r, facts()).ok).toBe(true);
    expect(failed(evaluateGate(r, facts({ latestUnitTest: null })))).toEqual(['unit_tests']);
    expect(evaluateGate(r, facts({ latestUnitTest: { passed: 40, failed: 1, runAt: NOW } })).checks[0].detail).toBe('latest unit run has 1 failed test (40 passed)');
    expect(evaluateGate(r, facts({ latestUnitTest: { passed: 0, failed: 0, runAt: NOW } })).checks[0].detail).toBe('latest unit run passed no tests');
  });
});

describe('testing → staging: meets performance metrics', () => {
  const r = rule('testing', 'staging');
  it('passes when every requirement is met and notes there is no production to compare with', () => {
    const e = evaluateGate(r, facts());
    expect(e.ok).toBe(true);
    expect(e.notes).toContain('no production version of this component to compare with');
  });

  it('fails a missing value and a missed threshold, naming each', () => {
    const e = evaluateGate(r, facts({ metrics: { fvd: [{ scenario: '', language: '', value: 260 }] } }));
    expect(failed(e)).toEqual(['metric:fvd', 'metric:is']);
    expect(e.checks.find((c) => c.key === 'metric:is')!.detail).toBe('no IS value recorded');
    expect(e.checks.find((c) => c.key === 'metric:fvd')!.detail).toBe('FVD is 260, threshold ≤ 250 not met');
  });

  it('uses the scenario mean when no overall value is recorded, with a note', () => {
    const e = evaluateGate(r, facts({ metrics: { fvd: [{ scenario: 'a', language: '', value: 240 }, { scenario: 'b', language: '', value: 250 }], is: [{ scenario: '', language: '', value: 70 }] } }));
    expect(e.ok).toBe(true);
    expect(e.notes[0]).toMatch(/^FVD: no overall value; used the mean of 2 scenario values \(245\)/);
  });

  it('refuses a regression beyond the tolerance against production; a per-requirement tolerance overrides', () => {
    const production = { modelId: 'prod', metrics: { fvd: [{ scenario: '', language: '', value: 180 }], is: [{ scenario: '', language: '', value: 70 }] } };
    const e = evaluateGate(r, facts({ production }));
    expect(failed(e)).toEqual(['regression:fvd']);
    expect(e.checks.find((c) => c.key === 'regression:fvd')!.detail).toBe('FVD 200 vs production 180: 11.1% worse, more than the 5% tolerance');
    const relaxed = facts({ production });
    relaxed.requirements[0].maxRegressionPct = 20;
    expect(evaluateGate(r, relaxed).ok).toBe(true);
  });

  it('notes a production version without a value or with a zero value instead of failing', () => {
    const e = evaluateGate(r, facts({ production: { modelId: 'prod', metrics: { is: [{ scenario: '', language: '', value: 0 }] } } }));
    expect(e.ok).toBe(true);
    expect(e.notes).toEqual(['FVD: production version prod has no value to compare with', 'IS: production value is 0; regression not computed']);
  });

  it('notes when a component has no requirements (and passes)', () => {
    const e = evaluateGate(r, facts({ requirements: [] }));
    expect(e.ok).toBe(true);
    expect(e.notes).toContain('no metric requirements are defined for this component');
  });
});

describe('gates that need a reason, the committee, or the system', () => {
  it('testing → development and production → deprecated need a non-blank reason', () => {
    for (const r of [rule('testing', 'development'), rule('staging', 'testing'), rule('production', 'deprecated')]) {
      const without = evaluateGate(r, facts(), '  ');
      expect(without.ok).toBe(false);
      expect(without.checks[0]).toMatchObject({ key: 'reason', needsInput: true });
      expect(evaluateGate(r, facts(), 'fails metrics').ok).toBe(true);
    }
  });

  it('staging → production is never direct: quorum of approvals and a passed RAI', () => {
    const r = rule('staging', 'production');
    const none = evaluateGate(r, facts());
    expect(none.direct).toBe(false);
    expect(failed(none)).toEqual(['promotion_request', 'rai']);
    const short = evaluateGate(r, facts({ openPromotion: { id: 'p', kind: 'committee', approvals: 1, quorum: 2 }, latestRai: { result: 'pass', assessedAt: NOW } }));
    expect(failed(short)).toEqual(['promotion_request']);
    const ready = evaluateGate(r, facts({ openPromotion: { id: 'p', kind: 'committee', approvals: 2, quorum: 2 }, latestRai: { result: 'pass', assessedAt: NOW } }));
    expect(ready.ok).toBe(true);
  });

  it('deprecated → archived only by the system, only once the grace period has ended', () => {
    const r = rule('deprecated', 'archived');
    const changed = new Date('2023-01-01T00:00:00Z');
    const ends = new Date(changed.getTime() + 90 * 86_400_000);
    expect(failed(evaluateGate(r, facts({ statusChangedAt: changed, now: new Date(ends.getTime() - 1), actorIsSystem: true })))).toEqual(['grace_period']);
    expect(evaluateGate(r, facts({ statusChangedAt: changed, now: ends, actorIsSystem: true })).ok).toBe(true);
    expect(failed(evaluateGate(r, facts({ statusChangedAt: changed, now: ends, actorIsSystem: false })))).toEqual(['system']);
  });
});

describe('evaluateGates', () => {
  it('lists every way out of a status, and none out of archived', () => {
    expect(evaluateGates('testing', facts()).map((e) => e.to)).toEqual(['staging', 'development']);
    expect(evaluateGates('staging', facts()).map((e) => [e.to, e.evaluation.direct])).toEqual([['production', false], ['testing', true]]);
    expect(evaluateGates('archived', facts())).toEqual([]);
  });
});
