// Security headers for every response, set by proxy.ts per request: a Content-Security-Policy
// with a fresh nonce (Next.js reads it from the request's CSP header and puts it on its own
// scripts), Permissions-Policy, and HSTS when the public URL is https.
// No Node-only imports: proxy.ts may run outside the Node.js runtime.

export const NONCE_HEADER = 'x-nonce';

export function newNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced bundles load are trusted; no inline script without it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    // Style *attributes* (React's style prop in server-rendered HTML: Recharts sizes its chart
    // boxes that way) cannot carry a nonce; CSS cannot run script, so inline styles are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const PERMISSIONS_POLICY = [
  'accelerometer=()', 'autoplay=()', 'camera=()', 'display-capture=()', 'geolocation=()', 'gyroscope=()',
  'magnetometer=()', 'microphone=()', 'midi=()', 'payment=()', 'usb=()', 'interest-cohort=()', 'browsing-topics=()',
].join(', ');

/** The response headers (the CSP only for documents; `nonce` null for other responses). */
export function securityHeaders(opts: { nonce: string | null; publicUrl?: string; dev?: boolean }): Record<string, string> {
  const h: Record<string, string> = {
    'Permissions-Policy': PERMISSIONS_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  h['Content-Security-Policy'] = opts.nonce ? contentSecurityPolicy(opts.nonce, { dev: opts.dev }) : "default-src 'none'; frame-ancestors 'none'";
  if (opts.publicUrl?.startsWith('https://')) h['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return h;
}
