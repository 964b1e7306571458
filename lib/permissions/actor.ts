import type { Actor } from '../auth/permissions';
import { AppError } from '../errors';

/** The accountable user behind an actor: the user, or the creator of an API token, or the user a system action is attributed to. */
export function actorUserId(actor: Actor): string | null {
  if (actor.type === 'user') return actor.id;
  // API tokens and attributed system actions carry the accountable user in userId.
  return actor.userId ?? null;
}

/** Requests, votes and incidents name a person; refuse actors that have none. */
export function requireActorUser(actor: Actor, what: string): string {
  const id = actorUserId(actor);
  if (!id) throw new AppError('forbidden', `${what} must be done by a user account (or a token created by one), not by ${actor.label}`);
  return id;
}
