import type { Actor } from '../auth/permissions';
import { AppError } from '../errors';

/** The accountable user behind an actor: the user, or the creator of an API token; null for the system. */
export function actorUserId(actor: Actor): string | null {
  if (actor.type === 'user') return actor.id;
  if (actor.type === 'api_token') return actor.userId ?? null;
  return null;
}

/** Requests, votes and incidents name a person; refuse actors that have none. */
export function requireActorUser(actor: Actor, what: string): string {
  const id = actorUserId(actor);
  if (!id) throw new AppError('forbidden', `${what} must be done by a user account (or a token created by one), not by ${actor.label}`);
  return id;
}
