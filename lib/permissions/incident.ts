import type { Actor } from '../auth/permissions';
import { actorUserId } from './actor';
import { ALLOW, both, deny, hasPermission, type Decision } from './decision';

// Rollbacks are opened, advanced and explained by identified people (DESIGN.md "Rollback").

function person(actor: Actor, what: string): Decision {
  return actorUserId(actor) ? ALLOW : deny(`${what} must be done by a user account (or a token created by one), not by ${actor.label}`);
}

export function canOpenIncident(actor: Actor | null | undefined): Decision {
  return both(hasPermission(actor, 'open:incident'), () => person(actor!, 'Opening an incident'));
}

export function canAdvanceRollback(actor: Actor | null | undefined): Decision {
  return both(hasPermission(actor, 'advance:rollback'), () => person(actor!, 'Advancing a rollback'));
}

export function canWriteIncidentLog(actor: Actor | null | undefined): Decision {
  return both(hasPermission(actor, 'advance:rollback'), () => person(actor!, 'Writing to the incident log'));
}

export function canSubmitRootCause(actor: Actor | null | undefined): Decision {
  return both(hasPermission(actor, 'submit:rca'), () => person(actor!, 'Submitting a root cause analysis'));
}
