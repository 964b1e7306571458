import { getSessionActor } from '../auth/session';
import { contextFor, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { actionError, type FormState } from './action-error';

/**
 * The shape every server action shares. Server actions are public POST endpoints: establish who
 * is acting from the session (signed out → refused), then call the service, which decides whether
 * this actor may do this (lib/permissions/*); a failure becomes form state naming the reason and
 * the fields. The action never chooses the permission (never from a form field).
 */
export async function runAction<T extends FormState>(act: (ctx: ServiceContext) => Promise<T>): Promise<T | FormState> {
  try {
    const actor = await getSessionActor();
    if (!actor) throw new AppError('unauthenticated', 'Your session has ended: sign in again');
    return await act(contextFor(actor));
  } catch (e) {
    return actionError(e);
  }
}
