import type { MetricDirection } from '../generated/prisma/enums';
import { regressionPct, resolveMetric, type MetricValueFact } from './gates';
import { judgeChange, percentChange } from './metrics';

// The compare page's one-line verdict per version against the baseline ("v2.1.0 is better than
// v2.0.0 on 4 of 4 metrics, within tolerance"). It reuses the rules the gates apply, so the page
// and the lifecycle cannot disagree: each metric's value is resolveMetric's (the overall value,
// else the mean of the scenario values); better / worse / unchanged is judgeChange's
// (direction-aware, below SAME_THRESHOLD_PCT unchanged); "within tolerance" is the gate's
// regression rule — no metric worse than the component's maxRegressionPct for it, or the
// registry's regression tolerance (settings) when the component sets none.

export type VerdictMetric = {
  key: string;
  name: string;
  direction: MetricDirection;
  /** Per version (same order as the labels): that version's values of this metric. */
  values: MetricValueFact[][];
};

export type MetricOutcome = {
  key: string;
  name: string;
  baseline: number;
  value: number;
  changePct: number | null;
  verdict: 'better' | 'worse' | 'same';
  /** How much worse, in % (positive = worse), as the regression gate computes it. */
  regressionPct: number | null;
  tolerancePct: number;
  withinTolerance: boolean;
};

export type VersionVerdict = {
  label: string;
  baselineLabel: string;
  /** Metrics both this version and the baseline have a value for. */
  compared: number;
  better: MetricOutcome[];
  worse: MetricOutcome[];
  same: MetricOutcome[];
  /** Metric names with a value on one side only (not judged). */
  missing: string[];
  /** No metric is worse than its tolerance. */
  withinTolerance: boolean;
  overall: 'better' | 'worse' | 'mixed' | 'same' | 'unknown';
  sentence: string;
};

const fmt = (n: number) => (Math.abs(n) >= 10 ? n.toFixed(0) : Number(n.toFixed(1)).toString());
const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/**
 * One verdict per version after the first (the baseline). `toleranceFor(metricKey, versionIndex)`
 * gives the allowed regression in % for that version's component (the gate's rule).
 */
export function compareVerdicts(labels: string[], metrics: VerdictMetric[], toleranceFor: (metricKey: string, versionIndex: number) => number): VersionVerdict[] {
  return labels.slice(1).map((label, k) => {
    const i = k + 1;
    const better: MetricOutcome[] = [];
    const worse: MetricOutcome[] = [];
    const same: MetricOutcome[] = [];
    const missing: string[] = [];
    for (const m of metrics) {
      const base = resolveMetric(m.values[0]);
      const mine = resolveMetric(m.values[i]);
      if (!base && !mine) continue;
      if (!base || !mine) {
        missing.push(m.name);
        continue;
      }
      const changePct = percentChange(base.value, mine.value);
      const verdict = judgeChange(m.direction, changePct) ?? (mine.value === base.value ? 'same' : m.direction === 'lower_is_better' ? (mine.value < base.value ? 'better' : 'worse') : mine.value > base.value ? 'better' : 'worse');
      const reg = regressionPct(m.direction, mine.value, base.value);
      const tolerancePct = toleranceFor(m.key, i);
      const outcome: MetricOutcome = {
        key: m.key, name: m.name, baseline: base.value, value: mine.value, changePct, verdict,
        regressionPct: reg, tolerancePct,
        // A zero baseline has no % regression: a worse value is then outside any tolerance.
        withinTolerance: verdict !== 'worse' || (reg !== null && reg <= tolerancePct),
      };
      (verdict === 'better' ? better : verdict === 'worse' ? worse : same).push(outcome);
    }
    const compared = better.length + worse.length + same.length;
    const beyond = worse.filter((w) => !w.withinTolerance);
    const withinTolerance = beyond.length === 0;
    const overall: VersionVerdict['overall'] =
      compared === 0 ? 'unknown' : worse.length === 0 ? (better.length > 0 ? 'better' : 'same') : better.length === 0 ? 'worse' : 'mixed';
    const baselineLabel = labels[0];
    const parts: string[] = [];
    if (compared === 0) {
      parts.push(`${label} and ${baselineLabel} have no metric in common to compare`);
    } else {
      const head = better.length > 0
        ? `${label} is better than ${baselineLabel} on ${better.length} of ${compared} metric${compared === 1 ? '' : 's'}`
        : worse.length > 0
          ? `${label} is worse than ${baselineLabel} on ${worse.length} of ${compared} metric${compared === 1 ? '' : 's'}`
          : `${label} is unchanged from ${baselineLabel} on ${compared === 1 ? 'its' : `all ${compared}`} metric${compared === 1 ? '' : 's'}`;
      parts.push(head);
      if (better.length > 0 && worse.length > 0) parts.push(`worse on ${list(worse.map((w) => w.name))}`);
      if (withinTolerance) parts.push('within tolerance');
      else parts.push(list(beyond.map((w) => `${w.name} ${w.regressionPct === null ? 'is worse from a zero baseline' : `is ${fmt(w.regressionPct)}% worse, beyond the ${fmt(w.tolerancePct)}% tolerance`}`)));
    }
    let sentence = parts.join(', ');
    if (missing.length) sentence += `; not compared: ${list(missing)} (no value on both sides)`;
    return { label, baselineLabel, compared, better, worse, same, missing, withinTolerance, overall, sentence: `${sentence}.` };
  });
}

/**
 * Short names for the versions being compared, for legends and the verdict: "v2.1.0" when all
 * are of one component, else "base v2.1.0"; the full model id is kept for links and titles.
 */
export function shortVersionLabels(versions: { component: string; version: string }[]): string[] {
  const oneComponent = versions.every((v) => v.component === versions[0]?.component);
  return versions.map((v) => (oneComponent ? `v${v.version}` : `${v.component} v${v.version}`));
}
