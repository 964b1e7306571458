import { readJson, route } from '@/lib/api/http';
import { contextFor } from '@/lib/context';
import { signOffQuarterlyAudit } from '@/lib/quarterly-audit/runs';

export const dynamic = 'force-dynamic';

/** An auditor signs the snapshot off with a comment; once only (409 after). */
export const POST = route<{ id: string }>('signoff:quarterly-audit', async ({ request, actor, params }) =>
  signOffQuarterlyAudit(contextFor(actor), params.id, await readJson(request)));
