import type { MetricGroup } from '@/lib/queries/model-versions';
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
    <div className="relative -mx-4 overflow-x-auto px-4">
      <table className="w-full min-w-[32rem] text-sm" data-testid="metrics-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-600 uppercase">
            <th scope="col" className="py-2 pr-3 font-semibold">Scenario</th>
            <th scope="col" className="py-2 pr-3 font-semibold">Language</th>
            {groups.map((g) => (
              <th key={g.key} scope="col" className="py-2 pr-3 text-right font-semibold">
                {g.name}
                <span className="block text-[0.7rem] font-normal normal-case">
                  {g.direction === 'lower_is_better' ? '↓ lower better' : '↑ higher better'}
                  {g.unit ? ` · ${g.unit}` : ''}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((k) => (
            <tr key={`${k.scenario}|${k.language}`} className={k.scenario === '' && k.language === '' ? 'bg-slate-50 font-medium' : ''}>
              <th scope="row" className="py-1.5 pr-3 text-left font-medium">{scenarioLabel(k.scenario)}</th>
              <td className="py-1.5 pr-3">{languageLabel(k.language)}</td>
              {groups.map((g) => (
                <td key={g.key} className="py-1.5 pr-3 text-right tabular-nums">{fmtValue(value(g, k.scenario, k.language))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
