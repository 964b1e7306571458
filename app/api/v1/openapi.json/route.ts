import { NextResponse } from 'next/server';
import { problemFromError } from '@/lib/api/http';
import { openApiDocument } from '@/lib/openapi/document';

export const dynamic = 'force-dynamic';

/** The OpenAPI 3.1 document, generated from the zod schemas. Public: it holds no data. */
export async function GET(): Promise<Response> {
  try {
    return NextResponse.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
  } catch (e) {
    return problemFromError(e);
  }
}
