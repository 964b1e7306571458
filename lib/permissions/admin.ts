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

export function canListApiTokens(actor: Actor | null | undefined): Decision {
  return hasPermission(actor, 'manage:api-tokens');
}

/** Tokens act on behalf of the person who made them, so only a person (or a token made by one) creates them. */
export function canCreateApiToken(actor: Actor | null | undefined): Decision {
  return both(hasPermission(actor, 'manage:api-tokens'), () =>
    actorUserId(actor!) ? ALLOW : deny(`API tokens are created by a user account, not by ${actor!.label}`));
}

export const canRevokeApiToken = canListApiTokens;
