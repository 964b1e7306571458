import { created, readJson, route } from '@/lib/api/http';
import { listVersionsGET } from '@/lib/api/routes/versions';
import { registerModelVersion } from '@/lib/services/register-model-version';
import { canRegisterVersion } from '@/lib/permissions/model-version';

export const dynamic = 'force-dynamic';

/** List versions: filter, search, sort (semver numerically), paginate (lib/api/routes/versions.ts). */
export const GET = listVersionsGET;

/** Register a version (CI): 201 with Location, 409 if that version of the component exists. */
export const POST = route(canRegisterVersion, async ({ request, ctx }) => {
  const body = await readJson(request);
  const v = await registerModelVersion(ctx, body);
  return created(v, `/api/v1/versions/${encodeURIComponent(v.modelId)}`);
});
