import { contextFor } from '../context';
import { AppError } from '../errors';
import type { Db } from '../db';
import { SYSTEM_ACTOR } from './permissions';
import { DEMO_PASSWORD } from './password';
import { createUser } from '../services/users';

/**
 * The first admin of a real deployment (`npm run admin -- create`). Only while no active admin
 * exists: after that, admins add users on the Admin page. Created by the system actor through the
 * users service, so it is on the audit log like every other user.
 */
export async function createFirstAdmin(db: Db, input: { email: string; name: string; password: string }) {
  const admins = await db.user.count({ where: { role: 'admin', active: true } });
  if (admins > 0) {
    throw new AppError('conflict', `An active admin already exists (${admins}): sign in as an admin and add users on the Admin page`);
  }
  assertNotDemoPassword(input.password);
  return createUser(contextFor(SYSTEM_ACTOR, { db }), { email: input.email, name: input.name, role: 'admin', password: input.password });
}

export function assertNotDemoPassword(password: string): void {
  if (password === DEMO_PASSWORD) {
    throw new AppError('validation_failed', "The demo's public password may not be used", { fieldErrors: { password: ["is the demo's public password"] } });
  }
}
