import { z } from 'zod';
import type { VersionList } from '../queries/version-list';
import { isoDateSchema, statusSchema } from './common';

// GET /api/v1/versions and the /versions page: one parameter schema for both (same limits), one
// response schema. The API answers a bad parameter with 400 naming it; the page drops the bad
// parameter and keeps the others (a hand-edited URL never breaks the table).

export const SORT_KEYS = ['releaseDate', 'version', 'modelId', 'component', 'status', 'createdAt'] as const;
export type VersionSort = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE = 100_000;

export const ListVersionsQuerySchema = z.object({
  component: z.string().trim().max(64).optional().describe('component key, e.g. base'),
  status: statusSchema.optional(),
  tag: z.string().trim().max(64).optional(),
  q: z.string().trim().max(200).optional().describe('case-insensitive search in model id, description, commit message; a hex string also matches git commits by prefix'),
  sort: z.enum(SORT_KEYS).default('releaseDate').describe('version sorts numerically by MAJOR.MINOR.PATCH'),
  order: z.enum(['asc', 'desc']).optional().describe('default: desc for dates, asc otherwise'),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type ListVersionsQuery = z.infer<typeof ListVersionsQuerySchema>;
/** What the list read takes: the parsed query, every field optional. */
export type ListVersionsParams = Partial<ListVersionsQuery>;
/** The parsed query with the order filled in (what the page's table and pager link with). */
export type ListVersionsState = ListVersionsQuery & { order: SortOrder };

/** Dates newest first by default; names and versions A→Z / low→high. */
export function defaultOrder(sort: VersionSort): SortOrder {
  return sort === 'releaseDate' || sort === 'createdAt' ? 'desc' : 'asc';
}

type SearchParamValue = string | string[] | undefined;

/** The page's reading of its URL: the same schema, a bad parameter dropped instead of refused. */
export function listParamsFromSearch(sp: Record<string, SearchParamValue>): ListVersionsState {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(ListVersionsQuerySchema.shape)) {
    const v = sp[key];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    if (s) raw[key] = s;
  }
  let r = ListVersionsQuerySchema.safeParse(raw);
  if (!r.success) {
    for (const issue of r.error.issues) delete raw[String(issue.path[0])];
    r = ListVersionsQuerySchema.safeParse(raw);
  }
  const q = r.success ? r.data : ListVersionsQuerySchema.parse({});
  const clean = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== '' && v !== undefined)) as ListVersionsQuery;
  return { ...clean, order: q.order ?? defaultOrder(q.sort) };
}

export const VersionListItemSchema = z.object({
  id: z.string(),
  modelId: z.string(),
  component: z.string(),
  architecture: z.string(),
  version: z.string(),
  releaseDate: isoDateSchema,
  status: statusSchema,
  tags: z.array(z.string()),
  keyMetrics: z.record(z.string(), z.number()),
});

export const VersionPageSchema = z.object({
  items: z.array(VersionListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  sort: z.string(),
  order: z.enum(['asc', 'desc']),
});
export type VersionPageResponse = z.infer<typeof VersionPageSchema>;

/** The list as the API sends it: already in its wire shape (dates as YYYY-MM-DD), so no copy per row. */
export function versionPageResponse(list: VersionList): VersionPageResponse {
  return list;
}
