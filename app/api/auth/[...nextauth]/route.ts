import NextAuth from 'next-auth';
import { problem } from '@/lib/api/http';
import { clientIpFromRequestHeaders } from '@/lib/auth/client-ip';
import { authOptions } from '@/lib/auth/options';
import { checkLoginAllowed } from '@/lib/auth/rate-limit';
import { retryMessage } from '@/lib/auth/retry-message';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * A locked-out credentials sign-in is answered here with 429 and Retry-After (next-auth alone can
 * only say 401). The body is problem+json plus the `url` next-auth's client reads its error from.
 */
async function lockedOut(req: Request, parts: string[]): Promise<Response | null> {
  if (req.method !== 'POST' || parts.join('/') !== 'callback/credentials') return null;
  let email = '';
  try {
    email = String((await req.clone().formData()).get('email') ?? '').trim().toLowerCase();
  } catch {
    return null; // not a form: next-auth answers it
  }
  const limit = await checkLoginAllowed(email, clientIpFromRequestHeaders(req.headers));
  if (!limit.blocked) return null;
  const detail = retryMessage(limit.retryAfterSeconds);
  const url = new URL('/signin', req.url);
  url.searchParams.set('error', detail);
  const res = problem(429, detail, { code: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds, url: url.toString() });
  res.headers.set('retry-after', String(limit.retryAfterSeconds));
  return res;
}

async function handler(req: Request, ctx: Ctx) {
  const params = await ctx.params;
  return (await lockedOut(req, params.nextauth)) ?? NextAuth(authOptions())(req, { params });
}

export { handler as GET, handler as POST };
