import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { prisma } from '../db';
import { env } from '../env';
import type { Role } from '../generated/prisma/enums';
import { clientIpFromRequestHeaders } from './client-ip';
import { DEMO_PASSWORD, DUMMY_HASH, verifyPassword } from './password';
import { checkLoginAllowed, recordLoginFailure, recordLoginSuccess } from './rate-limit';
import { retryMessage } from './retry-message';
import { safeCallbackPath } from './redirect';
import { endSession, sessionLimits, startSession } from './user-sessions';

const CredentialsSchema = z.object({ email: z.string().email().max(320), password: z.string().min(1).max(200) });

/** Sign in with email + password. Returns the user or null; rate-limited per account and IP. */
export async function authorizeCredentials(raw: unknown, ip: string) {
  const parsed = CredentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  const limit = await checkLoginAllowed(email, ip);
  if (limit.blocked) throw new Error(retryMessage(limit.retryAfterSeconds));
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true, sessionVersion: true, demo: true },
  });
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  // The demo's password is public: it opens only the accounts the demo itself created.
  const demoPasswordMisused = parsed.data.password === DEMO_PASSWORD && !user?.demo;
  if (!user || !user.passwordHash || !ok || !user.active || demoPasswordMisused) {
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
      authorize: (credentials, req) => authorizeCredentials(credentials, clientIpFromRequestHeaders(req?.headers)),
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

/** What the session JWT carries: user id, session version, and the server-side session's id. */
export type SessionClaims = { uid: string; role: Role; sv: number; sid: string };

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    // The cookie lives no longer than the absolute timeout; the server-side session decides sooner.
    session: { strategy: 'jwt', maxAge: Math.ceil(sessionLimits().absoluteMs / 1000), updateAge: 5 * 60 },
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
      // Only a path on our own origin (issue 7 row 2): `//evil.example` is another origin.
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
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
            token.sid = await startSession(prisma, row.id, new Date());
          }
        }
        return token;
      },
      async session({ session, token }) {
        // uid, session version and session id, checked against the database on every request
        // (lib/auth/session.ts); the role is only a hint for the UI.
        const s = session as typeof session & { uid?: unknown; sv?: unknown; sid?: unknown; role?: unknown };
        s.uid = token.uid;
        s.sv = token.sv;
        s.sid = token.sid;
        s.role = token.role;
        return s;
      },
    },
    events: {
      // POST /api/auth/signout: end the session on the server, so a copy of the cookie is dead too.
      async signOut({ token }) {
        const sid = (token as { sid?: unknown } | null)?.sid;
        if (typeof sid === 'string') await endSession(prisma, sid, new Date());
      },
    },
  };
}

/**
 * Every instance must sign and read sessions with the same secret. `npm start` passes
 * NEXTAUTH_SECRET (the embedded demo keeps one in .data/; a real database requires it set).
 */
function authSecret(): string {
  const secret = env().NEXTAUTH_SECRET;
  if (secret) return secret;
  if (env().NODE_ENV === 'production') {
    throw new Error('NEXTAUTH_SECRET must be set in production: every instance needs the same one (see README, "Several instances")');
  }
  return 'mgr-development-secret-not-for-production';
}
