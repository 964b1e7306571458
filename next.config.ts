import type { NextConfig } from 'next';
import { PERMISSIONS_POLICY } from './lib/security-headers';

const nextConfig: NextConfig = {
  // pg, pg-boss and the Prisma adapter are Node libraries; keep them out of the server bundle.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'pino', 'bcryptjs', 'pg-boss', 'pdfkit'],
  poweredByHeader: false,
  // `npm test` typechecks the whole project (tests and scripts included); the build doesn't repeat
  // it, so `npm start` on a fresh clone builds in half the time.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 for pages a role may not see.
  // inlineCss stays off: inlined, the stylesheet went into each document three times (a <style> and
  // twice in the RSC payload, 168 KB of the versions list's 303 KB); as a file it is cached once
  // (decision 026, which reverses decision 018 on this point).
  experimental: { authInterrupts: true },
  // Security headers (CSP with a nonce per request, Permissions-Policy, HSTS behind https) are set
  // per request by proxy.ts: see lib/security-headers.ts. Static files skip the proxy.
  async headers() {
    return [
      {
        source: '/_next/static/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
        ],
      },
    ];
  },
};

export default nextConfig;
