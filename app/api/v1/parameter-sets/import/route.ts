import { NextResponse } from 'next/server';
import { created, readJson, route } from '@/lib/api/http';
import { importParameterSet } from '@/lib/services/parameter-sets';
import { canImportParameterSet } from '@/lib/permissions/parameter-set';

export const dynamic = 'force-dynamic';

/** Import one historical record, idempotently: 201 created, 200 unchanged, 409 if it differs. */
export const POST = route(canImportParameterSet, async ({ request, ctx }) => {
  const r = await importParameterSet(ctx, await readJson(request));
  return r.result === 'created' ? created(r) : NextResponse.json(r, { status: 200, headers: { 'cache-control': 'no-store' } });
});
