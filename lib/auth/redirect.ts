// Where to go after sign-in. Used by next-auth's `redirect` callback (server) and by the sign-in
// form (browser), so both follow the same rule: only a path on our own origin.
// `//evil.example` and `/\evil.example` are protocol-relative URLs to a browser (WHATWG URL
// parsing treats `\` as `/` and drops tabs and newlines), so the check resolves the value the way a
// browser would and compares origins instead of looking at the first character.

/** A same-origin path (with query and fragment) for `raw`, or `/` when it points anywhere else. */
export function safeCallbackPath(raw: string | null | undefined, origin: string): string {
  if (!raw) return '/';
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(raw, base);
  } catch {
    return '/';
  }
  if (target.origin !== base.origin) return '/';
  const path = `${target.pathname}${target.search}${target.hash}`;
  // `http://us//evil.example` is same-origin, but its path alone would be protocol-relative.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  return path;
}

/**
 * Request header in which proxy.ts hands a page's own path and query to the server components
 * (a layout cannot see the URL otherwise). proxy.ts overwrites whatever the client sent.
 */
export const REQUEST_PATH_HEADER = 'x-mgr-request-path';

/** The sign-in page that comes back to `path` afterwards (issue 10 item 9): `/signin?callbackUrl=…`. */
export function signInPathFor(path: string | null | undefined): string {
  const back = safeCallbackPath(path, 'http://registry.invalid');
  return back === '/' || back.startsWith('/signin') ? '/signin' : `/signin?callbackUrl=${encodeURIComponent(back)}`;
}
