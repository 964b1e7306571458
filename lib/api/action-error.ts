import { isAppError, type FieldErrors } from '../errors';

export type FormState = { ok?: string; error?: string; fieldErrors?: FieldErrors } | null;

/** A server action's failure as form state: typed errors keep their message and field errors. */
export function actionError(e: unknown): FormState {
  if (isAppError(e)) return { error: e.message, fieldErrors: e.fieldErrors };
  console.error('[server action]', e);
  return { error: 'The change could not be saved; nothing was changed' };
}
