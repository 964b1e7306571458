'use client';

import { useActionState, useState } from 'react';
import { FormError } from '@/components/ui/action-form';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import type { FormState } from '@/lib/api/action-error';
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/events';

export type CreateWebhookState = (NonNullable<FormState> & { secret?: string; url?: string }) | null;

/** Register an endpoint; its signing secret is shown here once and never again. */
export function CreateWebhookForm({ action }: { action: (prev: CreateWebhookState, form: FormData) => Promise<CreateWebhookState> }) {
  const [state, formAction, pending] = useActionState<CreateWebhookState, FormData>(action, null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-3" data-testid="create-webhook-form" aria-busy={pending}>
        <div>
          <label htmlFor="webhook-url" className={labelClass}>URL</label>
          <input id="webhook-url" name="url" type="url" required maxLength={2000} placeholder="https://hooks.example.com/registry" className={inputClass} />
        </div>
        <div>
          <label htmlFor="webhook-description" className={labelClass}>Description</label>
          <input id="webhook-description" name="description" maxLength={200} placeholder="serving layer" className={inputClass} />
        </div>
        <fieldset>
          <legend className={labelClass}>Events</legend>
          <div className="grid gap-1 text-sm">
            {WEBHOOK_EVENT_TYPES.map((e) => (
              <label key={e} className="flex items-start gap-2">
                <input type="checkbox" name="events" value={e} className="mt-1" />
                <span><code className="font-mono text-xs">{e}</code> <span className="text-slate-600">— {WEBHOOK_EVENT_DESCRIPTIONS[e]}</span></span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? 'Registering…' : 'Register endpoint'}</button>
      </form>
      <div aria-live="polite" className="text-sm">
        <FormError state={state} />
        {state?.secret && (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="new-webhook-secret">
            <p className="font-medium text-amber-950">Copy the signing secret for {state.url} now: it will not be shown again.</p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <code className="rounded bg-white px-2 py-1 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-300">{state.secret}</code>
              <button type="button" className={buttonClass.secondary} onClick={() => void navigator.clipboard?.writeText(state.secret ?? '').then(() => setCopied(true))}>
                {copied ? 'Copied' : 'Copy'}
              </button>
            </div>
            <p className="mt-2 text-amber-950">Receivers verify the <code className="font-mono">webhook-signature</code> header with it (Standard Webhooks; see the README).</p>
          </div>
        )}
      </div>
    </div>
  );
}
