import { readJson, route } from '@/lib/api/http';
import { canManageSettings } from '@/lib/permissions/admin';
import { readSettings } from '@/lib/queries/admin';
import { updateSettings } from '@/lib/services/settings';

export const dynamic = 'force-dynamic';

export const GET = route(canManageSettings, async ({ ctx }) => readSettings(ctx));

/** Change one or more governance settings; the audit event records each value before and after. */
export const PATCH = route(canManageSettings, async ({ request, ctx }) => updateSettings(ctx, await readJson(request)));
