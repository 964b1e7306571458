import { route } from '@/lib/api/http';
import { contextFor } from '@/lib/context';
import { decodedSegment } from '@/lib/http/url-guard';
import { getQuarterlyAuditFile } from '@/lib/quarterly-audit/queries';

export const dynamic = 'force-dynamic';

/** Download one stored file (the three report files or the bundle zip), byte for byte as hashed. */
export const GET = route<{ id: string; name: string }>('generate:quarterly-audit', async ({ actor, params }) => {
  const f = await getQuarterlyAuditFile(contextFor(actor), params.id, decodedSegment(params.name));
  return new Response(new Uint8Array(f.content), {
    status: 200,
    headers: {
      'content-type': f.contentType,
      'content-disposition': `attachment; filename="${f.name.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'x-content-sha256': f.sha256,
      'cache-control': 'no-store',
    },
  });
});
