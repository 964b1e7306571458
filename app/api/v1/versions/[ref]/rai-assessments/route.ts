import { created, readJson, route } from '@/lib/api/http';
import { canRecordRaiAssessment } from '@/lib/permissions/rai';
import { recordRaiAssessment } from '@/lib/services/rai';

export const dynamic = 'force-dynamic';

/** Record a responsible-AI assessment; the verdict is computed, and a pass completes promotions waiting on it. */
export const POST = route<{ ref: string }>(canRecordRaiAssessment, async ({ request, ctx, params }) => {
  const r = await recordRaiAssessment(ctx, params.ref, await readJson(request));
  return created(r);
});
