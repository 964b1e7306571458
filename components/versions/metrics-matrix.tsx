import { RowHeader, Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { MetricGroup } from '@/lib/queries/version-slices';
import { fmtValue, languageLabel, scenarioLabel } from './format';

/** Rows: scenario × language; columns: metrics (with direction). */
export function MetricsMatrix({ groups }: { groups: MetricGroup[] }) {
  const keys: { scenario: string; language: string }[] = [];
  const seen = new Set<string>();
  for (const g of groups)
    for (const r of g.rows) {
      const k = `${r.scenario}|${r.language}`;
      if (!seen.has(k)) {
        seen.add(k);
        keys.push({ scenario: r.scenario, language: r.language });
      }
    }
  keys.sort((a, b) => (a.scenario === b.scenario ? a.language.localeCompare(b.language) : a.scenario === '' ? -1 : b.scenario === '' ? 1 : a.scenario.localeCompare(b.scenario)));
  const value = (g: MetricGroup, s: string, l: string) => g.rows.find((r) => r.scenario === s && r.language === l)?.value;
  return (
    <Table minWidth="min-w-[32rem]" testId="metrics-table">
      <THead>
        <Th>Scenario</Th>
        <Th>Language</Th>
        {groups.map((g) => (
          <Th key={g.key} align="right">
            {g.name}
            <span className="block text-[0.7rem] font-normal normal-case">
              {g.direction === 'lower_is_better' ? '↓ lower better' : '↑ higher better'}
              {g.unit ? ` · ${g.unit}` : ''}
            </span>
          </Th>
        ))}
      </THead>
      <TBody>
        {keys.map((k) => (
          <tr key={`${k.scenario}|${k.language}`} className={k.scenario === '' && k.language === '' ? 'bg-slate-50 font-medium' : ''}>
            <RowHeader dense>{scenarioLabel(k.scenario)}</RowHeader>
            <Td dense>{languageLabel(k.language)}</Td>
            {groups.map((g) => (
              <Td key={g.key} align="right" dense>{fmtValue(value(g, k.scenario, k.language))}</Td>
            ))}
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
