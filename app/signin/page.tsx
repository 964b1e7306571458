import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { SignInForm } from '@/components/auth/signin-form';
import { LogoMark } from '@/components/nav/logo-mark';
import { safeCallbackPath } from '@/lib/auth/redirect';
import { getSessionActor } from '@/lib/auth/session';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ setup?: string; callbackUrl?: string }> }) {
  const params = await searchParams;
  // Already signed in: straight on to the page the link was for (same-origin paths only).
  if (await getSessionActor()) redirect(safeCallbackPath(params.callbackUrl, 'http://registry.invalid'));
  const e = env();
  const demo = e.MGR_DEMO === '1';
  const setupDone = params.setup === 'done';
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <div className="flex items-center gap-2">
          <LogoMark className="size-8" />
          <p className="text-xs font-semibold tracking-wider text-indigo-700 uppercase">PIB-VideoGen</p>
        </div>
        <h1 className="mt-2 text-2xl font-semibold">Model Governance Registry</h1>
        <p className="mt-2 mb-6 text-sm text-slate-600">Sign in to register, review and audit model versions.</p>
        {setupDone && (
          <p role="status" className="mb-4 rounded-md bg-emerald-50 p-2 text-sm text-emerald-900">
            The first admin is created: sign in with that email and password.
          </p>
        )}
        <Suspense>
          <SignInForm oidc={Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID)} />
        </Suspense>
      </div>
      {demo && (
        <div className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <p className="font-semibold">Demo database</p>
          <p className="mt-1">
            Every demo account uses the password <code className="font-mono">demo1234</code>:
          </p>
          <ul className="mt-2 grid grid-cols-1 gap-x-4 font-mono text-xs sm:grid-cols-2">
            <li>admin@demo.local</li>
            <li>chair@demo.local (committee)</li>
            <li>member2@demo.local (committee)</li>
            <li>engineer@demo.local</li>
            <li>senior@demo.local (senior)</li>
            <li>auditor@demo.local</li>
            <li>viewer@demo.local</li>
          </ul>
        </div>
      )}
    </main>
  );
}
