import { readJson, route } from '@/lib/api/http';
import { addMetrics } from '@/lib/services/add-metrics';
import { canReportResults } from '@/lib/permissions/model-version';

export const dynamic = 'force-dynamic';

/** Add or correct metric values (upsert per metric × scenario × language). */
export const POST = route<{ ref: string }>(canReportResults, async ({ request, ctx, params }) =>
  addMetrics(ctx, params.ref, await readJson(request)),
);
