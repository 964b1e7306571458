import { Card, EmptyState } from '@/components/ui/card';
import type { ServiceContext } from '@/lib/context';
import type { VersionCore } from '@/lib/queries/version-core';
import { fmtValue } from '../format';
import { KeyValues } from '../metadata-view';
import { versionGovernance } from './version-data';
import { Time } from '@/components/ui/time';

const RESULT_TONE = { pass: 'bg-emerald-50 text-emerald-900 ring-emerald-400', fail: 'bg-red-50 text-red-800 ring-red-300', pending: 'bg-slate-50 text-slate-700 ring-slate-300' } as const;

/** A JSON object as rows, booleans as ✓/✗; anything else as a dash. */
function Facts({ obj }: { obj: unknown }) {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return <span className="text-sm text-slate-500">—</span>;
  return <KeyValues obj={Object.fromEntries(Object.entries(obj as Record<string, unknown>).map(([k, val]) => [k, typeof val === 'boolean' ? (val ? '✓ yes' : '✗ no') : val]))} />;
}

/** Responsible-AI assessments, newest first; the latest with its bias, language, robustness and ethics facts. */
export async function RaiSection({ ctx, v }: { ctx: ServiceContext; v: VersionCore }) {
  const { raiAssessments } = await versionGovernance(ctx, v);
  return (
    <Card title="Responsible AI">
      <div id="rai">
        {raiAssessments.length === 0 ? (
          <EmptyState>No RAI assessment yet. One that passed is required before production.</EmptyState>
        ) : (
          <ul className="space-y-4">
            {raiAssessments.map((a, idx) => (
              <li key={a.id} className={idx > 0 ? 'border-t border-slate-100 pt-4' : ''}>
                <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
                  <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${RESULT_TONE[a.result]}`}>{a.result}</span>
                  <span className="text-slate-600">
                    {idx === 0 ? 'latest · ' : ''}assessed <Time value={a.assessedAt} />
                    {a.reviewer ? ` by ${a.reviewer.name}` : ''}
                    {a.maxDisparity != null ? ` · max language disparity ${fmtValue(a.maxDisparity)}` : ''}
                  </span>
                </div>
                {idx === 0 && (
                  <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
                    {([
                      ['Bias on diverse test sets', a.biasMetrics],
                      ['Per-language metrics', a.languageMetrics],
                      ['Robustness (adversarial)', a.robustness],
                      ['Ethics checklist', a.ethicsChecklist],
                    ] as const).map(([label, obj]) => (
                      <div key={label}>
                        <h3 className="mb-1 text-sm font-semibold text-slate-800">{label}</h3>
                        <Facts obj={obj} />
                      </div>
                    ))}
                  </div>
                )}
                {a.notes && <p className="mt-2 text-sm text-slate-800">{a.notes}</p>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
