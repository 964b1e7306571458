// A metric definition's valid range (inclusive; null: unbounded on that side).

export type MetricRange = { minValue: number | null; maxValue: number | null };

const fmt = (n: number) => String(n);

/** Why `value` is outside the range of metric `key`, or null when it is inside. */
export function rangeProblem(key: string, range: MetricRange, value: number): string | null {
  const { minValue: min, maxValue: max } = range;
  if (min !== null && value < min) {
    return `${key} must be ${max !== null ? `between ${fmt(min)} and ${fmt(max)}` : `at least ${fmt(min)}`}, got ${fmt(value)}`;
  }
  if (max !== null && value > max) {
    return `${key} must be ${min !== null ? `between ${fmt(min)} and ${fmt(max)}` : `at most ${fmt(max)}`}, got ${fmt(value)}`;
  }
  return null;
}

export function describeRange(range: MetricRange): string {
  const { minValue: min, maxValue: max } = range;
  if (min === null && max === null) return 'any value';
  if (min !== null && max !== null) return `${fmt(min)} – ${fmt(max)}`;
  return min !== null ? `≥ ${fmt(min)}` : `≤ ${fmt(max!)}`;
}
