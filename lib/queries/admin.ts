import type { ServiceContext } from '../context';
import { getSettings, type Settings } from '../data/settings';
import { canManageSettings, canManageUsers } from '../permissions/admin';
import { requireDecision } from '../permissions/decision';

// The admin page's reads (users and roles, governance settings), shared with GET /api/v1/users and
// GET /api/v1/settings. Never the password hash.

export async function listUsers(ctx: ServiceContext) {
  requireDecision(ctx.actor, canManageUsers(ctx.actor));
  return ctx.db.user.findMany({
    orderBy: [{ active: 'desc' }, { role: 'asc' }, { email: 'asc' }],
    select: { id: true, email: true, name: true, role: true, senior: true, active: true, createdAt: true, lastLoginAt: true },
  });
}

export async function readSettings(ctx: ServiceContext): Promise<Settings> {
  requireDecision(ctx.actor, canManageSettings(ctx.actor));
  return getSettings(ctx.db);
}
