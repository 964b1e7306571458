// Typed errors with a code. Route handlers map them to application/problem+json, server actions
// to form state, pages to error.tsx / not-found.tsx.

export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'transition_refused'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  transition_refused: 422,
  unprocessable: 422, // well-formed input the server will not act on (a webhook URL pointing inside)
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

// Connection-level failures: the server is down, restarting (57P01 admin shutdown, 57P02 crash
// shutdown, 57P03 cannot connect now), refusing connections (53300 too many) or the link broke.
// Prisma reports the first two as P1001/P1002/P1017 or a driver-adapter error of kind
// DatabaseNotReachable / ConnectionClosed.
const UNAVAILABLE_CODES = new Set([
  '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006',
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND',
  'P1001', 'P1002', 'P1017',
]);
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'TooManyConnections', 'SocketTimeout']);
const UNAVAILABLE_MESSAGE = /Connection terminated unexpectedly|Can't reach database server|terminating connection due to administrator command|the database system is (shutting down|starting up|in recovery mode)/i;

/** Is this error "the database is not reachable right now" (→ 503 Retry-After), not a bug? */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (typeof e !== 'object' || e === null || depth > 4) return false;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string; code?: string } } } };
  if (typeof err.code === 'string' && UNAVAILABLE_CODES.has(err.code)) return true;
  const cause = err.meta?.driverAdapterError?.cause;
  if (cause && ((cause.kind && UNAVAILABLE_KINDS.has(cause.kind)) || UNAVAILABLE_CODES.has(cause.originalCode ?? '') || UNAVAILABLE_CODES.has(cause.code ?? ''))) return true;
  if (typeof err.message === 'string' && UNAVAILABLE_MESSAGE.test(err.message)) return true;
  return err.cause !== undefined && isDatabaseUnavailable(err.cause, depth + 1);
}
