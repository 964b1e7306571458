import { ActionForm, type FormAction } from '@/components/ui/action-form';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { LifecycleEntry } from '@/lib/queries/version-lifecycle';

// The lifecycle table (lib/domain/lifecycle.ts) as the server evaluates it right now: each way
// out of the current status, its checks, and — for roles that may act — the button that asks the
// server to apply it (the server re-evaluates every gate inside its own transaction). Who may
// act is decided by the read model (lib/queries/version-lifecycle.ts); the actions come as props.

const ETHICS_ITEMS = [
  'No misleading depiction of emergencies',
  'Reviewed against PIB ethical guidelines',
  'Synthetic-media disclosure watermark present',
  'No likeness of real officials without consent',
];
const LANGUAGES = ['en', 'hi', 'ta', 'bn'];

export function LifecyclePanel({
  versionId,
  transitions,
  mayRecordRai,
  transitionAction,
  recordRaiAction,
}: {
  versionId: string;
  transitions: LifecycleEntry[];
  mayRecordRai: boolean;
  transitionAction: FormAction;
  recordRaiAction: FormAction;
}) {
  return (
    <Card title="Lifecycle">
      <div id="lifecycle" data-testid="lifecycle">
        {transitions.length === 0 && <p className="text-sm text-slate-600">No transitions lead out of this status (archived versions return only through a rollback).</p>}
        <ul className="grid grid-cols-1 gap-3 md:grid-cols-2">
          {transitions.map((t) => {
            const e = t.evaluation;
            const { mayAct, needsReason } = t;
            return (
              <li key={t.to} className="rounded-md border border-slate-200 p-3" data-testid={`transition-${t.to}`}>
                <p className="text-sm font-semibold">
                  → {t.to} <span className="font-normal text-slate-600">· {t.label}</span>{' '}
                  {e.ok ? (
                    <span className="text-emerald-800">(gate passes)</span>
                  ) : e.checks.every((c) => c.ok || c.needsInput) ? (
                    <span className="text-slate-700">(needs a reason)</span>
                  ) : e.direct ? (
                    <span className="text-red-800">(gate not met)</span>
                  ) : null}
                </p>
                <ul className="mt-2 space-y-1 text-sm">
                  {e.checks.map((c) => (
                    <li key={c.key} className="flex gap-2">
                      <span aria-hidden="true" className={c.ok ? 'text-emerald-700' : c.needsInput ? 'text-slate-500' : 'text-red-700'}>{c.ok ? '✓' : c.needsInput ? '•' : '✗'}</span>
                      <span>
                        <span className="sr-only">{c.ok ? 'passes: ' : c.needsInput ? 'needs input: ' : 'fails: '}</span>
                        {c.label}
                        {c.detail && <span className="block text-xs text-slate-600">{c.detail}</span>}
                      </span>
                    </li>
                  ))}
                  {e.notes.map((n) => <li key={n} className="text-xs text-slate-600">Note: {n}</li>)}
                </ul>
                {!e.direct && <p className="mt-2 text-xs text-slate-600">{t.to === 'production' ? 'Reached through a promotion request on the Approvals page.' : 'Applied by the system.'}</p>}
                {mayAct && (
                  <ActionForm action={transitionAction} className="mt-3 space-y-2">
                    <input type="hidden" name="versionId" value={versionId} />
                    <input type="hidden" name="to" value={t.to} />
                    {needsReason && (
                      <div>
                        <label htmlFor={`reason-${t.to}`} className={labelClass}>Reason</label>
                        <input id={`reason-${t.to}`} name="reason" required className={`mt-1 ${inputClass}`} />
                      </div>
                    )}
                    <button type="submit" className={e.ok || needsReason ? buttonClass.primary : buttonClass.secondary}>
                      Move to {t.to}
                    </button>
                  </ActionForm>
                )}
              </li>
            );
          })}
        </ul>
        {mayRecordRai && (
          <details className="mt-4 rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-semibold">Record a responsible-AI assessment</summary>
            <ActionForm action={recordRaiAction} className="mt-3 space-y-4 text-sm" testId="rai-form">
              <input type="hidden" name="versionId" value={versionId} />
              <fieldset>
                <legend className={labelClass}>Bias metrics on diverse test sets (value must not exceed the limit)</legend>
                {[0, 1, 2].map((i) => (
                  <div key={i} className="mt-1 grid grid-cols-2 gap-2 sm:grid-cols-4">
                    <input aria-label={`Test set ${i + 1}`} name={`bias.${i}.testSet`} placeholder="test set" className={inputClass} />
                    <input aria-label={`Bias metric ${i + 1}`} name={`bias.${i}.metric`} placeholder="metric" className={inputClass} />
                    <input aria-label={`Bias value ${i + 1}`} name={`bias.${i}.value`} type="number" step="any" placeholder="value" className={inputClass} />
                    <input aria-label={`Bias limit ${i + 1}`} name={`bias.${i}.threshold`} type="number" step="any" placeholder="limit" className={inputClass} />
                  </div>
                ))}
              </fieldset>
              <fieldset>
                <legend className={labelClass}>Quality score per language (0–1; the spread must stay within the configured disparity)</legend>
                <input type="hidden" name="languages" value={LANGUAGES.join(',')} />
                <div className="mt-1 grid grid-cols-2 gap-2 sm:grid-cols-4">
                  {LANGUAGES.map((l) => (
                    <label key={l} className="flex items-center gap-2">
                      <span className="w-6 font-mono">{l}</span>
                      <input name={`lang.${l}`} type="number" step="any" min={0} max={1} className={inputClass} />
                    </label>
                  ))}
                </div>
              </fieldset>
              <fieldset>
                <legend className={labelClass}>Robustness to adversarial inputs</legend>
                {[0, 1].map((i) => (
                  <div key={i} className="mt-1 grid grid-cols-[1fr_6rem_auto] items-center gap-2">
                    <input aria-label={`Attack suite ${i + 1}`} name={`robust.${i}.attack`} placeholder="attack suite" className={inputClass} />
                    <input aria-label={`Robustness score ${i + 1}`} name={`robust.${i}.score`} type="number" step="any" placeholder="score" className={inputClass} />
                    <label className="flex items-center gap-1"><input type="checkbox" name={`robust.${i}.passed`} /> passed</label>
                  </div>
                ))}
              </fieldset>
              <fieldset>
                <legend className={labelClass}>Ethics checklist (PIB guidelines)</legend>
                {ETHICS_ITEMS.map((item) => (
                  <label key={item} className="mt-1 flex items-center gap-2">
                    <input type="hidden" name="ethicsItem" value={item} />
                    <input type="checkbox" name={`ethics.${item}`} /> {item}
                  </label>
                ))}
              </fieldset>
              <div>
                <label htmlFor="rai-notes" className={labelClass}>Notes</label>
                <textarea id="rai-notes" name="notes" rows={2} className={`mt-1 ${inputClass}`} />
              </div>
              <button type="submit" className={buttonClass.primary}>Record assessment</button>
            </ActionForm>
          </details>
        )}
      </div>
    </Card>
  );
}
