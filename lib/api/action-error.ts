import { isAppError, isDatabaseUnavailable, type FieldErrors } from '../errors';

export type FormState = { ok?: string; error?: string; fieldErrors?: FieldErrors } | null;

/** A server action's failure as form state: typed errors keep their message and field errors. */
export function actionError(e: unknown): FormState {
  if (isAppError(e)) return { error: e.message, fieldErrors: e.fieldErrors };
  if (isDatabaseUnavailable(e)) return { error: 'The database is not reachable right now; nothing was changed. Try again in a few seconds.' };
  console.error('[server action]', e);
  return { error: 'The change could not be saved; nothing was changed' };
}
