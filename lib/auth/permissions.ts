import { AppError } from '../errors';
import type { Role } from '../generated/prisma/enums';

/**
 * Permission strings, "verb:entity". Deny by default: a role has exactly what is listed here.
 * The UI uses `can` to hide what a user cannot do; the server always calls `requirePermission`.
 */
export const PERMISSIONS = [
  'read:registry', // versions, metrics, parameters, incidents, dashboards
  'create:model-version', // register versions, upload metrics and test results
  'transition:model-version', // request lifecycle transitions (gated on the server)
  'request:promotion',
  'vote:promotion', // committee vote on promotions and ratifications
  'review:emergency', // senior engineers' expedited review of hotfixes
  'propose:parameter-set',
  'vote:parameter-set',
  'open:incident', // rollbacks
  'advance:rollback',
  'submit:rca',
  'record:rai-assessment',
  'deprecate:model-version', // the committee may deprecate a production version
  'read:audit-log',
  'verify:audit-log',
  'generate:quarterly-audit',
  'signoff:quarterly-audit',
  'manage:users',
  'manage:api-tokens',
  'manage:settings',
  'manage:components',
  'manage:webhooks', // outbound webhook endpoints, their deliveries and the allow-list
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'read:registry',
    'read:audit-log',
    'verify:audit-log',
    'manage:users',
    'manage:api-tokens',
    'manage:settings',
    'manage:components',
    'manage:webhooks',
  ],
  committee: [
    'read:registry',
    'vote:promotion',
    'vote:parameter-set',
    'deprecate:model-version',
    'read:audit-log',
    'verify:audit-log',
    'record:rai-assessment',
  ],
  engineer: [
    'read:registry',
    'create:model-version',
    'transition:model-version',
    'request:promotion',
    'propose:parameter-set',
    'open:incident',
    'advance:rollback',
    'submit:rca',
    'verify:audit-log',
  ],
  auditor: [
    'read:registry',
    'read:audit-log',
    'verify:audit-log',
    'generate:quarterly-audit',
    'signoff:quarterly-audit',
  ],
  viewer: ['read:registry'],
};

/** Who is acting: a signed-in user, a CI token, or the system (background jobs, migrations). */
export type Actor = {
  type: 'user' | 'api_token' | 'system';
  id: string | null;
  label: string; // email, token name, or "system"
  role: Role | 'system';
  senior: boolean;
  /** For API tokens: the person it acts for (personal) or the admin who issued it (service). */
  userId?: string | null;
  /** For API tokens: personal (acts as its person) or service (pipelines; never decides). */
  tokenKind?: 'personal' | 'service';
};

/**
 * What a service token may do at most (intersected with its role's): register and report —
 * versions, metrics, test results, gated transitions, parameter proposals — and read. Every
 * decision the seed gives to people (votes, emergency reviews, RAI, deprecation, sign-off) and
 * every administrative act needs a person: their session or their personal token.
 */
export const SERVICE_TOKEN_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'read:registry',
  'create:model-version',
  'transition:model-version',
  'propose:parameter-set',
  'read:audit-log',
  'verify:audit-log',
]);

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, label: 'system', role: 'system', senior: false };

type PermissionSubject = Pick<Actor, 'role' | 'senior'> & Partial<Pick<Actor, 'tokenKind'>>;

export function permissionsOf(actor: PermissionSubject | null | undefined): Set<Permission> {
  if (!actor) return new Set();
  if (actor.role === 'system') return new Set(PERMISSIONS);
  const perms = new Set<Permission>(ROLE_PERMISSIONS[actor.role] ?? []);
  if (actor.role === 'engineer' && actor.senior) perms.add('review:emergency');
  if (actor.tokenKind === 'service') for (const p of perms) if (!SERVICE_TOKEN_PERMISSIONS.has(p)) perms.delete(p);
  return perms;
}

export function can(actor: PermissionSubject | null | undefined, permission: Permission): boolean {
  return permissionsOf(actor).has(permission);
}

export function requirePermission(actor: Actor | null | undefined, permission: Permission): Actor {
  if (!actor) throw new AppError('unauthenticated', 'Sign in or send an API token to do this');
  if (!can(actor, permission)) {
    throw new AppError('forbidden', `Your role (${actor.role}${actor.senior ? ', senior' : ''}) may not ${permission.replace(':', ' ')}`, {
      details: { permission },
    });
  }
  return actor;
}

export const ROLES: readonly Role[] = ['admin', 'committee', 'engineer', 'auditor', 'viewer'];
