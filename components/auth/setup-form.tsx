'use client';

import { ActionForm, Field, SubmitButton, type FormAction } from '@/components/ui/action-form';
import { buttonClass } from '@/components/ui/button';

export function SetupForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} className="space-y-4" testId="setup-form">
      <Field name="code" label="Setup code">
        <input required autoComplete="one-time-code" className="font-mono" />
      </Field>
      <Field name="name" label="Full name">
        <input required autoComplete="name" />
      </Field>
      <Field name="email" label="Email">
        <input type="email" required autoComplete="username" />
      </Field>
      <Field name="password" label="Password (at least 8 characters)">
        <input type="password" required minLength={8} autoComplete="new-password" />
      </Field>
      <SubmitButton className={`${buttonClass.primary} w-full`} pendingLabel="Creating admin…">Create admin</SubmitButton>
    </ActionForm>
  );
}
