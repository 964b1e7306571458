import { RowHeader, Table, TBody, Td } from '@/components/ui/table';
import { Delta } from '@/components/versions/delta';
import { VersionColumnsHead } from './compare-table';
import { fmtValue, languageLabel, scenarioLabel } from '@/components/versions/format';
import type { CompareMetric, VersionComparison } from '@/lib/queries/version-compare';

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
/** "Tamil (ta)" for a language code; the code alone when it names no language. */
export function languageName(code: string): string {
  try {
    const name = names.of(code);
    return name && name !== code ? `${name} (${code})` : languageLabel(code);
  } catch {
    return languageLabel(code);
  }
}

/** The metrics measured per language, if any (rows with a language). */
export function languageMetrics(metrics: CompareMetric[]): CompareMetric[] {
  return metrics.map((m) => ({ ...m, rows: m.rows.filter((r) => r.language !== '') })).filter((m) => m.rows.length > 0);
}

/**
 * Per language, side by side: each version's value and its change against the baseline, per
 * metric measured by language; a last row counts the languages in which each version is better.
 */
export function LanguageTable({ metric, versions, labels }: { metric: CompareMetric; versions: VersionComparison['versions']; labels: string[] }) {
  const dir = metric.direction === 'lower_is_better' ? 'lower is better' : 'higher is better';
  const counts = versions.map((_, i) => {
    const judged = metric.rows.filter((r) => r.cells[i].verdict != null);
    return { better: judged.filter((r) => r.cells[i].verdict === 'better').length, worse: judged.filter((r) => r.cells[i].verdict === 'worse').length, judged: judged.length };
  });
  return (
    <Table
      minWidth="min-w-max"
      label={`${metric.name} per language (scrolls horizontally)`}
      testId={`language-table-${metric.key}`}
      caption={`${metric.name} (${dir}) per language for each version, with the change against the baseline ${labels[0]}`}
    >
      <VersionColumnsHead first="Language" versions={versions} labels={labels} />
      <TBody>
        {metric.rows.map((r) => (
          <tr key={`${r.scenario}|${r.language}`} data-testid="language-row" data-language={r.language}>
            <RowHeader>
              {languageName(r.language)}
              {r.scenario !== '' && <span className="block text-xs font-normal text-slate-600">{scenarioLabel(r.scenario)}</span>}
            </RowHeader>
            {r.cells.map((c, i) => (
              <Td key={versions[i].id} align="right">
                <span className="block">{fmtValue(c.value)}</span>
                {i > 0 && c.value != null && (
                  <span className="block text-xs">
                    <Delta pct={c.deltaPct} verdict={c.verdict} />
                  </span>
                )}
              </Td>
            ))}
          </tr>
        ))}
        <tr className="bg-slate-50">
          <RowHeader>Languages better</RowHeader>
          {counts.map((c, i) => (
            <Td key={versions[i].id} align="right" data-testid={i > 0 ? 'language-summary' : undefined}>
              {i === 0 ? <span className="text-slate-600">—</span> : c.judged === 0 ? <span className="text-slate-600"><span aria-hidden="true">—</span><span className="sr-only">no language measured on both</span></span> : `${c.better} of ${c.judged}${c.worse ? `, worse in ${c.worse}` : ''}`}
            </Td>
          ))}
        </tr>
      </TBody>
    </Table>
  );
}
