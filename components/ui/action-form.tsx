'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/api/action-error';

/** A form bound to a server action, showing its result and field errors accessibly. */
export function ActionForm({
  action,
  children,
  className = '',
  testId,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  children: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className={className} data-testid={testId} aria-busy={pending}>
      {children}
      <div aria-live="polite" className="text-sm sm:col-span-full">
        {state?.ok && <p className="text-emerald-800">{state.ok}</p>}
        {state?.error && (
          <div role="alert" className="text-red-800">
            <p>{state.error}</p>
            {state.fieldErrors && (
              <ul className="list-disc pl-5">
                {Object.entries(state.fieldErrors).map(([field, msgs]) => (
                  <li key={field}>
                    <span className="font-mono">{field}</span>: {msgs.join('; ')}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
