import { created, parseQuery, readJson, route } from '@/lib/api/http';
import { ListVersionsQuerySchema, versionPageResponse } from '@/lib/contracts/version-list';
import { listModelVersions } from '@/lib/queries/version-list';
import { registerModelVersion } from '@/lib/services/register-model-version';
import { canRegisterVersion } from '@/lib/permissions/model-version';

export const dynamic = 'force-dynamic';

/** List versions: filter, search, sort (semver numerically), paginate. */
export const GET = route('read:registry', async ({ request, ctx }) =>
  versionPageResponse(await listModelVersions(ctx, parseQuery(request, ListVersionsQuerySchema))),
);

/** Register a version (CI): 201 with Location, 409 if that version of the component exists. */
export const POST = route(canRegisterVersion, async ({ request, ctx }) => {
  const body = await readJson(request);
  const v = await registerModelVersion(ctx, body);
  return created(v, `/api/v1/versions/${encodeURIComponent(v.modelId)}`);
});
