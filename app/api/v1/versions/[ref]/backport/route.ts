import { readJson, route } from '@/lib/api/http';
import { canRecordBackport } from '@/lib/permissions/model-version';
import { recordBackport } from '@/lib/services/promotion';

export const dynamic = 'force-dynamic';

/** Record that a hotfix was merged back to the development branch (the emergency path's last step). */
export const POST = route<{ ref: string }>(canRecordBackport, async ({ request, ctx, params }) => recordBackport(ctx, params.ref, await readJson(request)));
