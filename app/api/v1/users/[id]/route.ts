import { readJson, route } from '@/lib/api/http';
import { canManageUsers } from '@/lib/permissions/admin';
import { updateUser } from '@/lib/services/users';

export const dynamic = 'force-dynamic';

/** Change name, role, seniority or active; a role, seniority or active change ends the user's sessions. */
export const PATCH = route<{ id: string }>(canManageUsers, async ({ request, ctx, params }) => updateUser(ctx, params.id, await readJson(request)));
