import { z } from 'zod';
import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import type { ComponentView, MetricDefinitionView, ParameterSetApiRecord } from '../contracts/reference';
import { parameterSetSelect } from '../data/parameter-sets';
import { rowToRecord } from '../domain/parameter-set';
import { PARAMETER_KINDS } from '../validation/parameter-set';

// Reference reads for the REST API: components, metric definitions, parameter sets. Their types
// are the response contracts' (lib/contracts/reference.ts).


export async function listComponents(ctx: ServiceContext): Promise<ComponentView[]> {
  requirePermission(ctx.actor, 'read:registry');
  const db = ctx.db;
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


export async function listMetricDefinitions(ctx: ServiceContext): Promise<MetricDefinitionView[]> {
  requirePermission(ctx.actor, 'read:registry');
  const db = ctx.db;
  return db.metricDefinition.findMany({
    orderBy: { key: 'asc' },
    select: { key: true, name: true, unit: true, direction: true, description: true, minValue: true, maxValue: true },
  });
}

export const ListParameterSetsQuerySchema = z.object({
  kind: z.enum(PARAMETER_KINDS).optional(),
  status: z.enum(['proposed', 'approved', 'rejected']).optional(),
});


export async function listParameterSetRecords(
  ctx: ServiceContext,
  query: z.infer<typeof ListParameterSetsQuerySchema>,
): Promise<ParameterSetApiRecord[]> {
  requirePermission(ctx.actor, 'read:registry');
  const db = ctx.db;
  const rows = await db.parameterSet.findMany({
    where: { ...(query.kind ? { kind: query.kind } : {}), ...(query.status ? { status: query.status } : {}) },
    orderBy: [{ kind: 'asc' }, { effectiveDate: 'asc' }, { parameterId: 'asc' }],
    select: parameterSetSelect,
  });
  return rows.map((r) => ({ ...rowToRecord(r), status: r.status }));
}
