import Link from 'next/link';
import { Delta } from '@/components/versions/delta';
import { fmtSigned, fmtValue, scenarioLabel } from '@/components/versions/format';
import type { CompareMetric, VersionComparison } from '@/lib/queries/model-versions';

/** One metric: rows are scenarios, columns are versions (value, then delta vs the baseline). */
export function CompareTable({ metric, versions }: { metric: CompareMetric; versions: VersionComparison['versions'] }) {
  const dir = metric.direction === 'lower_is_better' ? 'lower is better' : 'higher is better';
  return (
    <div className="relative -mx-4 overflow-x-auto px-4" tabIndex={0} role="region" aria-label={`${metric.name} values and deltas (scrolls horizontally)`}>
      <table className="w-full min-w-max text-sm" data-testid={`compare-table-${metric.key}`}>
        <caption className="sr-only">
          {metric.name} ({dir}) per scenario for each version, with the change against the baseline {versions[0].modelId}
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
            <th scope="col" className="py-2 pr-3 font-semibold uppercase">Scenario</th>
            {versions.map((v, i) => (
              <th key={v.id} scope="col" className="py-2 pr-3 text-right align-bottom font-semibold">
                <Link href={`/versions/${v.modelId}`} className="font-mono">{v.component} {v.version}</Link>
                <span className="block font-normal text-slate-600">{i === 0 ? 'baseline' : 'vs baseline'}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {metric.rows.map((r) => (
            <tr key={r.scenario} className={r.scenario === '' ? 'bg-slate-50' : ''}>
              <th scope="row" className="py-2 pr-3 text-left font-medium">{scenarioLabel(r.scenario)}</th>
              {r.cells.map((c, i) => (
                <td key={versions[i].id} className="py-2 pr-3 text-right tabular-nums" data-testid={i > 0 ? 'delta-cell' : undefined}>
                  <span className="block">{fmtValue(c.value)}</span>
                  {i > 0 && c.value != null && (
                    <span className="block text-xs">
                      <Delta pct={c.deltaPct} verdict={c.verdict} /> <span className="text-slate-600">({fmtSigned(c.deltaAbs)})</span>
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
