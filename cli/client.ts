// HTTP client for the registry's REST API (/api/v1). Node 20's fetch, no dependencies.
//
// Errors are application/problem+json: { type, title, status, detail, errors?: { field: [msg] } }.
// Connection failures and authentication/authorisation failures are `FatalError`s (exit code 2):
// there is no point in going on with the next item. Everything else is returned to the caller
// as an `ApiResponse` so it can decide (e.g. 409 on import means "already registered").

export type FieldErrors = Record<string, string[]>;

export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldErrors;
  [extra: string]: unknown;
};

export type ApiResponse<T = unknown> = { status: number; ok: boolean; body: T; problem: Problem | null };

/** A failure that stops the whole command: connection, authentication, authorisation, bad URL. */
export class FatalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FatalError';
  }
}

/** An unexpected API answer for a single operation (the command reports it and may go on). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export type ClientOptions = { url: string; token?: string; timeoutMs?: number; userAgent?: string };

export class ApiClient {
  readonly baseUrl: string;
  private readonly token?: string;
  private readonly timeoutMs: number;
  private readonly userAgent: string;

  constructor(opts: ClientOptions) {
    let u: URL;
    try {
      u = new URL(opts.url);
    } catch {
      throw new FatalError(`--url: "${opts.url}" is not a URL (e.g. http://localhost:3000)`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FatalError(`--url: "${opts.url}" must be http:// or https://`);
    this.baseUrl = u.toString().replace(/\/+$/, '');
    this.token = opts.token || undefined;
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.userAgent = opts.userAgent ?? 'mgr-cli';
  }

  url(path: string): string {
    return `${this.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'user-agent': this.userAgent };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await fetch(this.url(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
    } catch (e) {
      throw new FatalError(`cannot reach ${this.baseUrl}: ${describeFetchError(e)}`);
    }
    const text = await res.text().catch(() => '');
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }
    const contentType = res.headers.get('content-type') ?? '';
    const isJson = parsed !== null && /json/i.test(contentType);
    if (!res.ok && (res.status === 401 || res.status === 403)) {
      const problem = isJson && isObject(parsed) ? (parsed as Problem) : null;
      const why = problem?.detail ?? problem?.title ?? res.statusText;
      throw new FatalError(
        res.status === 401
          ? `${method} ${path}: not authenticated (401${why ? `: ${why}` : ''}); pass --token or set MGR_TOKEN`
          : `${method} ${path}: forbidden (403${why ? `: ${why}` : ''}); the token's role may not do this`,
      );
    }
    if (res.status >= 300 && res.status < 400) {
      throw new FatalError(`${method} ${path}: unexpected redirect (${res.status}) to ${res.headers.get('location') ?? '?'}; is --url the registry's address?`);
    }
    if (res.ok && !isJson) {
      if (res.status === 204) return { status: res.status, ok: true, body: null as T, problem: null };
      throw new FatalError(`${method} ${path}: expected JSON, got ${contentType || 'no content type'} (HTTP ${res.status}); is --url the registry's address?`);
    }
    const problem = !res.ok ? (isJson && isObject(parsed) ? (parsed as Problem) : { status: res.status, title: res.statusText, detail: text.slice(0, 200) || undefined }) : null;
    return { status: res.status, ok: res.ok, body: parsed as T, problem };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body: unknown) {
    return this.request<T>('POST', path, body);
  }

  /** GET a file (any content type) as bytes; non-2xx answers are ApiErrors. */
  async download(path: string): Promise<{ bytes: Buffer; headers: Headers }> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await fetch(this.url(path), { headers, signal: AbortSignal.timeout(this.timeoutMs), redirect: 'manual' });
    } catch (e) {
      throw new FatalError(`cannot reach ${this.baseUrl}: ${describeFetchError(e)}`);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    if (!res.ok) {
      let problem: Problem | null = null;
      try {
        problem = JSON.parse(bytes.toString('utf8')) as Problem;
      } catch {
        problem = null;
      }
      if (res.status === 401 || res.status === 403) throw new FatalError(`GET ${path}: ${res.status === 401 ? 'not authenticated (401); pass --token or set MGR_TOKEN' : "forbidden (403); the token's role may not do this"}`);
      throw new ApiError(res.status, problem, `GET ${path}: ${describeProblem(res.status, problem)}`);
    }
    return { bytes, headers: res.headers };
  }

  /** Like request() but any non-2xx answer is an ApiError. */
  async expectOk<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request<T>(method, path, body);
    if (!res.ok) throw new ApiError(res.status, res.problem, `${method} ${path}: ${describeProblem(res.status, res.problem)}`);
    return res.body;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One line: "HTTP 400 Validation failed: version must be …". */
export function describeProblem(status: number, problem: Problem | null): string {
  const parts = [`HTTP ${status}`];
  if (problem?.title) parts.push(problem.title);
  const head = parts.join(' ');
  return problem?.detail && problem.detail !== problem.title ? `${head}: ${problem.detail}` : head;
}

/** Field errors as "field: reason" lines. */
export function fieldErrorLines(problem: Problem | null): { field: string; reason: string }[] {
  const out: { field: string; reason: string }[] = [];
  if (!problem?.errors || !isObject(problem.errors)) return out;
  for (const [field, reasons] of Object.entries(problem.errors)) {
    const list = Array.isArray(reasons) ? reasons : [String(reasons)];
    for (const r of list) out.push({ field, reason: String(r) });
  }
  return out;
}

function describeFetchError(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError') return 'request timed out';
    const cause = (e as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as Error & { code?: string }).code;
      return code ? `${code} (${cause.message})` : cause.message;
    }
    return e.message;
  }
  return String(e);
}
