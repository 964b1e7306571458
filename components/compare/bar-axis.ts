import { niceAxis } from '@/components/dashboard/time-ticks';

// Where a grouped bar chart's value axis starts. From 0 when the differences between the bars of
// a group show that way; cut (a round number below the smallest value) when the largest
// difference inside any group is small against the values — then bars of 0.93 and 0.95 would
// look equal — and the chart says that its axis is cut.

/** Groups whose largest difference is under this share of the largest value get a cut axis. */
export const CUT_BELOW_DIFFERENCE = 0.1;

export type BarAxis = { min: number; max: number; ticks: number[]; cut: boolean };

/** `groups`: the values of each group of bars (one per scenario, one value per version). */
export function barAxis(groups: (number | null)[][]): BarAxis | null {
  const clean = groups.map((g) => g.filter((v): v is number => v != null && Number.isFinite(v)));
  const vs = clean.flat();
  if (vs.length === 0) return null;
  const lo = Math.min(...vs);
  const hi = Math.max(...vs);
  const widest = Math.max(0, ...clean.map((g) => (g.length > 1 ? Math.max(...g) - Math.min(...g) : 0)));
  const fromZero = { ...niceAxis(Math.min(0, lo), Math.max(0, hi)), cut: false };
  if (lo <= 0 || widest === 0 || widest / hi >= CUT_BELOW_DIFFERENCE) return fromZero;
  const cut = niceAxis(lo, hi);
  const round = (n: number) => Number(n.toPrecision(12));
  return cut.min > 0 ? { min: round(cut.min), max: round(cut.max), ticks: cut.ticks, cut: true } : fromZero;
}
