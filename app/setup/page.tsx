import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SetupForm } from '@/components/auth/setup-form';
import { SYSTEM_ACTOR } from '@/lib/auth/permissions';
import { activeAdminCount } from '@/lib/auth/first-run-setup';
import { contextFor } from '@/lib/context';
import { completeSetupAction } from './actions';

export const metadata: Metadata = { title: 'First-run setup' };
export const dynamic = 'force-dynamic';

/** Exists only while no active admin does (then 404). */
export default async function SetupPage() {
  if ((await activeAdminCount(contextFor(SYSTEM_ACTOR))) > 0) notFound();
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <p className="text-xs font-semibold tracking-wider text-indigo-700 uppercase">First-run setup</p>
        <h1 className="mt-1 text-2xl font-semibold">Create the first admin</h1>
        <p className="mt-2 mb-6 text-sm text-slate-600">
          This registry has no admin yet. Enter the one-time setup code printed in the server&apos;s log
          (<code className="font-mono">First-run setup code: …</code>) and the admin&apos;s details. This page
          disappears once an admin exists.
        </p>
        <SetupForm action={completeSetupAction} />
      </div>
    </main>
  );
}
