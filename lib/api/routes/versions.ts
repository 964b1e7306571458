import { parseQuery, route } from '../http';
import { ListVersionsQuerySchema, versionPageResponse } from '../../contracts/version-list';
import { versionDetailResponse } from '../../contracts/version-detail';
import { listModelVersions } from '../../queries/version-list';
import { getVersionApiDetail } from '../../queries/version-detail';

// The two hottest reads of the API, defined once: app/api/v1/versions/route.ts and
// app/api/v1/versions/[ref]/route.ts export them to Next.js, and the HTTP server answers
// token-authenticated GETs with the same functions before Next.js routes them (lib/http/hot-path.ts).

/** List versions: filter, search, sort (semver numerically), paginate. */
export const listVersionsGET = route('read:registry', async ({ request, ctx }) =>
  versionPageResponse(await listModelVersions(ctx, parseQuery(request, ListVersionsQuerySchema))),
);

/** Full detail of a version (by id or model id), with claimed vs measured impact. */
export const versionDetailGET = route<{ ref: string }>('read:registry', async ({ ctx, params }) => versionDetailResponse(await getVersionApiDetail(ctx, params.ref)));
