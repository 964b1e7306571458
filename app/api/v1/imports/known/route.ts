import { readJson, route } from '@/lib/api/http';
import { canRegisterVersion } from '@/lib/permissions/model-version';
import { knownVersionHashes } from '@/lib/services/import-versions';

export const dynamic = 'force-dynamic';

/** Which content hashes the registry holds (mgr import sends only the versions whose hash is new). */
export const POST = route(canRegisterVersion, async ({ request, ctx }) => knownVersionHashes(ctx, await readJson(request)));
