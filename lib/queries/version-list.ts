import type { ServiceContext } from '../context';
import { requirePermission } from '../auth/permissions';
import { STATUSES } from '../domain/lifecycle';
import type { Prisma } from '../generated/prisma/client';
import type { VersionStatus } from '../generated/prisma/enums';
import { DEFAULT_PAGE_SIZE, defaultOrder, MAX_PAGE_SIZE, type ListVersionsParams, type SortOrder, type VersionSort } from '../contracts/version-list';
import { KEY_METRICS, type KeyMetrics } from '../domain/metrics';
import { metricDefinitions, overallValues } from './model-versions';

// The versions table (page and GET /api/v1/versions): filter, search, sort, paginate. Built for
// 10k versions and ~1M metric rows: one page query plus one count; key metrics are read only for
// the page's ids through the (version_id, definition_id, scenario, language) unique index.
// scripts/bench.mts measures it.

export type VersionListItem = {
  id: string;
  modelId: string;
  component: string;
  architecture: string;
  version: string;
  releaseDate: Date;
  status: VersionStatus;
  tags: string[];
  keyMetrics: KeyMetrics;
};

export type VersionList = { items: VersionListItem[]; total: number; page: number; pageSize: number; sort: VersionSort; order: SortOrder };

function listOrderBy(sort: VersionSort, order: SortOrder): Prisma.ModelVersionOrderByWithRelationInput[] {
  const semver: Prisma.ModelVersionOrderByWithRelationInput[] = [{ major: order }, { minor: order }, { patch: order }];
  const tail: Prisma.ModelVersionOrderByWithRelationInput[] = [{ id: 'asc' }]; // stable pages
  switch (sort) {
    case 'version':
      return [...semver, { componentId: 'asc' }, ...tail]; // no join: the tie-break only has to be stable
    case 'modelId':
      return [{ modelId: order }, ...tail];
    case 'component':
      return [{ component: { key: order } }, { major: 'desc' }, { minor: 'desc' }, { patch: 'desc' }, ...tail];
    case 'status':
      // Postgres orders an enum by declaration order: the lifecycle order.
      return [{ status: order }, { releaseDate: 'desc' }, ...tail];
    case 'createdAt':
      return [{ createdAt: order }, ...tail];
    case 'releaseDate':
    default:
      return [{ releaseDate: order }, ...semver, ...tail];
  }
}

function listWhere(p: ListVersionsParams): Prisma.ModelVersionWhereInput {
  const where: Prisma.ModelVersionWhereInput = {};
  if (p.component) where.component = { key: p.component };
  if (p.status) where.status = p.status;
  if (p.tag) where.tags = { has: p.tag };
  const q = p.q?.trim();
  if (q) {
    const or: Prisma.ModelVersionWhereInput[] = [
      { modelId: { contains: q, mode: 'insensitive' } },
      { description: { contains: q, mode: 'insensitive' } },
      { commitMessage: { contains: q, mode: 'insensitive' } },
    ];
    if (/^[0-9a-f]{4,40}$/i.test(q)) or.push({ gitCommit: { startsWith: q.toLowerCase() } });
    where.OR = or;
  }
  return where;
}

/** One page of versions (filter, search, sort) with their overall key metrics. */
export async function listModelVersions(ctx: ServiceContext, params: ListVersionsParams = {}): Promise<VersionList> {
  requirePermission(ctx.actor, 'read:registry');
  const db = ctx.db;
  const sort = params.sort ?? 'releaseDate';
  const order = params.order ?? defaultOrder(sort);
  const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(params.pageSize ?? DEFAULT_PAGE_SIZE)));
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const where = listWhere(params);
  const [rows, total, defs] = await Promise.all([
    db.modelVersion.findMany({
      where,
      orderBy: listOrderBy(sort, order),
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        modelId: true,
        architecture: true,
        version: true,
        releaseDate: true,
        status: true,
        tags: true,
        component: { select: { key: true } },
      },
    }),
    db.modelVersion.count({ where }),
    metricDefinitions(db),
  ]);
  const values = await overallValues(
    db,
    rows.map((r) => r.id),
    defs,
    KEY_METRICS,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      modelId: r.modelId,
      component: r.component.key,
      architecture: r.architecture,
      version: r.version,
      releaseDate: r.releaseDate,
      status: r.status,
      tags: r.tags,
      keyMetrics: (values.get(r.id) ?? {}) as KeyMetrics,
    })),
    total,
    page,
    pageSize,
    sort,
    order,
  };
}

/** Choices for the table's filter form: components, statuses and the tags in use. */
export async function listVersionFilterOptions(ctx: ServiceContext) {
  requirePermission(ctx.actor, 'read:registry');
  const db = ctx.db;
  const [components, tags] = await Promise.all([
    db.component.findMany({ orderBy: { key: 'asc' }, select: { key: true, name: true } }),
    db.$queryRaw<{ tag: string }[]>`SELECT DISTINCT unnest(tags) AS tag FROM model_versions ORDER BY 1 LIMIT 200`,
  ]);
  return { components, statuses: STATUSES, tags: tags.map((t) => t.tag) };
}

