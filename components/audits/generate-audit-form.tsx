'use client';

import Link from '@/components/ui/link';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useState } from 'react';
import { FormError } from '@/components/ui/action-form';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import type { GenerateState } from '@/app/(app)/audits/actions';

type Run = { id: string; quarter: string; status: string; progress: number; step: string; error: string | null; auditId: string | null };

/** Generate a quarter's audit, then follow its run on the job queue until it is done. */
export function GenerateAuditForm({ action, defaultQuarter }: { action: (prev: GenerateState, form: FormData) => Promise<GenerateState>; defaultQuarter: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [run, setRun] = useState<Run | null>(null);
  // Controlled, so the quarter typed stays after the action runs (React resets uncontrolled forms).
  const [quarter, setQuarter] = useState(defaultQuarter);
  const router = useRouter();
  const runId = state?.runId;

  useEffect(() => {
    if (!runId) return;
    let stop = false;
    const poll = async () => {
      while (!stop) {
        const res = await fetch(`/api/v1/quarterly-audits/runs/${encodeURIComponent(runId)}`, { cache: 'no-store' });
        if (!res.ok) break;
        const r = (await res.json()) as Run;
        if (stop) return;
        setRun(r);
        if (r.status === 'succeeded' || r.status === 'failed') {
          router.refresh();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 700));
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [runId, router]);

  const busy = pending || (run !== null && (run.status === 'queued' || run.status === 'running'));
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" data-testid="generate-audit">
      <div>
        <label htmlFor="quarter" className={labelClass}>Quarter</label>
        <input id="quarter" name="quarter" value={quarter} onChange={(e) => setQuarter(e.target.value)} placeholder="2023Q2" className={`mt-1 w-32 ${inputClass}`} aria-describedby="quarter-help" />
        <p id="quarter-help" className="mt-1 text-xs text-slate-600">YYYYQ1–YYYYQ4 (UTC quarters)</p>
      </div>
      <button type="submit" className={`${buttonClass.primary} mb-5`} disabled={busy}>{busy ? 'Generating…' : 'Generate report'}</button>
      <div className="mb-5 min-w-64 flex-1" aria-live="polite">
        <FormError state={state} />
        {run && (
          <div data-testid="audit-progress">
            <div className="flex items-center gap-2 text-sm text-slate-800">
              <progress max={100} value={run.progress} className="h-2 w-48" aria-label={`Generating ${run.quarter}`} />
              <span>{run.progress}% · {run.step}</span>
            </div>
            {run.status === 'succeeded' && run.auditId && (
              <p className="mt-1 text-sm text-emerald-800">✓ {run.quarter} generated. <Link className="underline" href={`/audits/${run.auditId}`}>Open the report</Link></p>
            )}
            {run.status === 'failed' && <p role="alert" className="mt-1 text-sm text-red-800">Generation failed: {run.error}</p>}
          </div>
        )}
      </div>
    </form>
  );
}
