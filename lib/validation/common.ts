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

const MAX_JSON_DEPTH = 32;
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * What PostgreSQL cannot store must be a 400, not a 500 from the database: NUL characters (text
 * and jsonb refuse them), lone UTF-16 surrogates (jsonb refuses their escapes), absurd nesting.
 */
export function findUnstorable(v: unknown, path: string[], depth: number): { field: string; message: string } | null {
  const field = path.length ? path.join('.') : '(body)';
  if (typeof v === 'string') return badString(v) ? { field, message: badString(v)! } : null;
  if (typeof v === 'number') {
    // JSON.parse gives ±Infinity for 1e400 (schemas refuse it); PostgreSQL refuses subnormals.
    if (v !== 0 && Math.abs(v) < MIN_NORMAL) return { field, message: 'is too close to zero to store (below 2.2e-308)' };
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  if (depth >= MAX_JSON_DEPTH) return { field, message: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
  const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
  for (const [k, x] of entries) {
    const keyProblem = badString(k);
    if (keyProblem) return { field: [...path, '(key)'].join('.'), message: `has a key that ${keyProblem}` };
    const inner = findUnstorable(x, [...path, k], depth + 1);
    if (inner) return inner;
  }
  return null;
}

const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badString(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE_RE.test(s)) return 'contains invalid Unicode (a lone surrogate)';
  return null;
}
/**
 * Parse or throw a validation AppError naming every bad field. Every service parses its input
 * here, so values PostgreSQL cannot store are refused the same way from the API, server actions
 * and the CLI.
 */

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.infer<S> {
  const bad = findUnstorable(input, [], 0);
  if (bad) throw new AppError('validation_failed', `Invalid ${what}: ${bad.field} ${bad.message}`, { fieldErrors: { [bad.field]: [bad.message] } });
  const result = schema.safeParse(input);
  if (!result.success) {
    const fieldErrors = toFieldErrors(result.error);
    const first = Object.entries(fieldErrors)[0];
    throw new AppError('validation_failed', `Invalid ${what}: ${first ? `${first[0]} ${first[1][0]}` : 'malformed'}`, { fieldErrors });
  }
  return result.data;
}
