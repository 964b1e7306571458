import { created, readJson, route } from '@/lib/api/http';
import { canAdvanceRollback } from '@/lib/permissions/incident';
import { advanceTraffic } from '@/lib/services/incidents';

export const dynamic = 'force-dynamic';

/** Move the next 20 % of traffic to the rollback target, with the metrics seen at this step. */
export const POST = route<{ id: string }>(canAdvanceRollback, async ({ request, ctx, params }) => created(await advanceTraffic(ctx, params.id, await readJson(request))));
