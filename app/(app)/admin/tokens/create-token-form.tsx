'use client';

import { useActionState, useState } from 'react';
import { FormError } from '@/components/ui/action-form';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { createTokenAction, type CreateTokenState } from './actions';

const ROLES = ['engineer', 'viewer', 'auditor', 'committee', 'admin'] as const;

/** Create form; the new token is shown here once and never again. */
export function CreateTokenForm() {
  const [state, formAction, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-3 sm:grid-cols-2" data-testid="create-token-form" aria-busy={pending}>
        <div className="sm:col-span-2">
          <label htmlFor="token-name" className={labelClass}>Name</label>
          <input id="token-name" name="name" required maxLength={100} placeholder="ci-base-pipeline" className={inputClass} />
        </div>
        <div>
          <label htmlFor="token-role" className={labelClass}>Role</label>
          <select id="token-role" name="role" defaultValue="engineer" className={inputClass}>
            {ROLES.map((r) => (
              <option key={r} value={r}>{r}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="token-expiry" className={labelClass}>Expires after (days)</label>
          <input id="token-expiry" name="expiresInDays" type="number" min={1} max={3650} placeholder="never" className={inputClass} />
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-800 sm:col-span-2">
          <input type="checkbox" name="senior" /> Senior engineer (may give emergency-path reviews; engineer tokens only)
        </label>
        <div className="sm:col-span-2">
          <button type="submit" className={buttonClass.primary} disabled={pending}>
            {pending ? 'Creating…' : 'Create token'}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="text-sm">
        <FormError state={state} />
        {state?.token && (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="new-token">
            <p className="font-medium text-amber-950">Copy the token for “{state.name}” now: it will not be shown again.</p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <code className="rounded bg-white px-2 py-1 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-300">{state.token}</code>
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={() => {
                  void navigator.clipboard?.writeText(state.token ?? '').then(() => setCopied(true));
                }}
              >
                {copied ? 'Copied' : 'Copy'}
              </button>
            </div>
            <p className="mt-2 text-amber-950">Use it as <code className="font-mono">Authorization: Bearer …</code> or <code className="font-mono">MGR_TOKEN</code> for the mgr CLI.</p>
          </div>
        )}
      </div>
    </div>
  );
}
