import { can, ROLES, type Actor, type Permission } from '../auth/permissions';
import { AppError } from '../errors';
import type { Role } from '../generated/prisma/enums';

// The answer of every `can…` rule in lib/permissions/<entity>.ts: allowed, or refused with a
// reason a person can read. Services `require` it (a refusal becomes a 403 AppError carrying the
// reason); queries turn it into UI flags. Nothing else decides who may do what.

export type Decision = { ok: true } | { ok: false; reason: string; permission?: Permission };

export const ALLOW: Decision = { ok: true };
export const deny = (reason: string, permission?: Permission): Decision => ({ ok: false, reason, ...(permission ? { permission } : {}) });

/** The role's permission, as a decision (the same words requirePermission uses). */
export function hasPermission(actor: Actor | null | undefined, permission: Permission): Decision {
  if (!actor) return deny('Sign in or send an API token to do this', permission);
  if (can(actor, permission)) return ALLOW;
  return deny(`Your role (${actor.role}${actor.senior ? ', senior' : ''}) may not ${permission.replace(':', ' ')}`, permission);
}

/** Throw the refusal: unauthenticated without an actor, forbidden with the reason otherwise. */
export function requireDecision(actor: Actor | null | undefined, d: Decision): void {
  if (!actor) throw new AppError('unauthenticated', 'Sign in or send an API token to do this');
  if (!d.ok) throw new AppError('forbidden', d.reason, d.permission ? { details: { permission: d.permission } } : undefined);
}

/** Both decisions must allow; the first refusal wins. */
export function both(a: Decision, b: () => Decision): Decision {
  return a.ok ? b() : a;
}

/**
 * Which people hold a permission, as a filter over users (role, and seniority where only senior
 * engineers hold it): derived from the role table, so eligibility never hard-codes role names.
 */
export function holdersOf(permission: Permission): { role: Role; senior?: true }[] {
  const out: { role: Role; senior?: true }[] = [];
  for (const role of ROLES) {
    if (can({ role, senior: false }, permission)) out.push({ role });
    else if (can({ role, senior: true }, permission)) out.push({ role, senior: true });
  }
  return out;
}
