import { readJson, route } from '@/lib/api/http';
import { importBatchResponse } from '@/lib/contracts/imports';
import { canRegisterVersion } from '@/lib/permissions/model-version';
import { importVersions } from '@/lib/services/import-versions';

export const dynamic = 'force-dynamic';

/** Register a batch of versions in one transaction (mgr import): 200 with one result per version. */
export const POST = route(canRegisterVersion, async ({ request, ctx }) => importBatchResponse(await importVersions(ctx, await readJson(request))));
