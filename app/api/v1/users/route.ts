import { created, readJson, route } from '@/lib/api/http';
import { canManageUsers } from '@/lib/permissions/admin';
import { listUsers } from '@/lib/queries/admin';
import { createUser } from '@/lib/services/users';

export const dynamic = 'force-dynamic';

export const GET = route(canManageUsers, async ({ ctx }) => ({ items: await listUsers(ctx) }));

/** Create a user (a password is optional: without one they sign in after an admin sets it). */
export const POST = route(canManageUsers, async ({ request, ctx }) => {
  const user = await createUser(ctx, await readJson(request));
  return created(user, `/api/v1/users/${user.id}`);
});
