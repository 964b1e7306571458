import Link from '@/components/ui/link';
import { RowHeader, Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Delta } from '@/components/versions/delta';
import { fmtSigned, fmtValue, languageLabel, scenarioLabel } from '@/components/versions/format';
import type { CompareMetric, VersionComparison } from '@/lib/queries/version-compare';

/** The head of a comparison table: the row label's column, then each version (linked) as the baseline or against it. */
export function VersionColumnsHead({ first, versions, labels }: { first: string; versions: VersionComparison['versions']; labels: string[] }) {
  return (
    <THead>
      <Th>{first}</Th>
      {versions.map((v, i) => (
        <Th key={v.id} align="right" className="align-bottom normal-case">
          <Link href={`/versions/${v.modelId}`} title={v.modelId} className="font-mono">{labels[i]}</Link>
          <span className="block font-normal text-slate-600">{i === 0 ? 'baseline' : 'vs baseline'}</span>
        </Th>
      ))}
    </THead>
  );
}

/** One metric: rows are scenarios (languages have their own table), columns are versions (value, then delta vs the baseline). */
export function CompareTable({ metric, versions, labels }: { metric: CompareMetric; versions: VersionComparison['versions']; labels: string[] }) {
  const dir = metric.direction === 'lower_is_better' ? 'lower is better' : 'higher is better';
  return (
    <Table
      minWidth="min-w-max"
      label={`${metric.name} values and deltas (scrolls horizontally)`}
      testId={`compare-table-${metric.key}`}
      caption={`${metric.name} (${dir}) per scenario for each version, with the change against the baseline ${versions[0].modelId}`}
    >
      <VersionColumnsHead first="Scenario" versions={versions} labels={labels} />
      <TBody>
        {metric.rows.map((r) => (
          <tr key={`${r.scenario}|${r.language}`} className={r.scenario === '' && r.language === '' ? 'bg-slate-50' : ''}>
            <RowHeader>
              {scenarioLabel(r.scenario)}
              {r.language !== '' && <span className="block text-xs font-normal text-slate-600">{languageLabel(r.language)}</span>}
            </RowHeader>
            {r.cells.map((c, i) => (
              <Td key={versions[i].id} align="right" data-testid={i > 0 ? 'delta-cell' : undefined}>
                <span className="block">{fmtValue(c.value)}</span>
                {i > 0 && c.value != null && (
                  <span className="block text-xs">
                    <Delta pct={c.deltaPct} verdict={c.verdict} /> <span className="text-slate-600">({fmtSigned(c.deltaAbs)})</span>
                  </span>
                )}
              </Td>
            ))}
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
