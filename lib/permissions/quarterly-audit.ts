import type { Actor } from '../auth/permissions';
import { actorUserId } from './actor';
import { ALLOW, both, deny, hasPermission, type Decision } from './decision';

// Quarterly audits are generated, read and signed off by auditors (DESIGN.md "Quarterly audit").
// Generating and signing off name a person (the snapshot records who generated and who signed).

function person(actor: Actor, what: string): Decision {
  return actorUserId(actor) ? ALLOW : deny(`${what} must be done by a user account (or a token created by one), not by ${actor.label}`);
}

/** See stored snapshots, their files and generation runs. */
export function canReadQuarterlyAudits(actor: Actor | null | undefined): Decision {
  return hasPermission(actor, 'generate:quarterly-audit');
}

export function canGenerateQuarterlyAudit(actor: Actor | null | undefined): Decision {
  return both(hasPermission(actor, 'generate:quarterly-audit'), () => person(actor!, 'Generating a quarterly audit'));
}

export function canSignOffQuarterlyAudit(actor: Actor | null | undefined): Decision {
  return both(hasPermission(actor, 'signoff:quarterly-audit'), () => person(actor!, 'Signing off a quarterly audit'));
}
