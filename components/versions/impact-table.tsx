import { RowHeader, Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { ImpactComparison } from '@/lib/domain/impact';
import { ClaimBadge, Delta } from './delta';
import { fmtPct, fmtValue } from './format';

const arrow = (d: string) => (d === 'lower_is_better' ? '↓ lower is better' : '↑ higher is better');

/** Measured change against the previous version beside the claim of the commit message. */
export function ImpactTable({ impact, caption, label }: { impact: ImpactComparison; caption?: string; label?: string }) {
  if (impact.rows.length === 0 && impact.unmatchedClaims.length === 0) {
    return <p className="text-sm text-slate-600">No overall metrics and no claimed impact to compare.</p>;
  }
  return (
    <>
      {caption && <p className="mb-2 text-sm text-slate-600">{caption}</p>}
      <Table minWidth="min-w-[36rem]" testId="impact-table" label={label ?? 'Claimed vs measured impact (scrolls horizontally)'} caption={caption ?? 'Measured change against the previous version beside the claimed impact'}>
        <THead>
          <Th>Metric</Th>
          <Th align="right">Previous</Th>
          <Th align="right">This</Th>
          <Th align="right">Measured</Th>
          <Th align="right">Claimed</Th>
          <Th>Claim</Th>
        </THead>
        <TBody>
          {impact.rows.map((r) => (
            <tr key={r.metricKey}>
              <RowHeader>
                {r.name}
                <span className="block text-xs font-normal text-slate-600">{arrow(r.direction)}{r.unit ? ` · ${r.unit}` : ''}</span>
              </RowHeader>
              <Td align="right">{fmtValue(r.previous)}</Td>
              <Td align="right">{fmtValue(r.current)}</Td>
              <Td align="right"><Delta pct={r.changePct} verdict={r.verdict} /></Td>
              <Td align="right">{r.claimedPct == null ? '—' : fmtPct(r.claimedPct, Number.isInteger(r.claimedPct) ? 0 : 1)}</Td>
              <Td><ClaimBadge check={r.claimCheck} /></Td>
            </tr>
          ))}
        </TBody>
      </Table>
      {impact.unmatchedClaims.length > 0 && (
        <p className="mt-2 text-xs text-slate-600">
          Claims on metrics the registry does not measure: {impact.unmatchedClaims.map((c) => c.raw).join(', ')}
        </p>
      )}
    </>
  );
}
