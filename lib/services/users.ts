import { hashPassword } from '../auth/password';
import { forgetApiTokens } from '../auth/api-token';
import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import type { Tx } from '../db';
import { conflict, notFound, validationFailed } from '../errors';
import type { Role } from '../generated/prisma/enums';
import { actorUserId } from '../permissions/actor';
import { canManageUsers, canSetPassword } from '../permissions/admin';
import { requireDecision } from '../permissions/decision';
import { parseInput } from '../validation/common';
import { CreateUserSchema, SetPasswordSchema, UpdateUserSchema } from '../validation/users';
import { inTransaction } from './transaction';

export const userSelect = {
  id: true, email: true, name: true, role: true, senior: true, active: true, sessionVersion: true, createdAt: true,
} as const;

function checkSenior(role: Role, senior: boolean) {
  if (senior && role !== 'engineer') throw validationFailed('Invalid user: only engineers can be senior', { senior: ['only an engineer can be a senior engineer'] });
}

/** Create a user (password optional: a user without one signs in only after an admin sets it). */
export async function createUser(ctx: ServiceContext, rawInput: unknown) {
  const { actor } = ctx;
  requireDecision(actor, canManageUsers(actor));
  const input = parseInput(CreateUserSchema, rawInput, 'user');
  checkSenior(input.role, input.senior);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw conflict(`A user with email ${input.email} already exists`, { field: 'email' });
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, senior: input.senior, passwordHash, createdAt: ctx.now() },
      select: userSelect,
    });
    await appendAuditEvent(tx, { occurredAt: ctx.now(),
      actor, action: 'user.create', entityType: 'user', entityId: user.id,
      change: { email: user.email, name: user.name, role: user.role, senior: user.senior, passwordSet: passwordHash !== null },
    });
    return user;
  }, { onUniqueViolation: `A user with email ${input.email} already exists` });
}

async function activeAdminsOtherThan(tx: Tx, userId: string): Promise<number> {
  return tx.user.count({ where: { role: 'admin', active: true, id: { not: userId } } });
}

/**
 * Change a user's name, role, active flag or seniority. Role, active and senior changes bump the
 * session version so the user's existing sessions stop working at once.
 */
export async function updateUser(ctx: ServiceContext, userId: string, rawInput: unknown) {
  const { actor } = ctx;
  requireDecision(actor, canManageUsers(actor));
  const input = parseInput(UpdateUserSchema, rawInput, 'user');
  const updated = await inTransaction(ctx, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    if (!rows[0]) throw notFound(`User ${userId}`);
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect });
    const after = { role: input.role ?? before.role, active: input.active ?? before.active, senior: input.senior ?? before.senior, name: input.name ?? before.name };
    checkSenior(after.role, after.senior);
    if (before.role === 'admin' && before.active && (after.role !== 'admin' || !after.active)) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('users:admins'))`;
      if ((await activeAdminsOtherThan(tx, userId)) === 0) throw conflict('This is the last active admin: make someone else admin first');
    }
    const changed = (['name', 'role', 'active', 'senior'] as const).filter((k) => after[k] !== before[k]);
    if (changed.length === 0) return before;
    const revoke = changed.some((k) => k !== 'name');
    const user = await tx.user.update({
      where: { id: userId },
      data: { ...after, ...(revoke ? { sessionVersion: { increment: 1 } } : {}) },
      select: userSelect,
    });
    await appendAuditEvent(tx, { occurredAt: ctx.now(),
      actor, action: 'user.update', entityType: 'user', entityId: userId,
      change: { email: before.email, changes: Object.fromEntries(changed.map((k) => [k, { before: before[k], after: after[k] }])), sessionsRevoked: revoke },
    });
    return user;
  });
  forgetApiTokens(); // the person's tokens act with their new role (or not at all) from the next request on
  return updated;
}

/**
 * Set a password: users may change their own; admins may reset anyone's, which also ends that
 * user's sessions.
 */
export async function setPassword(ctx: ServiceContext, userId: string, rawInput: unknown) {
  const { actor } = ctx;
  requireDecision(actor, canSetPassword(actor, userId));
  const self = actor.type === 'user' && actorUserId(actor) === userId;
  const input = parseInput(SetPasswordSchema, rawInput, 'password');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    const exists = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!exists) throw notFound(`User ${userId}`);
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, ...(self ? {} : { sessionVersion: { increment: 1 } }) },
      select: { id: true },
    });
    // Never the hash, not even in the audit log.
    await appendAuditEvent(tx, { occurredAt: ctx.now(), actor, action: 'user.password', entityType: 'user', entityId: userId, change: { email: exists.email, by: self ? 'self' : 'admin', sessionsRevoked: !self } });
    return { id: userId };
  });
}
