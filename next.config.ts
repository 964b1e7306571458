import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // pg, pg-boss and the Prisma adapter are Node libraries; keep them out of the server bundle.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'pino', 'bcryptjs', 'pg-boss', 'pdfkit'],
  poweredByHeader: false,
  // `npm test` typechecks the whole project (tests and scripts included); the build doesn't repeat
  // it, so `npm start` on a fresh clone builds in half the time.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 for pages a role may not see.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
