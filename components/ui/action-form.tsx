'use client';

import { cloneElement, createContext, startTransition, useActionState, useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import { fieldLabel } from '@/lib/domain/field-label';
import type { FormState } from '@/lib/api/action-error';
import { buttonClass, inputClass, labelClass, Spinner } from './button';
import { notifySuccess } from './toast';

/** A server action as forms take it; pages pass it down as a prop (components never import actions). */
export type FormAction = (prev: FormState, form: FormData) => Promise<FormState>;

type Submitter = { name: string; value: string } | null;
type FormCtx = {
  pending: boolean;
  submitter: Submitter;
  fieldErrors: Record<string, string[]>;
  errorId: (field: string) => string;
  register: (field: string) => () => void;
};
const ActionFormContext = createContext<FormCtx | null>(null);

/**
 * A form bound to a server action (docs/decisions/014-ui-primitives.md):
 * - while it runs, its buttons are disabled and the clicked one shows a spinner;
 * - on success it resets, shows the result in place (live region) and as a toast;
 * - on failure it keeps what was typed, shows one sentence for the form and one message beside
 *   each field (aria-invalid + aria-describedby via <Field>); fields it doesn't render are listed
 *   by their human label. The browser's own validation bubbles are off (noValidate): one voice.
 */
export function ActionForm({
  action,
  children,
  className = '',
  testId,
  toast = true,
}: {
  action: FormAction;
  children: React.ReactNode;
  className?: string;
  testId?: string;
  /** Announce success as a toast too (off where the in-place result is the whole point). */
  toast?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [submitter, setSubmitter] = useState<Submitter>(null);
  const [rendered, setRendered] = useState<ReadonlySet<string>>(() => new Set());
  const formRef = useRef<HTMLFormElement>(null);
  const baseId = useId();
  // React resets a form after its action runs; a refused submission must keep what the user
  // typed, so submit by hand (with the clicked button's name/value) and reset only on success.
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    const button = (e.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(e.currentTarget, button instanceof HTMLElement ? button : null);
    setSubmitter(button instanceof HTMLButtonElement && button.name ? { name: button.name, value: button.value } : null);
    startTransition(() => formAction(data));
  }
  // Marks the form as hydrated (an attribute React does not manage, so no re-render): before it, a
  // click submits the form natively and the page reloads. End-to-end tests wait for it on long pages.
  useEffect(() => {
    formRef.current?.setAttribute('data-hydrated', '');
  }, []);
  useEffect(() => {
    if (state?.ok) {
      formRef.current?.reset();
      if (toast) notifySuccess(state.ok);
    }
    if (state?.fieldErrors) {
      // Move focus to the first field the server refused, so the message beside it is read next.
      const first = Object.keys(state.fieldErrors).map((f) => formRef.current?.elements.namedItem(f)).find((el) => el instanceof HTMLElement && el.getAttribute('type') !== 'hidden');
      if (first instanceof HTMLElement) first.focus();
    }
  }, [state, toast]);
  const register = useCallback((field: string) => {
    setRendered((s) => (s.has(field) ? s : new Set(s).add(field)));
    return () => setRendered((s) => { const n = new Set(s); n.delete(field); return n; });
  }, []);
  const fieldErrors = useMemo(() => state?.fieldErrors ?? {}, [state]);
  const ctx = useMemo<FormCtx>(() => ({ pending, submitter, fieldErrors, errorId: (f) => `${baseId}-${f}-error`, register }), [pending, submitter, fieldErrors, baseId, register]);
  const unrendered = Object.entries(fieldErrors).filter(([f]) => !rendered.has(f));
  return (
    <ActionFormContext.Provider value={ctx}>
      <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className={className} data-testid={testId} aria-busy={pending}>
        {/* While the action runs every control is disabled, plain <button>s included (no double submit). */}
        <fieldset disabled={pending} className="contents">{children}</fieldset>
        <div aria-live="polite" className="text-sm sm:col-span-full" data-testid="form-result">
          {state?.ok && <p className="text-emerald-800">{state.ok}</p>}
          {state?.error && (
            <div role="alert" className="text-red-800">
              {/* The summary points at highlighted fields; if none of them is rendered here, the list below is the message. */}
              <p>{unrendered.length > 0 && unrendered.length === Object.keys(fieldErrors).length ? 'Nothing was saved:' : state.error}</p>
              {unrendered.length > 0 && (
                <ul className="list-disc pl-5">
                  {unrendered.map(([field, msgs]) => (
                    <li key={field}>{fieldLabel(field)}: {msgs.join(' ')}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
      </form>
    </ActionFormContext.Provider>
  );
}

/** A refused action's message, for forms that are not ActionForms (e.g. a plain useActionState form). */
export function FormError({ state }: { state: FormState }) {
  if (!state?.error) return null;
  return (
    <div role="alert" className="text-red-800">
      <p>{state.error}</p>
      {state.fieldErrors && (
        <ul className="list-disc pl-5">
          {Object.entries(state.fieldErrors).map(([field, msgs]) => (
            <li key={field}>{fieldLabel(field)}: {msgs.join(' ')}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Whether the surrounding ActionForm is running, and whether this button (name/value) started it. */
export function useActionFormStatus(name?: string, value?: string) {
  const ctx = useContext(ActionFormContext);
  const pending = ctx?.pending ?? false;
  const s = ctx?.submitter ?? null;
  return { pending, isSubmitter: pending && (s === null || (s.name === name && s.value === value)) };
}

/** A submit button that is disabled while its form runs and shows a spinner if it was the one clicked. */
export function SubmitButton({
  children,
  tone = 'primary',
  name,
  value,
  className,
  pendingLabel,
  testId,
}: {
  children: React.ReactNode;
  tone?: keyof typeof buttonClass;
  name?: string;
  value?: string;
  className?: string;
  /** What the button says while it runs ("Recording vote…"); defaults to its label. */
  pendingLabel?: string;
  testId?: string;
}) {
  const { pending, isSubmitter } = useActionFormStatus(name, value);
  return (
    <button type="submit" name={name} value={value} disabled={pending} className={className ?? buttonClass[tone]} data-testid={testId}>
      {isSubmitter && <Spinner />}
      {isSubmitter && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/**
 * A labelled input inside an ActionForm: the server's message for `name` appears beneath it, and
 * the input is marked aria-invalid and described by that message. `hint` stays described too.
 */
export function Field({
  name,
  label,
  hint,
  className = '',
  children,
}: {
  name: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  className?: string;
  /** The control (<input>, <textarea>, <select>): it is given id, name, aria-invalid, aria-describedby and the input style. */
  children: React.ReactElement<{ className?: string }>;
}) {
  const ctx = useContext(ActionFormContext);
  const id = useId();
  const register = ctx?.register;
  useEffect(() => register?.(name), [register, name]);
  const messages = ctx?.fieldErrors[name];
  const errorId = ctx?.errorId(name) ?? `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, messages ? errorId : null].filter(Boolean).join(' ') || undefined;
  const invalid = messages ? ' border-red-600 ring-1 ring-red-600' : '';
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>{label}</label>
      {cloneElement(children, { id, name, 'aria-invalid': messages ? true : undefined, 'aria-describedby': describedBy, className: `mt-1 ${inputClass}${invalid} ${children.props.className ?? ''}`.trim() } as Record<string, unknown>)}
      {hint && <p id={hintId} className="mt-1 text-xs text-slate-600">{hint}</p>}
      {messages && <p id={errorId} className="mt-1 text-sm text-red-800">{messages.join(' ')}</p>}
    </div>
  );
}
