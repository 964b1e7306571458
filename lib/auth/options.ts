import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { prisma } from '../db';
import { env } from '../env';
import type { Role } from '../generated/prisma/enums';
import { DUMMY_HASH, verifyPassword } from './password';
import { checkLoginAllowed, recordLoginFailure, recordLoginSuccess } from './rate-limit';

const SESSION_MAX_AGE = 8 * 60 * 60; // a working day; the DB check below makes revocation immediate

const CredentialsSchema = z.object({ email: z.string().email().max(320), password: z.string().min(1).max(200) });

export class RateLimitedError extends Error {}

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const fwd = headers?.['x-forwarded-for'];
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
  return first || 'unknown';
}

/** Sign in with email + password. Returns the user or null; rate-limited per account and IP. */
export async function authorizeCredentials(raw: unknown, ip: string) {
  const parsed = CredentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  const limit = await checkLoginAllowed(email, ip);
  if (limit.blocked) throw new Error(`Too many failed sign-ins. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true, sessionVersion: true },
  });
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !ok || !user.active) {
    await recordLoginFailure(email, ip);
    return null;
  }
  await recordLoginSuccess(email);
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() }, select: { id: true } });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}

function providers(): NextAuthOptions['providers'] {
  const list: NextAuthOptions['providers'] = [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      authorize: (credentials, req) => authorizeCredentials(credentials, clientIp(req?.headers)),
    }),
  ];
  const e = env();
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    // Optional single sign-on. Only users an admin already created (same email) may sign in.
    list.push({
      id: 'oidc',
      name: 'Single sign-on',
      type: 'oauth',
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? '', name: profile.name ?? profile.email ?? profile.sub };
      },
    });
  }
  return list;
}

export type SessionClaims = { uid: string; role: Role; sv: number };

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET ?? devSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE },
    pages: { signIn: '/signin' },
    providers: providers(),
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider === 'oidc') {
          const known = await prisma.user.findUnique({ where: { email: (user.email ?? '').toLowerCase() }, select: { active: true } });
          return Boolean(known?.active);
        }
        return true;
      },
      async jwt({ token, user, account }) {
        if (user) {
          const row = await prisma.user.findUnique({
            where: account?.provider === 'oidc' ? { email: (user.email ?? '').toLowerCase() } : { id: user.id },
            select: { id: true, role: true, sessionVersion: true },
          });
          if (row) {
            token.uid = row.id;
            token.role = row.role;
            token.sv = row.sessionVersion;
          }
        }
        return token;
      },
      async session({ session, token }) {
        // uid and session version, checked against the database on every request
        // (lib/auth/session.ts); the role is only a hint for the UI.
        const s = session as typeof session & { uid?: unknown; sv?: unknown; role?: unknown };
        s.uid = token.uid;
        s.sv = token.sv;
        s.role = token.role;
        return s;
      },
    },
  };
}

/** Without NEXTAUTH_SECRET outside production, a per-database secret keeps demo sessions working. */
function devSecret(): string {
  if (env().NODE_ENV === 'production' && !process.env.MGR_ALLOW_DEV_SECRET) {
    throw new Error('NEXTAUTH_SECRET must be set in production (npm start sets one for the embedded demo)');
  }
  return 'mgr-development-secret-not-for-production';
}
