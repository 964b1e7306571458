import { z } from 'zod';
import type { Actor } from '../auth/permissions';
import { requirePermission } from '../auth/permissions';
import { prisma, type Db } from '../db';
import type { MetricDirection, ParameterSetStatus } from '../generated/prisma/enums';
import { parameterSetSelect } from '../data/parameter-sets';
import { rowToRecord, type ParameterSetRecord } from '../domain/parameter-set';
import { PARAMETER_KINDS } from '../validation/parameter-set';

// Reference reads for the REST API: components, metric definitions, parameter sets.

export type ComponentView = {
  key: string;
  folder: string;
  name: string;
  description: string;
  versionCount: number;
  production: { id: string; modelId: string; version: string } | null;
};

export async function listComponents(actor: Actor, opts: { db?: Db } = {}): Promise<ComponentView[]> {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  const rows = await db.component.findMany({
    orderBy: { key: 'asc' },
    select: {
      key: true,
      folder: true,
      name: true,
      description: true,
      _count: { select: { versions: true } },
      versions: { where: { status: 'production' }, take: 1, select: { id: true, modelId: true, version: true } },
    },
  });
  return rows.map((r) => ({
    key: r.key,
    folder: r.folder,
    name: r.name,
    description: r.description,
    versionCount: r._count.versions,
    production: r.versions[0] ?? null,
  }));
}

export type MetricDefinitionView = { key: string; name: string; unit: string; direction: MetricDirection; description: string; minValue: number | null; maxValue: number | null };

export async function listMetricDefinitions(actor: Actor, opts: { db?: Db } = {}): Promise<MetricDefinitionView[]> {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  return db.metricDefinition.findMany({
    orderBy: { key: 'asc' },
    select: { key: true, name: true, unit: true, direction: true, description: true, minValue: true, maxValue: true },
  });
}

export const ListParameterSetsQuerySchema = z.object({
  kind: z.enum(PARAMETER_KINDS).optional(),
  status: z.enum(['proposed', 'approved', 'rejected']).optional(),
});

/** A parameter set in the seed's record format, plus its registry status. */
export type ParameterSetApiRecord = ParameterSetRecord & { status: ParameterSetStatus };

export async function listParameterSetRecords(
  actor: Actor,
  query: z.infer<typeof ListParameterSetsQuerySchema>,
  opts: { db?: Db } = {},
): Promise<ParameterSetApiRecord[]> {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  const rows = await db.parameterSet.findMany({
    where: { ...(query.kind ? { kind: query.kind } : {}), ...(query.status ? { status: query.status } : {}) },
    orderBy: [{ kind: 'asc' }, { effectiveDate: 'asc' }, { parameterId: 'asc' }],
    select: parameterSetSelect,
  });
  return rows.map((r) => ({ ...rowToRecord(r), status: r.status }));
}
