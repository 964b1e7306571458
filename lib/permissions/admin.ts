import type { Actor } from '../auth/permissions';
import { actorUserId } from './actor';
import { ALLOW, both, deny, hasPermission, type Decision } from './decision';

// Users, API tokens and governance settings: the admin's.

export function canManageUsers(actor: Actor | null | undefined): Decision {
  return hasPermission(actor, 'manage:users');
}

/** Users change their own password; admins reset anyone's. */
export function canSetPassword(actor: Actor | null | undefined, userId: string): Decision {
  if (actor && actor.type === 'user' && actorUserId(actor) === userId) return ALLOW;
  return canManageUsers(actor);
}

export function canManageSettings(actor: Actor | null | undefined): Decision {
  return hasPermission(actor, 'manage:settings');
}

// API tokens. A person manages their own personal tokens (from their session or with a personal
// token); admins issue service tokens for pipelines and may list and revoke every token. A service
// token manages no tokens at all.

const byPerson = (actor: Actor | null | undefined): Decision => {
  if (!actor) return deny('Sign in or send an API token to do this');
  if (actor.type === 'user' || (actor.type === 'api_token' && actor.tokenKind === 'personal')) return ALLOW;
  return deny(`API tokens are managed by a person (their session or personal token), not by ${actor.label}`);
};

export function canCreatePersonalToken(actor: Actor | null | undefined): Decision {
  return byPerson(actor);
}

/** Service tokens (pipelines) are issued by an admin. */
export function canCreateServiceToken(actor: Actor | null | undefined): Decision {
  return both(byPerson(actor), () => hasPermission(actor, 'manage:api-tokens'));
}

/** Every token, whoever it belongs to. */
export function canListApiTokens(actor: Actor | null | undefined): Decision {
  return both(byPerson(actor), () => hasPermission(actor, 'manage:api-tokens'));
}

export function canListOwnTokens(actor: Actor | null | undefined): Decision {
  return byPerson(actor);
}

/** The person a personal token belongs to revokes it; an admin revokes any token. */
export function canRevokeApiToken(actor: Actor | null | undefined, token?: { kind: 'personal' | 'service'; createdById: string }): Decision {
  return both(byPerson(actor), () => {
    if (token && token.kind === 'personal' && actorUserId(actor!) === token.createdById) return ALLOW;
    return hasPermission(actor, 'manage:api-tokens');
  });
}
