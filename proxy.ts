import { NextResponse, type NextRequest } from 'next/server';
import { checkRequestUrl, checkServerActionOrigin, problemBody, problemPage } from '@/lib/http/url-guard';

// Runs before Next.js routes the request. Only refuses what Next.js itself would answer with a 500
// (see lib/http/url-guard.ts); authentication and authorization are never decided here — every
// page, server action and route handler checks them on its own.
export function proxy(request: NextRequest): NextResponse | undefined {
  const url = request.nextUrl;
  const problem = checkRequestUrl(url.pathname, url.search) ?? checkServerActionOrigin(request.method, request.headers);
  if (!problem) return undefined;
  const api = url.pathname.startsWith('/api/') && !url.pathname.startsWith('/api/auth/');
  const wantsJson = api || !(request.headers.get('accept') ?? '').includes('text/html');
  if (wantsJson) {
    return NextResponse.json(problemBody(problem), { status: problem.status, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' } });
  }
  return new NextResponse(problemPage(problem), { status: problem.status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
