'use server';

import { requireActionActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { isAppError } from '@/lib/errors';
import { verifyAuditLog } from '@/lib/queries/audit';

export type VerifyState = { result?: Awaited<ReturnType<typeof verifyAuditLog>>; error?: string } | null;

export async function verifyChainAction(_prev: VerifyState, _form: FormData): Promise<VerifyState> {
  try {
    const actor = await requireActionActor('verify:audit-log');
    return { result: await verifyAuditLog(contextFor(actor)) };
  } catch (e) {
    return { error: isAppError(e) ? e.message : 'Verification failed to run' };
  }
}
