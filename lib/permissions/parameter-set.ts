import type { Actor } from '../auth/permissions';
import { actorUserId } from './actor';
import { ALLOW, both, deny, hasPermission, holdersOf, type Decision } from './decision';

// λ / training / inference parameter sets: engineers propose and import, the committee votes, the
// proposer never votes on their own set.

function person(actor: Actor, what: string): Decision {
  return actorUserId(actor) ? ALLOW : deny(`${what} must be done by a user account (or a token created by one), not by ${actor.label}`);
}

export function canProposeParameterSet(actor: Actor | null | undefined): Decision {
  return both(hasPermission(actor, 'propose:parameter-set'), () => person(actor!, 'Proposing a parameter set'));
}

export function canImportParameterSet(actor: Actor | null | undefined): Decision {
  return both(hasPermission(actor, 'propose:parameter-set'), () => person(actor!, 'Importing a parameter set'));
}

/** May the actor vote on parameter sets at all (before the set is known). */
export function canVoteOnParameterSets(actor: Actor | null | undefined): Decision {
  return both(hasPermission(actor, 'vote:parameter-set'), () => person(actor!, 'Voting'));
}

export function canVoteParameterSet(actor: Actor | null | undefined, set: { proposedById: string | null }): Decision {
  return both(canVoteOnParameterSets(actor), () =>
    set.proposedById !== null && actorUserId(actor!) === set.proposedById
      ? deny('You proposed this parameter set, so you may not vote on it (separation of duties)')
      : ALLOW);
}

/** Users (by role and seniority) whose role lets them vote on parameter sets. */
export function parameterSetVoterFilter() {
  return holdersOf('vote:parameter-set');
}
