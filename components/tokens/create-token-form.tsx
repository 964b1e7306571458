'use client';

import { useActionState, useState } from 'react';
import { FormError } from '@/components/ui/action-form';
import type { FormState } from '@/lib/api/action-error';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';

export type CreateTokenState = (NonNullable<FormState> & { token?: string; prefix?: string; name?: string }) | null;

/** Roles a service token may carry (lib/validation/api-token.ts): decisions need a person. */
const SERVICE_ROLES = ['engineer', 'viewer', 'auditor'] as const;

/**
 * Create form; the new token is shown here once and never again. `personal`: the token acts as
 * the signed-in person; `service`: an admin issues it for a pipeline, with a role.
 */
export function CreateTokenForm({ kind, action }: { kind: 'personal' | 'service'; action: (prev: CreateTokenState, form: FormData) => Promise<CreateTokenState> }) {
  const [state, formAction, pending] = useActionState<CreateTokenState, FormData>(action, null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-3 sm:grid-cols-2" data-testid="create-token-form" aria-busy={pending}>
        <div className="sm:col-span-2">
          <label htmlFor="token-name" className={labelClass}>Name</label>
          <input id="token-name" name="name" required maxLength={100} placeholder={kind === 'service' ? 'ci-base-pipeline' : 'laptop-scripts'} className={inputClass} />
        </div>
        {kind === 'service' && (
          <div>
            <label htmlFor="token-role" className={labelClass}>Role</label>
            <select id="token-role" name="role" defaultValue="engineer" className={inputClass}>
              {SERVICE_ROLES.map((r) => (
                <option key={r} value={r}>{r}</option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="token-expiry" className={labelClass}>Expires after (days)</label>
          <input id="token-expiry" name="expiresInDays" type="number" min={1} max={3650} placeholder="never" className={inputClass} />
        </div>
        <p className="text-sm text-slate-700 sm:col-span-2">
          {kind === 'service'
            ? 'A service token registers and reports (versions, metrics, test results, gated transitions); it never votes, reviews, deprecates or signs off.'
            : 'The token acts as you, with your role as it is at each request: if your role changes or your account is disabled, the token follows.'}
        </p>
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
