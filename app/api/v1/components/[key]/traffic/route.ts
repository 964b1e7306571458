import { route } from '@/lib/api/http';
import { getComponentTraffic } from '@/lib/queries/traffic';

export const dynamic = 'force-dynamic';

/** For the serving layer: which versions of the component get which share of traffic now. */
export const GET = route<{ key: string }>('read:registry', async ({ ctx, params }) => getComponentTraffic(ctx, params.key));
