'use client';

import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { safeCallbackPath } from '@/lib/auth/redirect';
import { withRetryClock } from '@/lib/auth/retry-message';

export function SignInForm({ oidc }: { oidc: boolean }) {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    setPending(false);
    if (!res || res.error) {
      // 429: the lockout message, with the clock time in the user's own time zone.
      if (res?.error && res.error !== 'CredentialsSignin') setError(withRetryClock(res.error, new Date()));
      else setError('Email or password is incorrect, or the account is disabled.');
      return;
    }
    // Only a path on this origin: `//evil.example` and `/\evil.example` lead elsewhere (issue 7 row 2).
    router.replace(safeCallbackPath(params.get('callbackUrl'), window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className={labelClass}>Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required className={`mt-1 ${inputClass}`} />
      </div>
      <div>
        <label htmlFor="password" className={labelClass}>Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={`mt-1 ${inputClass}`} />
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      {oidc && (
        <button type="button" className={`${buttonClass.secondary} w-full`} onClick={() => signIn('oidc', { callbackUrl: safeCallbackPath(params.get('callbackUrl'), window.location.origin) })}>
          Sign in with single sign-on
        </button>
      )}
    </form>
  );
}
