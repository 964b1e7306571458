import { isAppError, isDatabaseUnavailable, type FieldErrors } from '../errors';

/**
 * A server action's answer as form state. `error` is one sentence for the whole form;
 * `fieldErrors` holds one message per field (the form shows it beside that field and marks the
 * field invalid), so a field's reason is never repeated in `error`.
 */
export type FormState = { ok?: string; error?: string; fieldErrors?: FieldErrors } | null;

/** "a comment is required to reject" → "A comment is required to reject." */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  // Only Latin lower case is raised: "λ must be…" stays λ (Λ would be another symbol).
  const s = /^[a-z]/.test(t) ? t[0].toUpperCase() + t.slice(1) : t;
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** One readable message per field: its reasons as sentences, duplicates dropped. */
export function readableFieldErrors(fieldErrors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, msgs]) => [field, [[...new Set(msgs.map(sentence))].join(' ')]]));
}

/** The form-level sentence for field errors: it points at the fields, it doesn't repeat them. */
export function fieldErrorSummary(fieldErrors: FieldErrors): string {
  const n = Object.keys(fieldErrors).length;
  return n === 1 ? 'Nothing was saved: check the highlighted field.' : `Nothing was saved: check the ${n} highlighted fields.`;
}

/** A server action's failure as form state: typed errors keep their reason, field errors go to their fields. */
export function actionError(e: unknown): FormState {
  if (isAppError(e)) {
    if (e.fieldErrors && Object.keys(e.fieldErrors).length > 0) {
      const fieldErrors = readableFieldErrors(e.fieldErrors);
      return { error: fieldErrorSummary(fieldErrors), fieldErrors };
    }
    return { error: sentence(e.message) };
  }
  if (isDatabaseUnavailable(e)) return { error: 'The database is not reachable right now; nothing was changed. Try again in a few seconds.' };
  console.error('[server action]', e);
  return { error: 'The change could not be saved; nothing was changed.' };
}
