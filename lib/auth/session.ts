import { getServerSession } from 'next-auth';
import { forbidden } from 'next/navigation';
import { prisma, type Db } from '../db';
import { AppError } from '../errors';
import { actorFromToken, bearerFrom } from './api-token';
import { authOptions } from './options';
import { can, requirePermission, type Actor, type Permission } from './permissions';
import { redirectToSignIn } from './signin-redirect';
import { checkSession } from './user-sessions';

type Claims = { uid?: unknown; sv?: unknown; sid?: unknown };

/**
 * The actor a session JWT stands for, re-read from the database: a disabled user, a changed role,
 * a bumped session version, or a server-side session that was signed out or timed out (idle or
 * absolute) takes effect at once, whatever the JWT says.
 */
export async function actorFromSessionClaims(db: Db, claims: Claims | null, now: Date): Promise<Actor | null> {
  if (!claims || typeof claims.uid !== 'string' || typeof claims.sid !== 'string') return null;
  const user = await db.user.findUnique({
    where: { id: claims.uid },
    select: { id: true, email: true, role: true, senior: true, active: true, sessionVersion: true },
  });
  if (!user || !user.active || user.sessionVersion !== claims.sv) return null;
  if (!(await checkSession(db, claims.sid, user.id, now)).ok) return null;
  return { type: 'user', id: user.id, label: user.email, role: user.role, senior: user.senior };
}

/** The signed-in user as an Actor, or null. */
export async function getSessionActor(): Promise<Actor | null> {
  const claims = (await getServerSession(authOptions())) as Claims | null;
  return actorFromSessionClaims(prisma, claims, new Date());
}

/** For route handlers: a bearer token if one is sent, else the session cookie. */
export async function getRequestActor(request: Request): Promise<Actor | null> {
  const bearer = bearerFrom(request.headers.get('authorization'));
  if (bearer) {
    const actor = await actorFromToken(bearer);
    if (!actor) throw new AppError('unauthenticated', 'The API token is invalid, expired or revoked');
    return actor;
  }
  // No cookie, no session: skip next-auth (whose getServerSession needs Next's request scope,
  // absent when handlers are called directly, e.g. in integration tests).
  if (!request.headers.get('cookie')) return null;
  return getSessionActor();
}

/** For pages: signed out → the sign-in page; lacking the permission → a 403 error page. */
export async function requirePageActor(permission: Permission): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) return redirectToSignIn();
  if (!can(actor, permission)) forbidden();
  return actor;
}

/** For server actions: the same checks, thrown as AppError (never trust the UI). */
export async function requireActionActor(permission: Permission): Promise<Actor> {
  return requirePermission(await getSessionActor(), permission);
}
