import { created, readJson, route } from '@/lib/api/http';
import { addTestResult } from '@/lib/services/add-test-results';
import { canReportResults } from '@/lib/permissions/model-version';

export const dynamic = 'force-dynamic';

/** Record a test run; the latest unit run gates development → testing. */
export const POST = route<{ ref: string }>(canReportResults, async ({ request, ctx, params }) => {
  const r = await addTestResult(ctx, params.ref, await readJson(request));
  return created({ ...r, runAt: r.runAt.toISOString() });
});
