import { versionDetailGET } from '@/lib/api/routes/versions';

export const dynamic = 'force-dynamic';

/** Full detail of a version (by id or model id), with claimed vs measured impact (lib/api/routes/versions.ts). */
export const GET = versionDetailGET;
