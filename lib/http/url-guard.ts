// Checks on the raw request, before Next.js routes it (proxy.ts) — no Next.js or database imports,
// so they are cheap and unit-testable. Next.js answers a path segment that is not valid UTF-8
// percent-encoding (/api/v1/versions/%ED%A0%80) with a bare 500, and a cross-origin server action
// with a 500 from deep inside its action handler; a NUL character reaches PostgreSQL, which
// refuses it (500). Here each becomes a 400 (or 403) naming the field and the reason.

export type RequestProblem = { status: 400 | 403; field: string; reason: string; detail: string };

const NUL = '\u0000';

function decode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The first problem with the raw path (still percent-encoded) and query string, or null. */
export function checkRequestUrl(rawPath: string, rawSearch: string): RequestProblem | null {
  for (const segment of rawPath.split('/')) {
    const value = decode(segment);
    if (value === null) return bad('path', `segment "${segment}" is not valid UTF-8 percent-encoding`);
    if (value.includes(NUL)) return bad('path', 'contains a NUL character');
  }
  const search = rawSearch.startsWith('?') ? rawSearch.slice(1) : rawSearch;
  for (const pair of search ? search.split('&') : []) {
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const key = decode(rawKey.replace(/\+/g, ' '));
    if (key === null) return bad('(query)', `parameter name "${rawKey}" is not valid UTF-8 percent-encoding`);
    if (key.includes(NUL)) return bad('(query)', 'a parameter name contains a NUL character');
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1).replace(/\+/g, ' '));
    if (value === null) return bad(key, 'is not valid UTF-8 percent-encoding');
    if (value.includes(NUL)) return bad(key, 'contains a NUL character');
  }
  return null;
}

function bad(field: string, reason: string): RequestProblem {
  return { status: 400, field, reason, detail: `Invalid request: ${field} ${reason}` };
}

/**
 * The host of an Origin header: null when absent, 'invalid' when it is not a URL with a host
 * ("null" from a sandboxed frame or a file: page, "::::", garbage).
 */
export function originHost(origin: string | null): string | null | 'invalid' {
  if (origin === null) return null;
  try {
    const u = new URL(origin);
    return u.host ? u.host : 'invalid';
  } catch {
    return 'invalid';
  }
}

/**
 * A server action is a POST with a Next-Action header; Next.js compares its Origin with the host
 * itself but answers a mismatch with a 500. Refuse it first with a 403: a foreign or unparseable
 * Origin ("null" included). No Origin at all is a non-browser client, which carries no victim's
 * cookie unless it was handed one, so it is left to the action's own session check.
 */
export function checkServerActionOrigin(method: string, headers: Headers): RequestProblem | null {
  if (method !== 'POST' || !headers.has('next-action')) return null;
  const host = originHost(headers.get('origin'));
  if (host === null) return null;
  const expected = headers.get('x-forwarded-host') ?? headers.get('host');
  if (host !== 'invalid' && expected && host === expected) return null;
  return { status: 403, field: 'origin', reason: 'is not this registry', detail: 'Cross-site request refused: server actions are accepted from the registry\'s own pages only' };
}

/** problem+json body for a RequestProblem (the same shape as lib/api/http.ts's problem()). */
export function problemBody(p: RequestProblem): Record<string, unknown> {
  return {
    type: `https://model-registry.local/problems/${p.status}`,
    title: p.status === 400 ? 'Invalid request' : 'Forbidden',
    status: p.status,
    detail: p.detail,
    code: p.status === 400 ? 'validation_failed' : 'forbidden',
    errors: { [p.field]: [p.reason] },
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page for browsers (the app's layout needs a valid route, which this request is not). */
export function problemPage(p: RequestProblem): string {
  const title = p.status === 400 ? '400 · Bad request' : '403 · Forbidden';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#0f172a">` +
    `<p style="font-size:.875rem;font-weight:600;color:#475569">${title}</p><h1 style="font-size:1.5rem">This address cannot be served</h1>` +
    `<p><code>${escapeHtml(p.field)}</code> ${escapeHtml(p.reason)}.</p><p><a href="/">Back to the dashboard</a></p></body></html>`;
}

/**
 * A path segment as the user typed it. Next.js may hand a segment over still percent-encoded; a
 * second decode of an already decoded "%" would throw (a 500), so a segment that is not valid
 * percent-encoding is taken as it is.
 */
export function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
