import type { ServiceContext } from '../context';
import { readRows } from '../db';
import { requirePermission } from '../auth/permissions';
import { STATUSES } from '../domain/lifecycle';
import type { VersionStatus } from '../generated/prisma/enums';
import { DEFAULT_PAGE_SIZE, defaultOrder, MAX_PAGE_SIZE, type ListVersionsParams, type SortOrder, type VersionSort } from '../contracts/version-list';
import { KEY_METRICS, type KeyMetrics } from '../domain/metrics';
import { listSql, type ListRow } from './version-list-sql';

// The versions table (page and GET /api/v1/versions): filter, search, sort, paginate. Built for
// 100k versions and ~10M metric rows: one statement (lib/queries/version-list-sql.ts) returns the
// page, the filter's total, and the page's key metrics read through the metrics' unique index
// (version_id, definition_id, scenario, language). scripts/bench.mts measures it.

export type VersionListItem = {
  id: string;
  modelId: string;
  component: string;
  architecture: string;
  version: string;
  /** The calendar day of the release, YYYY-MM-DD (a date, not an instant: no Date object per row). */
  releaseDate: string;
  status: VersionStatus;
  tags: string[];
  keyMetrics: KeyMetrics;
};

export type VersionList = { items: VersionListItem[]; total: number; page: number; pageSize: number; sort: VersionSort; order: SortOrder };

/** One page of versions (filter, search, sort) with their overall key metrics: one SQL statement. */
export async function listModelVersions(ctx: ServiceContext, params: ListVersionsParams = {}): Promise<VersionList> {
  requirePermission(ctx.actor, 'read:registry');
  const sort = params.sort ?? 'releaseDate';
  const order = params.order ?? defaultOrder(sort);
  const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(params.pageSize ?? DEFAULT_PAGE_SIZE)));
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const [row] = await readRows<ListRow>(ctx.db, listSql(params, sort, order, page, pageSize, KEY_METRICS));
  return {
    items: (row.items ?? []).map((r) => ({
      id: r.id,
      modelId: r.modelId,
      component: r.component,
      architecture: r.architecture,
      version: r.version,
      releaseDate: r.releaseDate.slice(0, 10),
      status: r.status as VersionStatus,
      tags: r.tags,
      keyMetrics: (r.keyMetrics ?? {}) as KeyMetrics,
    })),
    total: row.total,
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

