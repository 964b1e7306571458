import { describe, expect, it } from 'vitest';
import { describeParameterValue, judgeParameterChange } from './parameter-diff';

const metrics: Record<string, { name: string; direction: 'lower_is_better' | 'higher_is_better' }> = {
  fvd: { name: 'FVD', direction: 'lower_is_better' },
  is: { name: 'Inception Score', direction: 'higher_is_better' },
};
const metric = (k: string) => metrics[k];

describe('judgeParameterChange', () => {
  it('calls a cut in tested scenarios worse, naming what is no longer tested', () => {
    const c = judgeParameterChange({ field: 'tested_scenarios', before: ['a', 'b', 'c'], after: ['a'] }, metric);
    expect(c.verdict).toBe('worse');
    expect(c.note).toBe('2 scenarios no longer tested: b, c (3 → 1)');
    expect(c.label).toBe('Tested scenarios');
    expect(c.after).toBe('a');
  });
  it('calls more tested scenarios better', () => {
    expect(judgeParameterChange({ field: 'tested_scenarios', before: ['a'], after: ['a', 'b'] }, metric).verdict).toBe('better');
  });
  it('judges performance metrics by direction: FVD down is better, IS down is worse', () => {
    expect(judgeParameterChange({ field: 'performance_metrics.fvd', before: 200, after: 180 }, metric).verdict).toBe('better');
    expect(judgeParameterChange({ field: 'performance_metrics.is', before: 70, after: 60 }, metric).verdict).toBe('worse');
    expect(judgeParameterChange({ field: 'performance_metrics.is', before: 60, after: 70 }, metric).label).toBe('Performance: Inception Score');
  });
  it('calls a performance metric that is no longer stated worse, shown as "not set"', () => {
    const c = judgeParameterChange({ field: 'performance_metrics.is', before: 70, after: null }, metric);
    expect(c).toMatchObject({ verdict: 'worse', before: '70', after: 'not set' });
  });
  it('leaves a parameter change neutral with its human label', () => {
    expect(judgeParameterChange({ field: 'base_noise_lambda', before: 0.5, after: 0.6 }, metric)).toMatchObject({ verdict: 'changed', label: 'Base noise λ' });
    expect(judgeParameterChange({ field: 'parameters.learning_rate', before: null, after: 0.001 }, metric)).toMatchObject({ label: 'Learning rate', before: 'not set' });
  });
});

describe('describeParameterValue', () => {
  it('never prints null or JSON', () => {
    expect(describeParameterValue(null)).toBe('not set');
    expect(describeParameterValue([])).toBe('none');
    expect(describeParameterValue({ batch_size: 32 })).toBe('Batch size: 32');
  });
});
