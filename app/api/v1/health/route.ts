import { NextResponse } from 'next/server';
import { prisma } from '@/lib/db';
import { checkHealth } from '@/lib/queries/health';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability, for load balancers. No authentication, no data. */
export async function GET() {
  const health = await checkHealth(prisma);
  return NextResponse.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
