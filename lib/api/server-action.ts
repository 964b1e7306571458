import { requireActionActor } from '../auth/session';
import type { Actor, Permission } from '../auth/permissions';
import { actionError, type FormState } from './action-error';

/**
 * The shape every server action shares. Server actions are public POST endpoints: check the
 * session and permission first (the service checks again), and turn a failure into form state
 * that names the reason and the fields.
 */
export async function runAction<T extends FormState>(permission: Permission, act: (actor: Actor) => Promise<T>): Promise<T | FormState> {
  try {
    return await act(await requireActionActor(permission));
  } catch (e) {
    return actionError(e);
  }
}
