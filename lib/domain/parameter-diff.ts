import type { MetricDirection } from '../generated/prisma/enums';
import { fieldLabel } from './field-label';
import { judgeChange, percentChange } from './metrics';
import type { ParameterDiff } from './parameter-set';

// How a change between two parameter sets reads to a committee member: a human label, values in
// words ("not set", never `null` or JSON), and a direction-aware verdict. Evidence that shrinks is
// worse (fewer tested scenarios, a performance metric no longer stated); a performance metric that
// moves is judged by its direction (lower FVD is better, higher IS is better); a parameter that
// changes is only "changed" — whether a λ should rise is what the committee decides.

export type ParameterChangeVerdict = 'better' | 'worse' | 'same' | 'changed';

export type ParameterChange = {
  field: string;
  label: string;
  before: string;
  after: string;
  verdict: ParameterChangeVerdict;
  /** Why the verdict, in words ("2 scenarios no longer tested: a, b"). */
  note: string | null;
};

const NOT_SET = 'not set';

/** A stored value in words. */
export function describeParameterValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return NOT_SET;
  if (Array.isArray(v)) return v.length ? v.map((x) => describeParameterValue(x)).join(', ') : 'none';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : NOT_SET;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    return entries.length ? entries.map(([k, x]) => `${fieldLabel(k)}: ${describeParameterValue(x)}`).join('; ') : NOT_SET;
  }
  return String(v);
}

function labelFor(field: string, metricName: (key: string) => string | undefined): string {
  if (field.startsWith('performance_metrics.')) {
    const key = field.slice('performance_metrics.'.length);
    return `Performance: ${metricName(key) ?? fieldLabel(key)}`;
  }
  if (field.startsWith('parameters.')) return fieldLabel(field.slice('parameters.'.length));
  return fieldLabel(field);
}

const present = (v: unknown) => v !== null && v !== undefined && v !== '';

/** One diff row judged; `metric` gives a performance metric's direction and name by key. */
export function judgeParameterChange(d: ParameterDiff, metric: (key: string) => { name: string; direction: MetricDirection } | undefined): ParameterChange {
  const base = { field: d.field, label: labelFor(d.field, (k) => metric(k)?.name), before: describeParameterValue(d.before), after: describeParameterValue(d.after) };
  if (d.field === 'tested_scenarios') {
    const before = Array.isArray(d.before) ? d.before.map(String) : [];
    const after = Array.isArray(d.after) ? d.after.map(String) : [];
    const removed = before.filter((s) => !after.includes(s));
    const added = after.filter((s) => !before.includes(s));
    if (removed.length) {
      return { ...base, verdict: 'worse', note: `${removed.length} scenario${removed.length === 1 ? '' : 's'} no longer tested: ${removed.join(', ')}${added.length ? `; added ${added.join(', ')}` : ''} (${before.length} → ${after.length})` };
    }
    if (added.length) return { ...base, verdict: 'better', note: `${added.length} more scenario${added.length === 1 ? '' : 's'} tested: ${added.join(', ')} (${before.length} → ${after.length})` };
    return { ...base, verdict: 'same', note: null };
  }
  if (d.field.startsWith('performance_metrics.')) {
    const m = metric(d.field.slice('performance_metrics.'.length));
    if (present(d.before) && !present(d.after)) return { ...base, verdict: 'worse', note: 'no longer stated' };
    if (!present(d.before) && present(d.after)) return { ...base, verdict: 'changed', note: 'newly stated' };
    if (m && typeof d.before === 'number' && typeof d.after === 'number') {
      const verdict = judgeChange(m.direction, percentChange(d.before, d.after));
      if (verdict) return { ...base, verdict, note: m.direction === 'lower_is_better' ? 'lower is better' : 'higher is better' };
    }
    return { ...base, verdict: 'changed', note: null };
  }
  return { ...base, verdict: 'changed', note: null };
}
