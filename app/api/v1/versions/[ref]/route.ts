import { route } from '@/lib/api/http';
import { getVersionDetail } from '@/lib/queries/api-versions';

export const dynamic = 'force-dynamic';

/** Full detail of a version (by id or model id), with claimed vs measured impact. */
export const GET = route<{ ref: string }>('read:registry', async ({ actor, params }) => getVersionDetail(actor, params.ref));
