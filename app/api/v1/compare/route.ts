import { parseQuery, route } from '@/lib/api/http';
import { CompareQuerySchema, comparisonResponse } from '@/lib/contracts/compare';
import { compareVersions } from '@/lib/queries/version-compare';

export const dynamic = 'force-dynamic';

/** Compare 2–5 versions per metric, scenario and language, with direction-aware deltas against the first. */
export const GET = route('read:registry', async ({ request, ctx }) =>
  comparisonResponse(await compareVersions(ctx, parseQuery(request, CompareQuerySchema).ids)),
);
