import { created, readJson, route } from '@/lib/api/http';
import { canWriteIncidentLog } from '@/lib/permissions/incident';
import { addIncidentLog } from '@/lib/services/incidents';

export const dynamic = 'force-dynamic';

export const POST = route<{ id: string }>(canWriteIncidentLog, async ({ request, ctx, params }) => created(await addIncidentLog(ctx, params.id, await readJson(request))));
