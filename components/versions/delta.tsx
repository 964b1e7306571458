import type { ClaimCheck } from '@/lib/domain/impact';
import type { Verdict } from '@/lib/domain/metrics';
import { fmtPct } from './format';

const VERDICT_CLASS: Record<Verdict, string> = {
  better: 'text-emerald-800',
  worse: 'text-red-700',
  same: 'text-slate-600',
};

/** A direction-aware change: colour plus sign plus words, so colour is never the only cue. */
export function Delta({ pct, verdict, className = '' }: { pct: number | null; verdict: Verdict | null; className?: string }) {
  if (pct == null) return <span className={`text-slate-500 ${className}`}>—</span>;
  const v = verdict ?? 'same';
  return (
    <span className={`font-medium tabular-nums whitespace-nowrap ${VERDICT_CLASS[v]} ${className}`} data-verdict={v}>
      <span aria-hidden="true">{v === 'better' ? '✓ ' : v === 'worse' ? '✗ ' : ''}</span>
      {fmtPct(pct)}
      <span className="sr-only"> ({v === 'same' ? 'unchanged' : v})</span>
    </span>
  );
}

const CLAIM_TEXT: Record<ClaimCheck, { label: string; cls: string }> = {
  matches: { label: 'matches', cls: 'bg-emerald-50 text-emerald-900 ring-emerald-300' },
  overstated: { label: 'overstated', cls: 'bg-amber-50 text-amber-900 ring-amber-300' },
  contradicts: { label: 'contradicted', cls: 'bg-red-50 text-red-800 ring-red-300' },
  unmeasured: { label: 'not measured', cls: 'bg-slate-50 text-slate-700 ring-slate-300' },
};

export function ClaimBadge({ check }: { check: ClaimCheck | null }) {
  if (!check) return <span className="text-slate-500">—</span>;
  const c = CLAIM_TEXT[check];
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${c.cls}`}>{c.label}</span>;
}
