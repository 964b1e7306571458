import { readJson, route } from '@/lib/api/http';
import { updateMetricRange } from '@/lib/services/metric-definitions';

export const dynamic = 'force-dynamic';

/** Change a metric's valid range (admin); values outside it are refused from then on. */
export const PATCH = route<{ key: string }>('manage:settings', async ({ request, ctx, params }) =>
  updateMetricRange(ctx, params.key, await readJson(request)),
);
