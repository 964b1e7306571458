import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders } from './security-headers';

describe('security headers (issue 7 row 11)', () => {
  it('a page gets a CSP with its nonce and no inline script, plus Permissions-Policy', () => {
    const nonce = newNonce();
    const h = securityHeaders({ nonce, publicUrl: 'http://127.0.0.1:3000' });
    expect(h['Content-Security-Policy']).toContain(`'nonce-${nonce}'`);
    expect(h['Content-Security-Policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(h['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(h['Permissions-Policy']).toContain('camera=()');
    expect(h['Strict-Transport-Security']).toBeUndefined();
  });

  it('HSTS when the public URL is https', () => {
    expect(securityHeaders({ nonce: null, publicUrl: 'https://registry.example.org' })['Strict-Transport-Security']).toMatch(/^max-age=\d{7,}/);
  });

  it('a fresh, unguessable nonce each time', () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(newNonce()).not.toBe(a);
  });

  it("'unsafe-eval' only in development", () => {
    expect(contentSecurityPolicy('n')).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy('n', { dev: true })).toContain('unsafe-eval');
  });
});
