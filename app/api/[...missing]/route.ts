import { problem } from '@/lib/api/http';

// An API address no route matches: problem+json 404, whatever the method, instead of the app's
// 404 page (app/(app)/[...missing] would send a client without a session to the sign-in page).
// It reads nothing and discloses nothing but the path it was asked for, so it needs no sign-in.
export const dynamic = 'force-dynamic';

function missing(request: Request) {
  const { pathname } = new URL(request.url);
  return problem(404, `No API endpoint at ${pathname}; the API reference is at /api/v1/openapi.json`, { code: 'not_found' });
}

export const GET = missing;
export const HEAD = missing;
export const POST = missing;
export const PUT = missing;
export const PATCH = missing;
export const DELETE = missing;
export const OPTIONS = missing;
