import { created, parseQuery, readJson, route } from '@/lib/api/http';
import { ListIncidentsQuerySchema, OpenIncidentBodySchema } from '@/lib/contracts/incidents';
import { canOpenIncident } from '@/lib/permissions/incident';
import { listIncidentPage } from '@/lib/queries/incidents';
import { openIncident } from '@/lib/services/incidents';
import { parseInput } from '@/lib/validation/common';

export const dynamic = 'force-dynamic';

/** Incidents, newest first, with their traffic steps and log. */
export const GET = route('read:registry', async ({ request, ctx }) => listIncidentPage(ctx, parseQuery(request, ListIncidentsQuerySchema)));

/** Open an incident on a production version: it is tagged critical-issue and deprecated, the previous stable version reactivated. */
export const POST = route(canOpenIncident, async ({ request, ctx }) => {
  const { version, ...input } = parseInput(OpenIncidentBodySchema, await readJson(request), 'incident');
  const r = await openIncident(ctx, version, input);
  return created(r, `/api/v1/incidents/${r.id}`);
});
