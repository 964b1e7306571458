import { parseQuery, route } from '@/lib/api/http';
import { compareVersions, CompareQuerySchema } from '@/lib/queries/api-versions';

export const dynamic = 'force-dynamic';

/** Compare 2–5 versions per metric and scenario, with direction-aware deltas against the first. */
export const GET = route('read:registry', async ({ request, actor }) => compareVersions(actor, parseQuery(request, CompareQuerySchema).ids));
