import { NextResponse } from 'next/server';
import { prisma } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability, for load balancers. No authentication, no details. */
export async function GET() {
  try {
    await Promise.race([
      prisma.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer within 3 s')), 3000)),
    ]);
    return NextResponse.json({ status: 'ok', database: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0].slice(0, 200) : 'unknown error';
    return NextResponse.json(
      { status: 'unavailable', database: 'unreachable', reason },
      { status: 503, headers: { 'cache-control': 'no-store' } },
    );
  }
}
