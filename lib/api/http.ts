import { NextResponse } from 'next/server';
import { ZodError, type z } from 'zod';
import { bearerFrom } from '../auth/api-token';
import { getRequestActor } from '../auth/session';
import { contextFor, type ServiceContext } from '../context';
import { requirePermission, type Actor, type Permission } from '../auth/permissions';
import { AppError, isAppError, isDatabaseUnavailable, isUniqueViolation } from '../errors';
import { findUnstorable, toFieldErrors } from '../validation/common';
import { originHost } from '../http/url-guard';
import { requireDecision, type Decision } from '../permissions/decision';

// Route handlers run the same steps: authenticate (401) → authorize (403) → parse (400) →
// act (404/409/422 from services) → respond. Errors are RFC 9457 application/problem+json.

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Transition refused',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problem(status: number, detail: string, extra: Record<string, unknown> = {}): NextResponse {
  return NextResponse.json(
    { type: `https://model-registry.local/problems/${status}`, title: TITLES[status] ?? 'Error', status, detail, ...extra },
    { status, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' } },
  );
}

export function problemFromError(e: unknown): NextResponse {
  if (isAppError(e)) {
    const extra: Record<string, unknown> = { code: e.code };
    if (e.fieldErrors) extra.errors = e.fieldErrors;
    if (e.details) Object.assign(extra, e.details);
    const res = problem(e.status, e.message, extra);
    if (e.status === 401) res.headers.set('www-authenticate', 'Bearer realm="model-registry"');
    return res;
  }
  if (e instanceof ZodError) return problem(400, 'Invalid request', { code: 'validation_failed', errors: toFieldErrors(e) });
  if (isUniqueViolation(e)) return problem(409, 'A record with the same unique key already exists', { code: 'conflict' });
  if (isValueOutOfRange(e)) return problem(400, 'A value is out of the range the database can store', { code: 'validation_failed', errors: { '(body)': ['a value is out of range'] } });
  // Backstop: text PostgreSQL cannot store (a NUL character, bad UTF-8) that slipped past parsing.
  if (hasDbCode(e, ['22021', '22P05'])) return problem(400, 'A value contains characters that cannot be stored', { code: 'validation_failed', errors: { '(request)': ['contains a NUL character or invalid Unicode'] } });
  if (isDatabaseUnavailable(e)) {
    // A restart or failover: nothing was applied (the transaction did not commit); ask to retry.
    console.warn(`[api] database unavailable: ${e instanceof Error ? e.message.split('\n').filter(Boolean).pop() : String(e)}`);
    const res = problem(503, 'The database is not reachable right now; nothing was changed. Retry shortly.', { code: 'database_unavailable' });
    res.headers.set('retry-after', String(DB_RETRY_AFTER_SECONDS));
    return res;
  }
  console.error('[api] unhandled error', e);
  return problem(500, 'Something went wrong on the server; the change was not applied');
}

function hasDbCode(e: unknown, codes: string[]): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } }; cause?: { originalCode?: string; code?: string } };
  const found = [err.code, err.meta?.driverAdapterError?.cause?.originalCode, err.cause?.originalCode, err.cause?.code];
  return found.some((c) => typeof c === 'string' && codes.includes(c));
}

function isValueOutOfRange(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } };
  const cause = err.meta?.driverAdapterError?.cause;
  return err.code === '22003' || cause?.kind === 'ValueOutOfRange' || cause?.originalCode === '22003';
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DB_RETRY_AFTER_SECONDS = 5;

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** `application/json`, optionally with parameters (`; charset=utf-8`), any case — not a substring. */
export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  return header.split(';')[0].trim().toLowerCase() === 'application/json';
}

/** Read a JSON body with a size limit and a clear error for malformed JSON. */
export async function readJson(request: Request): Promise<unknown> {
  if (!isJsonContentType(request.headers.get('content-type'))) {
    throw new AppError('validation_failed', 'Send the body as application/json', { fieldErrors: { '(body)': ['content-type must be application/json'] } });
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new AppError('validation_failed', `Body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`, { fieldErrors: { '(body)': ['too large'] } });
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw new AppError('validation_failed', `Body is not valid JSON: ${(e as Error).message}`, { fieldErrors: { '(body)': ['malformed JSON'] } });
  }
  const bad = findUnstorable(value, [], 0);
  if (bad) throw new AppError('validation_failed', `Invalid body: ${bad.field} ${bad.message}`, { fieldErrors: { [bad.field]: [bad.message] } });
  return value;
}

/** Parse query parameters with a zod schema; errors name the parameter. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const url = new URL(request.url);
  const obj: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    obj[key] = all.length > 1 ? all : all[0];
  }
  const bad = findUnstorable(obj, [], 0);
  if (bad) throw new AppError('validation_failed', `Invalid query parameter: ${bad.field} ${bad.message}`, { fieldErrors: { [bad.field]: [bad.message] } });
  const r = schema.safeParse(obj);
  if (!r.success) {
    throw new AppError('validation_failed', 'Invalid query parameters', { fieldErrors: toFieldErrors(r.error) });
  }
  return r.data;
}

type Handler<C> = (args: { request: Request; actor: Actor; ctx: ServiceContext; params: C }) => Promise<Response | unknown>;

/**
 * 'authenticated': any signed-in actor passes the wrapper and the service decides (used where the
 * permission depends on the body, e.g. a transition to `deprecated` needs deprecate:model-version).
 */
export type RoutePermission = Permission | 'authenticated';

/**
 * What a route checks before reading the body: a rule from lib/permissions (preferred: the same
 * function the service requires, so the rule lives in one place), a plain permission, or only
 * 'authenticated' when the rule depends on the body and the service decides.
 */
export type RouteGate = RoutePermission | ((actor: Actor) => Decision);

/** A route's answer as plain values, for a server that writes it itself (lib/http/hot-path.ts). */
export type PlainAnswer = { status: number; headers: Record<string, string>; body: string | Buffer };

/** A route handler for Next.js, and the same route answering in plain values (`answer`). */
export type ApiRoute<C> = ((request: Request, context: { params: Promise<C> }) => Promise<Response>) & {
  answer(request: Request, params: C): Promise<PlainAnswer>;
};

const JSON_HEADERS = { 'cache-control': 'no-store' } as const;

/**
 * Wrap a route handler: authenticate, check the permission, map errors to problem+json.
 * A plain value returned by the handler is sent as JSON with status 200.
 */
export function route<C = Record<string, string>>(permission: RouteGate, handler: Handler<C>): ApiRoute<C> {
  // Everything but the last step (making a Fetch Response of a plain value) is shared by both forms.
  const run = async (request: Request, params: C | Promise<C> | undefined): Promise<{ json: unknown } | { response: Response }> => {
    try {
      assertSameOriginForCookieWrites(request);
      const actor = await getRequestActor(request);
      if (permission === 'authenticated') {
        if (!actor) throw new AppError('unauthenticated', 'Sign in or send an API token to do this');
      } else if (typeof permission === 'function') {
        requireDecision(actor, actor ? permission(actor) : { ok: true });
      } else {
        requirePermission(actor, permission);
      }
      const resolved = (await params) ?? ({} as C);
      assertStorablePathParams(resolved);
      const result = await handler({ request, actor: actor!, ctx: contextFor(actor!), params: resolved });
      return result instanceof Response ? { response: result } : { json: result };
    } catch (e) {
      return { response: problemFromError(e) };
    }
  };
  const nextHandler = async (request: Request, context: { params: Promise<C> }): Promise<Response> => {
    const out = await run(request, context?.params);
    return 'response' in out ? out.response : NextResponse.json(out.json, { headers: JSON_HEADERS });
  };
  // The same bytes and headers NextResponse.json sends, without building a Response and reading it
  // back: on the hot path that was ~60 µs of a ~1.2 ms request (decision 019).
  const answer = async (request: Request, params: C): Promise<PlainAnswer> => {
    const out = await run(request, params);
    if ('json' in out) return { status: 200, headers: { 'content-type': 'application/json', ...JSON_HEADERS }, body: JSON.stringify(out.json) };
    const { response } = out;
    return { status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
  };
  return Object.assign(nextHandler, { answer });
}

/** A path parameter (a version ref, a token id) that the database could not even compare: 400 naming it. */
function assertStorablePathParams(params: unknown): void {
  if (typeof params !== 'object' || params === null) return;
  const bad = findUnstorable(params, [], 0);
  if (bad) throw new AppError('validation_failed', `Invalid path: ${bad.field} ${bad.message}`, { fieldErrors: { [bad.field]: [bad.message] } });
}

export function created(body: unknown, location?: string): NextResponse {
  return NextResponse.json(body, { status: 201, headers: location ? { location } : {} });
}

/**
 * Route handlers have no CSRF protection of their own: a state-changing request that the session
 * cookie authenticates must come from our own origin. Only a bearer token replaces the cookie
 * (getRequestActor never falls back to the cookie when one is sent); any other Authorization
 * header (`Basic …`) leaves the cookie in charge, so the check runs.
 */
function assertSameOriginForCookieWrites(request: Request): void {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
  if (bearerFrom(request.headers.get('authorization'))) return;
  if (!request.headers.get('cookie')) return; // no credentials at all: the 401 comes next
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
  const from = originHost(origin); // "null", "::::" and other unparseable origins are foreign
  if (from !== null && from !== 'invalid' && from === host) return;
  if (!origin && request.headers.get('sec-fetch-site') === 'same-origin') return;
  throw new AppError('forbidden', 'Cross-site request refused: send an API token or call from the registry itself');
}

/** A Markdown document (model cards). */
export function markdown(text: string, filename?: string): Response {
  const headers: Record<string, string> = { 'content-type': 'text/markdown; charset=utf-8', 'cache-control': 'no-store' };
  if (filename) headers['content-disposition'] = `inline; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
  return new Response(text, { status: 200, headers });
}
