'use client';

import { startTransition, useActionState, useEffect, useRef } from 'react';
import type { FormState } from '@/lib/api/action-error';

/** A server action as forms take it; pages pass it down as a prop (components never import actions). */
export type FormAction = (prev: FormState, form: FormData) => Promise<FormState>;

/** A form bound to a server action, showing its result and field errors accessibly. */
export function ActionForm({
  action,
  children,
  className = '',
  testId,
}: {
  action: FormAction;
  children: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  // React resets a form after its action runs; a refused submission must keep what the user
  // typed, so submit by hand (with the clicked button's name/value) and reset only on success.
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(e.currentTarget, submitter instanceof HTMLElement ? submitter : null);
    startTransition(() => formAction(data));
  }
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className={className} data-testid={testId} aria-busy={pending}>
      {children}
      <div aria-live="polite" className="text-sm sm:col-span-full">
        {state?.ok && <p className="text-emerald-800">{state.ok}</p>}
        <FormError state={state} />
      </div>
    </form>
  );
}

/** A refused action's message and its field errors, announced to screen readers. */
export function FormError({ state }: { state: FormState }) {
  if (!state?.error) return null;
  return (
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
  );
}
