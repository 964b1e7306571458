'use client';

import { useRef, useState, type ComponentType } from 'react';
import { buttonClass, Spinner } from './button';
import { useActionFormStatus } from './action-form';
import type { DialogProps } from './confirm-dialog-radix';

// Confirmation before a destructive or irreversible action (docs/decisions/014-ui-primitives.md).
// The trigger is the form's real submit button (name/value included), so without JavaScript the
// form still submits; once hydrated a click opens a Radix AlertDialog instead, and "confirm"
// submits the form with that same button as the submitter. Cancel (or Escape) leaves the form as
// it was and returns focus to the button. The dialog (Radix, ~35 KB) is not part of the page's
// first load (decision 024): it is fetched when the pointer or focus reaches a button, and the
// click opens it once it is there.

let dialog: Promise<ComponentType<DialogProps>> | null = null;
const loadDialog = () => (dialog ??= import('./confirm-dialog-radix').then((m) => m.ConfirmDialog));

type Tone = 'danger' | 'primary';

export function ConfirmSubmit({
  children,
  title,
  description,
  confirmLabel,
  cancelLabel = 'Cancel',
  name,
  value,
  tone = 'danger',
  className,
  testId,
  onlyIfUnchecked,
  ariaLabel,
}: {
  /** The trigger button's label. */
  children: React.ReactNode;
  title: string;
  description: React.ReactNode;
  /** The confirm button's label: say what happens ("Revoke token"), not "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  /** Submitted with the form, as a clicked submit button would be. */
  name?: string;
  value?: string;
  tone?: Tone;
  className?: string;
  testId?: string;
  /** The trigger's accessible name when its visible label is not enough ("Revoke token laptop"). */
  ariaLabel?: string;
  /** Ask only when this checkbox of the form is unchecked (e.g. "active" on a user's form); otherwise submit at once. */
  onlyIfUnchecked?: string;
}) {
  const [open, setOpen] = useState(false);
  const [Dialog, setDialog] = useState<ComponentType<DialogProps> | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const { pending, isSubmitter } = useActionFormStatus(name, value);
  const busy = pending && isSubmitter;
  function confirm() {
    setOpen(false);
    const button = trigger.current;
    // requestSubmit runs the form's submit handlers and validation, and sends the button's name/value.
    button?.form?.requestSubmit(button);
  }
  return (
    <>
      <button
        ref={trigger}
        type="submit"
        name={name}
        value={value}
        disabled={pending}
        aria-haspopup="dialog"
        aria-label={ariaLabel}
        data-testid={testId}
        className={className ?? buttonClass[tone]}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        onClick={(e) => {
          const box = onlyIfUnchecked ? e.currentTarget.form?.elements.namedItem(onlyIfUnchecked) : null;
          if (box instanceof HTMLInputElement && box.checked) return; // nothing irreversible: submit as usual
          e.preventDefault();
          void loadDialog().then((d) => {
            setDialog(() => d);
            setOpen(true);
          });
        }}
      >
        {busy && <Spinner />}
        {children}
      </button>
      {Dialog && <Dialog open={open} onOpenChange={setOpen} title={title} description={description} confirmLabel={confirmLabel} cancelLabel={cancelLabel} tone={tone} onConfirm={confirm} trigger={trigger} />}
    </>
  );
}
