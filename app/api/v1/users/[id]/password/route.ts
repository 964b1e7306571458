import { readJson, route } from '@/lib/api/http';
import { setPassword } from '@/lib/services/users';

export const dynamic = 'force-dynamic';

/** Set a password: your own (signed in), or anyone's as an admin (their sessions end). The service decides. */
export const PUT = route<{ id: string }>('authenticated', async ({ request, ctx, params }) => setPassword(ctx, params.id, await readJson(request)));
