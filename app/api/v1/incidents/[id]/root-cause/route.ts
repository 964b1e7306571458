import { readJson, route } from '@/lib/api/http';
import { canSubmitRootCause } from '@/lib/permissions/incident';
import { submitRootCause } from '@/lib/services/incidents';

export const dynamic = 'force-dynamic';

/** Submit the root cause analysis (once); with all traffic back it resolves the incident. */
export const POST = route<{ id: string }>(canSubmitRootCause, async ({ request, ctx, params }) => submitRootCause(ctx, params.id, await readJson(request)));
