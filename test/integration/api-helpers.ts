// Helpers for the REST API integration tests: each API test file gets a database of its own
// (cloned from the run's migrated template), so row counts before/after a failed request are
// exact even while other test files write concurrently.
import type { Actor } from '@/lib/auth/permissions';
import type { Db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';
import { createApiToken } from '@/lib/services/api-tokens';
import { makeUser } from '../fixtures';
import { contextFor } from '@/lib/context';

export { withOwnDatabase } from '../own-database';

export type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export type CallOptions<P> = {
  token?: string | null;
  body?: unknown;
  /** Sent as-is (malformed JSON tests). */
  rawBody?: string;
  contentType?: string | null;
  params?: P;
  query?: string;
  headers?: Record<string, string>;
};

export type ApiResult = { status: number; headers: Headers; json: Record<string, unknown>; text: string };

export async function call<P = Record<string, string>>(handler: Handler<P>, method: string, path: string, opts: CallOptions<P> = {}): Promise<ApiResult> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const hasBody = opts.rawBody !== undefined || opts.body !== undefined;
  if (hasBody && opts.contentType !== null) headers['content-type'] = opts.contentType ?? 'application/json';
  const request = new Request(`http://localhost${path}${opts.query ? `?${opts.query}` : ''}`, {
    method,
    headers,
    body: opts.rawBody !== undefined ? opts.rawBody : opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const res = await handler(request, { params: Promise.resolve((opts.params ?? {}) as P) });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    /* not JSON (model cards) */
  }
  return { status: res.status, headers: res.headers, json, text };
}

/**
 * A personal token of a new person with the given role: it acts as that person (a committee
 * member's token votes as them). `owner` is that person.
 */
export async function tokenFor(role: Role, opts: { senior?: boolean } = {}): Promise<{ token: string; id: string; owner: Actor & { id: string; email: string } }> {
  const owner = await makeUser(role, { senior: opts.senior });
  const t = await createApiToken(contextFor(owner), { name: `me-${role}-${Math.random().toString(36).slice(2, 8)}` });
  return { token: t.token, id: t.id, owner };
}

/** A service token (pipelines: register and report, never decide) issued by a new admin. */
export async function serviceTokenFor(role: 'engineer' | 'viewer' | 'auditor'): Promise<{ token: string; id: string; admin: Actor & { id: string } }> {
  const admin = await makeUser('admin');
  const t = await createApiToken(contextFor(admin), { name: `ci-${role}-${Math.random().toString(36).slice(2, 8)}`, role });
  return { token: t.token, id: t.id, admin };
}

export async function counts(db: Db) {
  const [versions, artifacts, metrics, testResults, transitions, audit, tokens, parameterSets] = await Promise.all([
    db.modelVersion.count(),
    db.artifact.count(),
    db.metric.count(),
    db.testResult.count(),
    db.statusTransition.count(),
    db.auditEvent.count(),
    db.apiToken.count(),
    db.parameterSet.count(),
  ]);
  return { versions, artifacts, metrics, testResults, transitions, audit, tokens, parameterSets };
}

let n = 0;
/** A valid registration body for a component, with a unique version. */
export function versionBody(component: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  n += 1;
  return {
    component,
    architecture: 'diffusion',
    version: `1.${n}.0`,
    releaseDate: '2023-06-15',
    description: 'Base noise generator with improved temporal consistency',
    artifacts: [{ path: 'model.pt', sha256: 'a'.repeat(64), sizeBytes: 1024 }],
    metrics: [
      { metric: 'fvd', value: 185.3 },
      { metric: 'temporal_coherence', value: 0.93 },
    ],
    git: { commit: 'abc1234', branch: 'develop', message: '[BASE] TUNE: Adjust attention\n\nBody\n\nPerformance impact: -15% on FVD, +2% on temporal coherence\nReviewed-by: Dr. Sharma' },
    ...overrides,
  };
}
