'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { actionError, type FormState } from '@/lib/api/action-error';
import { clientIpFromRequestHeaders } from '@/lib/auth/client-ip';
import { completeFirstRunSetup } from '@/lib/auth/first-run-setup';
import { SYSTEM_ACTOR } from '@/lib/auth/permissions';
import { contextFor } from '@/lib/context';

/**
 * First-run setup: nobody is signed in (no account exists yet); the one-time code from the server
 * log is the authorization, checked by completeFirstRunSetup, which also refuses once an admin
 * exists. The admin is created by the system actor (audited as such).
 */
export async function completeSetupAction(_prev: FormState, form: FormData): Promise<FormState> {
  const field = (k: string) => String(form.get(k) ?? '');
  try {
    const ip = clientIpFromRequestHeaders(await headers());
    await completeFirstRunSetup(contextFor(SYSTEM_ACTOR), { code: field('code'), email: field('email'), name: field('name'), password: field('password') }, ip);
  } catch (e) {
    return actionError(e);
  }
  redirect('/signin?setup=done');
}
