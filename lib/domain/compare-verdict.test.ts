import { describe, expect, it } from 'vitest';
import { compareVerdicts, shortVersionLabels, type VerdictMetric } from './compare-verdict';

const overall = (value: number) => [{ scenario: '', language: '', value }];
const metric = (key: string, direction: VerdictMetric['direction'], ...values: (number | null)[]): VerdictMetric => ({
  key, name: key.toUpperCase(), direction, values: values.map((v) => (v === null ? [] : overall(v))),
});
const tol5 = () => 5;

describe('compareVerdicts', () => {
  it('judges each metric by its direction: lower FVD and higher IS/TC are better', () => {
    const [v] = compareVerdicts(['v2.0.0', 'v2.1.0'], [
      metric('fvd', 'lower_is_better', 200, 180),
      metric('is', 'higher_is_better', 70, 75),
      metric('tc', 'higher_is_better', 0.9, 0.95),
      metric('gt', 'lower_is_better', 4, 3.5),
    ], tol5);
    expect(v.sentence).toBe('v2.1.0 is better than v2.0.0 on 4 of 4 metrics, within tolerance.');
    expect(v.overall).toBe('better');
    expect(v.better.map((b) => b.key)).toEqual(['fvd', 'is', 'tc', 'gt']);
  });

  it('a rise in FVD and a fall in IS are worse, and beyond the tolerance they are named with their size', () => {
    const [v] = compareVerdicts(['v1', 'v2'], [metric('fvd', 'lower_is_better', 100, 120), metric('is', 'higher_is_better', 70, 69)], tol5);
    expect(v.overall).toBe('worse');
    expect(v.worse.map((w) => [w.key, w.withinTolerance])).toEqual([['fvd', false], ['is', true]]);
    expect(v.withinTolerance).toBe(false);
    expect(v.sentence).toBe('v2 is worse than v1 on 2 of 2 metrics, FVD is 20% worse, beyond the 5% tolerance.');
  });

  it('a small regression within the tolerance keeps the verdict "within tolerance" and names the worse metric', () => {
    const [v] = compareVerdicts(['a', 'b'], [metric('fvd', 'lower_is_better', 100, 90), metric('is', 'higher_is_better', 70, 68)], tol5);
    expect(v.overall).toBe('mixed');
    expect(v.sentence).toBe('b is better than a on 1 of 2 metrics, worse on IS, within tolerance.');
  });

  it('uses the tolerance given for the metric and version (the component\'s maxRegressionPct)', () => {
    const metrics = [metric('fvd', 'lower_is_better', 100, 103)];
    expect(compareVerdicts(['a', 'b'], metrics, () => 5)[0].withinTolerance).toBe(true);
    expect(compareVerdicts(['a', 'b'], metrics, (k, i) => (k === 'fvd' && i === 1 ? 2 : 5))[0].withinTolerance).toBe(false);
  });

  it('counts tiny changes as unchanged and leaves out metrics missing on one side', () => {
    const [v] = compareVerdicts(['a', 'b'], [metric('fvd', 'lower_is_better', 100, 100.01), metric('is', 'higher_is_better', 70, null)], tol5);
    expect(v.same).toHaveLength(1);
    expect(v.missing).toEqual(['IS']);
    expect(v.overall).toBe('same');
    expect(v.sentence).toBe('b is unchanged from a on its metric, within tolerance; not compared: IS (no value on both sides).');
  });

  it('falls back to the mean of scenario values, like the gates', () => {
    const m: VerdictMetric = { key: 'fvd', name: 'FVD', direction: 'lower_is_better', values: [overall(100), [{ scenario: 'a', language: '', value: 80 }, { scenario: 'b', language: '', value: 100 }]] };
    const [v] = compareVerdicts(['a', 'b'], [m], tol5);
    expect(v.better[0].value).toBe(90);
  });

  it('gives one verdict per version after the baseline, each against the baseline', () => {
    const vs = compareVerdicts(['a', 'b', 'c'], [metric('fvd', 'lower_is_better', 100, 90, 110)], tol5);
    expect(vs.map((v) => [v.label, v.overall])).toEqual([['b', 'better'], ['c', 'worse']]);
    expect(vs[1].baselineLabel).toBe('a');
  });

  it('says so when nothing can be compared', () => {
    const [v] = compareVerdicts(['a', 'b'], [], tol5);
    expect(v.overall).toBe('unknown');
    expect(v.sentence).toBe('b and a have no metric in common to compare.');
  });
});

describe('shortVersionLabels', () => {
  it('uses the version alone within one component and adds the component across components', () => {
    expect(shortVersionLabels([{ component: 'base', version: '1.0.0' }, { component: 'base', version: '1.1.0' }])).toEqual(['v1.0.0', 'v1.1.0']);
    expect(shortVersionLabels([{ component: 'base', version: '1.0.0' }, { component: 'sr', version: '1.1.0' }])).toEqual(['base v1.0.0', 'sr v1.1.0']);
  });
});
