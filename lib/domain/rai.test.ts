import { describe, expect, it } from 'vitest';
import { evaluateRai } from './rai';

const input = {
  biasMetrics: [{ testSet: 'diverse-faces', metric: 'gap', value: 0.03, threshold: 0.05, direction: 'lower_is_better' as const }],
  languageMetrics: { en: 0.91, hi: 0.87, ta: 0.85 },
  robustness: [{ attack: 'prompt-injection', passed: true }],
  ethicsChecklist: { 'Reviewed against PIB ethical guidelines': true },
};

describe('evaluateRai', () => {
  it('passes when every check passes, with the language disparity computed', () => {
    expect(evaluateRai(input, 0.1)).toEqual({ result: 'pass', maxDisparity: 0.06, failures: [] });
  });
  it('fails and names each failing consideration', () => {
    const r = evaluateRai({
      ...input,
      biasMetrics: [{ ...input.biasMetrics[0], value: 0.07 }],
      robustness: [{ attack: 'adversarial-noise', passed: false }],
      ethicsChecklist: { 'No likeness of real officials without consent': false },
    }, 0.05);
    expect(r.result).toBe('fail');
    expect(r.failures).toEqual([
      'bias: gap on diverse-faces is 0.07 (limit ≤ 0.05)',
      'fairness: language disparity 0.06 exceeds 0.05 (en 0.91, hi 0.87, ta 0.85)',
      'robustness: adversarial-noise not passed',
      'ethics: "No likeness of real officials without consent" not satisfied',
    ]);
  });
});
