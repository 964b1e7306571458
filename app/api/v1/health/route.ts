import { NextResponse } from 'next/server';
import { DB_RETRY_AFTER_SECONDS } from '@/lib/api/http';
import { prisma } from '@/lib/db';
import { checkHealth } from '@/lib/queries/health';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability, for load balancers. No authentication, no data. */
export async function GET() {
  const health = await checkHealth(prisma);
  if (health.status === 'ok') return NextResponse.json(health, { headers: { 'cache-control': 'no-store' } });
  return NextResponse.json(health, { status: 503, headers: { 'cache-control': 'no-store', 'retry-after': String(DB_RETRY_AFTER_SECONDS) } });
}
