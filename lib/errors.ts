// Typed errors with a code. Route handlers map them to application/problem+json, server actions
// to form state, pages to error.tsx / not-found.tsx.

export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'transition_refused'
  | 'rate_limited'
  | 'unavailable';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  transition_refused: 422,
  rate_limited: 429,
  unavailable: 503,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, opts?: { fieldErrors?: FieldErrors; details?: Record<string, unknown> }) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = opts?.fieldErrors;
    this.details = opts?.details;
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (why: string) => new AppError('forbidden', why);
export const conflict = (why: string, details?: Record<string, unknown>) => new AppError('conflict', why, { details });
export const validationFailed = (message: string, fieldErrors: FieldErrors) =>
  new AppError('validation_failed', message, { fieldErrors });

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Postgres / Prisma unique-violation detection, for mapping races to 409 instead of 500. */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { code?: string; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } };
  if (err.code === 'P2002' || err.code === '23505') return true;
  const cause = err.meta?.driverAdapterError?.cause;
  if (cause?.kind === 'UniqueConstraintViolation' || cause?.originalCode === '23505') return true;
  return false;
}
