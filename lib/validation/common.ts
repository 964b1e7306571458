import { z } from 'zod';
import { AppError, type FieldErrors } from '../errors';
import { parseIsoDate, SEMVER_RE } from '../domain/naming';

export const isoDateString = z
  .string()
  .refine((s) => parseIsoDate(s) !== null, { message: 'must be a real date as YYYY-MM-DD' });

export const semverString = z.string().regex(SEMVER_RE, { message: 'must be a semantic version MAJOR.MINOR.PATCH, e.g. 1.2.3' });

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hex characters (SHA-256)' });

export const scenarioKey = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { message: 'must be lowercase letters, digits and _ (e.g. policy_briefing)' });

export const languageCode = z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/, { message: 'must be a language code such as en, hi or pt-BR' });

/** zod issues → { "field.path": ["reason"] } */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '(body)';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Parse or throw a validation AppError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fieldErrors = toFieldErrors(result.error);
    const first = Object.entries(fieldErrors)[0];
    throw new AppError('validation_failed', `Invalid ${what}: ${first ? `${first[0]} ${first[1][0]}` : 'malformed'}`, { fieldErrors });
  }
  return result.data;
}
