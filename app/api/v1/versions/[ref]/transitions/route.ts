import { readJson, route } from '@/lib/api/http';
import { transitionModelVersion } from '@/lib/services/transition-version';
import { canTransitionAny } from '@/lib/permissions/model-version';

export const dynamic = 'force-dynamic';

/**
 * Request a lifecycle transition. The permission depends on the target (deprecation is the
 * committee's), so the service checks it; a refused gate is a 422 naming what failed.
 */
export const POST = route<{ ref: string }>(canTransitionAny, async ({ request, ctx, params }) =>
  transitionModelVersion(ctx, params.ref, await readJson(request)),
);
