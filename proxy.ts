import { NextResponse, type NextRequest } from 'next/server';
import { checkRequestUrl, checkServerActionOrigin, problemBody, problemPage } from '@/lib/http/url-guard';
import { REQUEST_PATH_HEADER } from '@/lib/auth/redirect';
import { NONCE_HEADER, newNonce, securityHeaders } from '@/lib/security-headers';

// Runs before Next.js routes the request, and decides no authentication or authorization — every
// page, server action and route handler checks those on its own. Two jobs:
//  1. refuse what Next.js itself would answer with a 500 (lib/http/url-guard.ts);
//  2. security headers on every response: a CSP with a fresh nonce per page request (Next.js reads
//     the nonce from the request's CSP header and puts it on its scripts), Permissions-Policy,
//     HSTS behind https (lib/security-headers.ts).
export function proxy(request: NextRequest): NextResponse {
  const url = request.nextUrl;
  const api = url.pathname.startsWith('/api/');
  const problem = checkRequestUrl(url.pathname, url.search) ?? checkServerActionOrigin(request.method, request.headers);
  // API responses are JSON, Markdown or files, never documents that run script: a CSP that allows nothing.
  const nonce = api ? null : newNonce();
  const headers = securityHeaders({ nonce, publicUrl: process.env.NEXTAUTH_URL, dev: process.env.NODE_ENV === 'development' });
  let response: NextResponse;
  if (problem) {
    const wantsJson = (api && !url.pathname.startsWith('/api/auth/')) || !(request.headers.get('accept') ?? '').includes('text/html');
    response = wantsJson
      ? NextResponse.json(problemBody(problem), { status: problem.status, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' } })
      : new NextResponse(problemPage(problem), { status: problem.status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  } else {
    const requestHeaders = new Headers(request.headers);
    // The page's own path for the sign-in redirect (lib/auth/signin-redirect.ts); never the client's value.
    requestHeaders.set(REQUEST_PATH_HEADER, `${url.pathname}${url.search}`);
    if (nonce) {
      requestHeaders.set(NONCE_HEADER, nonce);
      requestHeaders.set('content-security-policy', headers['Content-Security-Policy']);
    }
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
