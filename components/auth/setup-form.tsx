'use client';

import { ActionForm, type FormAction } from '@/components/ui/action-form';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';

export function SetupForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} className="space-y-4" testId="setup-form">
      <div>
        <label htmlFor="code" className={labelClass}>Setup code</label>
        <input id="code" name="code" required autoComplete="one-time-code" className={`mt-1 font-mono ${inputClass}`} />
      </div>
      <div>
        <label htmlFor="name" className={labelClass}>Full name</label>
        <input id="name" name="name" required autoComplete="name" className={`mt-1 ${inputClass}`} />
      </div>
      <div>
        <label htmlFor="email" className={labelClass}>Email</label>
        <input id="email" name="email" type="email" required autoComplete="username" className={`mt-1 ${inputClass}`} />
      </div>
      <div>
        <label htmlFor="password" className={labelClass}>Password (at least 8 characters)</label>
        <input id="password" name="password" type="password" required minLength={8} autoComplete="new-password" className={`mt-1 ${inputClass}`} />
      </div>
      <button type="submit" className={`${buttonClass.primary} w-full`}>Create admin</button>
    </ActionForm>
  );
}
