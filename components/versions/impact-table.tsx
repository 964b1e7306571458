import type { ImpactComparison } from '@/lib/domain/impact';
import { ClaimBadge, Delta } from './delta';
import { fmtPct, fmtValue } from './format';

const arrow = (d: string) => (d === 'lower_is_better' ? '↓ lower is better' : '↑ higher is better');

/** Measured change against the previous version beside the claim of the commit message. */
export function ImpactTable({ impact, caption }: { impact: ImpactComparison; caption?: string }) {
  if (impact.rows.length === 0 && impact.unmatchedClaims.length === 0) {
    return <p className="text-sm text-slate-600">No overall metrics and no claimed impact to compare.</p>;
  }
  return (
    <>
    {caption && <p className="mb-2 text-sm text-slate-600">{caption}</p>}
    <div className="relative -mx-4 overflow-x-auto px-4">
      <table className="w-full min-w-[36rem] text-sm" data-testid="impact-table">
        <caption className="sr-only">{caption ?? 'Measured change against the previous version beside the claimed impact'}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-600 uppercase">
            <th scope="col" className="py-2 pr-3 font-semibold">Metric</th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">Previous</th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">This</th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">Measured</th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">Claimed</th>
            <th scope="col" className="py-2 font-semibold">Claim</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {impact.rows.map((r) => (
            <tr key={r.metricKey}>
              <th scope="row" className="py-2 pr-3 text-left font-medium">
                {r.name}
                <span className="block text-xs font-normal text-slate-600">{arrow(r.direction)}{r.unit ? ` · ${r.unit}` : ''}</span>
              </th>
              <td className="py-2 pr-3 text-right tabular-nums">{fmtValue(r.previous)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{fmtValue(r.current)}</td>
              <td className="py-2 pr-3 text-right"><Delta pct={r.changePct} verdict={r.verdict} /></td>
              <td className="py-2 pr-3 text-right tabular-nums">{r.claimedPct == null ? '—' : fmtPct(r.claimedPct, Number.isInteger(r.claimedPct) ? 0 : 1)}</td>
              <td className="py-2"><ClaimBadge check={r.claimCheck} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {impact.unmatchedClaims.length > 0 && (
        <p className="mt-2 text-xs text-slate-600">
          Claims on metrics the registry does not measure: {impact.unmatchedClaims.map((c) => c.raw).join(', ')}
        </p>
      )}
    </div>
    </>
  );
}
