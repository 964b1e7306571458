'use client';

import { useActionState } from 'react';
import { buttonClass } from '@/components/ui/button';
import type { VerifyState } from '@/app/(app)/audit/actions';

export function VerifyChainButton({ action }: { action: (prev: VerifyState, form: FormData) => Promise<VerifyState> }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <button type="submit" className={buttonClass.primary} disabled={pending}>
        {pending ? 'Verifying…' : 'Verify the audit chain'}
      </button>
      <div aria-live="polite" data-testid="verify-result">
        {state?.error && <p className="text-sm text-red-800">{state.error}</p>}
        {state?.result?.ok && (
          <p className="rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-900">
            ✓ Chain intact: {state.result.count} events, head #{state.result.headSeq} <code className="font-mono text-xs">{state.result.headHash.slice(0, 16)}…</code> ({state.result.ms} ms)
          </p>
        )}
        {state?.result && !state.result.ok && (
          <p role="alert" className="rounded bg-red-50 px-2 py-1 text-sm text-red-900">
            ✗ Chain broken at event #{state.result.brokenSeq}: {state.result.reason}
          </p>
        )}
      </div>
    </form>
  );
}
