import type { Db, Tx } from '../db';
import { parseIsoDate } from '../domain/naming';
import { validationFailed } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { ParameterKindName } from '../validation/parameter-set';

// Parameter-set reads shared by services and queries.

export const parameterSetSelect = {
  id: true, parameterId: true, kind: true, values: true, baseNoiseLambda: true, residualNoiseLambda: true,
  effectiveDate: true, status: true, approvedBy: true, approvedAt: true, performanceMetrics: true,
  testedScenarios: true, notes: true, quorum: true, proposedById: true, createdAt: true,
} as const satisfies Prisma.ParameterSetSelect;

export type ParameterSetRow = Prisma.ParameterSetGetPayload<{ select: typeof parameterSetSelect }>;


/** The set in force on a date (default: today by the caller's clock): the latest approved set whose effective date is on or before it. */
export async function getActiveParameterSet(
  ctx: { db: Db | Tx; now: () => Date },
  kind: ParameterKindName,
  date?: Date | string,
): Promise<ParameterSetRow | null> {
  const d = date === undefined ? ctx.now() : typeof date === 'string' ? parseIsoDate(date) : date;
  if (!d) throw validationFailed('Invalid date', { date: ['must be a real date as YYYY-MM-DD'] });
  return ctx.db.parameterSet.findFirst({
    where: { kind, status: 'approved', effectiveDate: { lte: d } },
    orderBy: [{ effectiveDate: 'desc' }, { createdAt: 'desc' }],
    select: parameterSetSelect,
  });
}
