import type { RaiAssessmentInput } from '../validation/rai';

// The result of an RAI assessment is computed, never given by the caller: pass only if every check passes.

/** A bias measure within its limit (its direction says which side of the threshold is good). */
export function biasWithinLimit(b: { value: number; threshold: number; direction: 'lower_is_better' | 'higher_is_better' }): boolean {
  return b.direction === 'lower_is_better' ? b.value <= b.threshold : b.value >= b.threshold;
}

export type RaiEvaluation = { result: 'pass' | 'fail'; maxDisparity: number; failures: string[] };

/** What passes and what fails in an assessment. */
export function evaluateRai(input: RaiAssessmentInput, maxLanguageDisparity: number): RaiEvaluation {
  const failures: string[] = [];
  for (const b of input.biasMetrics) {
    if (!biasWithinLimit(b)) failures.push(`bias: ${b.metric} on ${b.testSet} is ${b.value} (limit ${b.direction === 'lower_is_better' ? '≤' : '≥'} ${b.threshold})`);
  }
  const scores = Object.values(input.languageMetrics);
  const maxDisparity = Math.round((Math.max(...scores) - Math.min(...scores)) * 1e9) / 1e9;
  if (maxDisparity > maxLanguageDisparity) {
    failures.push(`fairness: language disparity ${maxDisparity} exceeds ${maxLanguageDisparity} (${Object.entries(input.languageMetrics).map(([l, v]) => `${l} ${v}`).join(', ')})`);
  }
  for (const r of input.robustness) if (!r.passed) failures.push(`robustness: ${r.attack} not passed`);
  for (const [item, ok] of Object.entries(input.ethicsChecklist)) if (!ok) failures.push(`ethics: "${item}" not satisfied`);
  return { result: failures.length ? 'fail' : 'pass', maxDisparity, failures };
}
