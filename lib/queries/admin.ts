import type { ServiceContext } from '../context';
import type { Prisma } from '../generated/prisma/client';
import { getSettings, type Settings } from '../data/settings';
import { canManageSettings, canManageUsers } from '../permissions/admin';
import { requireDecision } from '../permissions/decision';

// The admin page's reads (users and roles, governance settings), shared with GET /api/v1/users and
// GET /api/v1/settings. Never the password hash.

const USER_SELECT = { id: true, email: true, name: true, role: true, senior: true, active: true, createdAt: true, lastLoginAt: true } as const;
const USER_ORDER = [{ active: 'desc' }, { role: 'asc' }, { email: 'asc' }] as const satisfies Prisma.UserOrderByWithRelationInput[];

export async function listUsers(ctx: ServiceContext) {
  requireDecision(ctx.actor, canManageUsers(ctx.actor));
  return ctx.db.user.findMany({ orderBy: USER_ORDER, select: USER_SELECT });
}

export const USERS_PAGE_SIZE = 25;

/**
 * One page of users for the admin page, optionally narrowed by a search on email or name. The
 * page never renders every account at once: an organisation (or a test suite) with hundreds of
 * users would get a page of hundreds of forms.
 */
export async function listUsersPage(ctx: ServiceContext, opts: { q?: string; page?: number }) {
  requireDecision(ctx.actor, canManageUsers(ctx.actor));
  const q = opts.q?.trim().slice(0, 200) || undefined;
  const where = q ? { OR: [{ email: { contains: q, mode: 'insensitive' as const } }, { name: { contains: q, mode: 'insensitive' as const } }] } : {};
  const total = await ctx.db.user.count({ where });
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), pages);
  const items = await ctx.db.user.findMany({
    where,
    orderBy: USER_ORDER,
    select: USER_SELECT,
    skip: (page - 1) * USERS_PAGE_SIZE,
    take: USERS_PAGE_SIZE,
  });
  return { items, total, page, pages, pageSize: USERS_PAGE_SIZE, q };
}

export async function readSettings(ctx: ServiceContext): Promise<Settings> {
  requireDecision(ctx.actor, canManageSettings(ctx.actor));
  return getSettings(ctx.db);
}
