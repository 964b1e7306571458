import { route } from '@/lib/api/http';
import { versionDetailResponse } from '@/lib/contracts/version-detail';
import { getVersionDetail } from '@/lib/queries/version-detail';

export const dynamic = 'force-dynamic';

/** Full detail of a version (by id or model id), with claimed vs measured impact. */
export const GET = route<{ ref: string }>('read:registry', async ({ ctx, params }) => versionDetailResponse(await getVersionDetail(ctx, params.ref)));
