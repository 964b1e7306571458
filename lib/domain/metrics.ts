import type { MetricDirection } from '../generated/prisma/enums';

// Pure rules about metric values: which metrics tables show, relative change, and the
// direction-aware judgement of a change (FVD falling is better, IS rising is better).

/** The four metrics shown in tables, in display order. */
export const KEY_METRICS = ['fvd', 'is', 'temporal_coherence', 'generation_time'] as const;
export type KeyMetric = (typeof KEY_METRICS)[number];
export type KeyMetrics = Partial<Record<KeyMetric, number>>;

export type Verdict = 'better' | 'worse' | 'same';

/** Below this relative change (in %) a metric counts as unchanged. */
export const SAME_THRESHOLD_PCT = 0.05;

/** Relative change in %, or null when it cannot be computed (missing value, zero base). */
export function percentChange(base: number | null | undefined, value: number | null | undefined): number | null {
  if (base == null || value == null || !Number.isFinite(base) || !Number.isFinite(value) || base === 0) return null;
  return ((value - base) / Math.abs(base)) * 100;
}

/** Direction-aware judgement of a change: for FVD a fall is better, for IS a rise. */
export function judgeChange(direction: MetricDirection, changePct: number | null): Verdict | null {
  if (changePct == null) return null;
  if (Math.abs(changePct) < SAME_THRESHOLD_PCT) return 'same';
  const up = changePct > 0;
  return (direction === 'higher_is_better') === up ? 'better' : 'worse';
}

export type MetricDefinitionInfo = { id: string; key: string; name: string; unit: string; direction: MetricDirection };

/** Definitions in display order: the key metrics first, then the others A→Z. */
export function orderDefinitions<T extends { key: string }>(defs: T[]): T[] {
  const rank = (k: string) => {
    const i = (KEY_METRICS as readonly string[]).indexOf(k);
    return i < 0 ? KEY_METRICS.length : i;
  };
  return [...defs].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

/** One version's value in a comparison, and its change against the baseline. */
export type CompareCell = { value: number | null; deltaAbs: number | null; deltaPct: number | null; verdict: Verdict | null };

/**
 * Each version's value against the first (the baseline): absolute and % change, judged by the
 * metric's direction. With a zero baseline there is no % change: equal values count as 'same'.
 */
export function compareCells(direction: MetricDirection, values: (number | null)[]): CompareCell[] {
  const base = values[0] ?? null;
  return values.map((value, i) => {
    if (i === 0 || value == null || base == null) return { value, deltaAbs: null, deltaPct: null, verdict: null };
    const deltaPct = percentChange(base, value);
    const deltaAbs = value - base;
    return { value, deltaAbs, deltaPct, verdict: deltaPct == null ? (deltaAbs === 0 ? 'same' : null) : judgeChange(direction, deltaPct) };
  });
}
