import type { VersionVerdict } from '@/lib/domain/compare-verdict';
import { Delta } from '@/components/versions/delta';

const TONE: Record<VersionVerdict['overall'], string> = {
  better: 'border-emerald-300 bg-emerald-50 text-emerald-950',
  same: 'border-slate-300 bg-slate-50 text-slate-900',
  mixed: 'border-amber-300 bg-amber-50 text-amber-950',
  worse: 'border-red-300 bg-red-50 text-red-950',
  unknown: 'border-slate-300 bg-slate-50 text-slate-900',
};
const ICON: Record<VersionVerdict['overall'], string> = { better: '✓', same: '=', mixed: '±', worse: '✗', unknown: '?' };

/**
 * The verdict per version against the baseline, computed once in lib/domain/compare-verdict.ts
 * (direction-aware, the gates' tolerance), with the metrics behind it.
 */
export function CompareVerdicts({ verdicts }: { verdicts: VersionVerdict[] }) {
  return (
    <section aria-labelledby="verdict-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="verdict-title" className="mb-3 text-sm font-semibold tracking-wide text-slate-700 uppercase">Verdict</h2>
      <ul className="grid gap-2" data-testid="compare-verdicts">
        {verdicts.map((v) => (
          <li key={v.label} className={`rounded-md border p-3 text-sm ${TONE[v.overall]}`} data-testid="compare-verdict" data-overall={v.overall} data-within-tolerance={v.withinTolerance ? 'true' : 'false'}>
            <p className="font-medium">
              <span aria-hidden="true">{ICON[v.overall]} </span>
              {v.sentence}
            </p>
            {v.compared > 0 && (
              <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label={`Per metric, ${v.label} against ${v.baselineLabel}`}>
                {[...v.better, ...v.worse, ...v.same].map((m) => (
                  <li key={m.key} className="whitespace-nowrap text-slate-800">
                    {m.name} <Delta pct={m.changePct} verdict={m.verdict} />
                    {m.verdict === 'worse' && <span className="text-slate-700"> (tolerance {m.tolerancePct}%)</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-600">
        Each metric&apos;s overall value (else the mean of its scenarios), judged by its direction; a metric counts as worse beyond tolerance when it regresses more than the component&apos;s allowed regression — the same rule as the testing → staging gate.
      </p>
    </section>
  );
}
