import { Prisma } from '../generated/prisma/client';
import type { ListVersionsParams, SortOrder, VersionSort } from '../contracts/version-list';

// The SQL of the versions list (lib/queries/version-list.ts): one statement answers a page of
// versions with their overall key metrics and the total of the filter (decision record 017).
// Only fragments built here from fixed text and bound parameters reach the database.

const dir = (order: SortOrder) => Prisma.raw(order === 'desc' ? 'DESC' : 'ASC');

/** ORDER BY of the page; every order ends on the id so pages are stable. */
export function listOrderSql(sort: VersionSort, order: SortOrder): Prisma.Sql {
  const o = dir(order);
  const semver = Prisma.sql`v.major ${o}, v.minor ${o}, v.patch ${o}`;
  switch (sort) {
    case 'version':
      return Prisma.sql`${semver}, v.component_id ASC, v.id ASC`; // no join: the tie-break only has to be stable
    case 'modelId':
      return Prisma.sql`v.model_id ${o}, v.id ASC`;
    case 'component':
      return Prisma.sql`c.key ${o}, v.major DESC, v.minor DESC, v.patch DESC, v.id ASC`;
    case 'status':
      // Postgres orders an enum by declaration order: the lifecycle order.
      return Prisma.sql`v.status ${o}, v.release_date DESC, v.id ASC`;
    case 'createdAt':
      return Prisma.sql`v.created_at ${o}, v.id ASC`;
    case 'releaseDate':
    default:
      return Prisma.sql`v.release_date ${o}, ${semver}, v.id ASC`;
  }
}

/** `%text%` for ILIKE with the pattern characters of the text escaped (as Prisma's `contains`). */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** WHERE of the list: component key, status, tag, and the search over model id, description, commit. */
export function listWhereSql(p: ListVersionsParams): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  // Through the key's row, not a join: the filter's count then reads model_versions alone.
  if (p.component) parts.push(Prisma.sql`v.component_id = (SELECT id FROM components WHERE key = ${p.component})`);
  if (p.status) parts.push(Prisma.sql`v.status = ${p.status}::"VersionStatus"`);
  if (p.tag) parts.push(Prisma.sql`v.tags @> ARRAY[${p.tag}]::text[]`);
  const q = p.q?.trim();
  if (q) {
    const like = `%${likeEscape(q)}%`;
    // The model id through its folded trigram index (punctuation joins the trigrams: '1.2' → '1q2'),
    // then the text itself: the folded match only narrows the candidates (migration
    // 20261130151000_model_id_search_fold, decision record 023).
    const or = [
      Prisma.sql`(mgr_search_fold(v.model_id) LIKE mgr_search_fold(${like}) AND v.model_id ILIKE ${like})`,
      Prisma.sql`v.description ILIKE ${like}`,
      Prisma.sql`v.commit_message ILIKE ${like}`,
    ];
    if (/^[0-9a-f]{4,40}$/i.test(q)) or.push(Prisma.sql`v.git_commit LIKE ${`${q.toLowerCase()}%`}`);
    parts.push(Prisma.sql`(${Prisma.join(or, ' OR ')})`);
  }
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, ' AND ')}` : Prisma.empty;
}

export type ListRow = {
  total: number;
  items: { id: string; modelId: string; component: string; architecture: string; version: string; releaseDate: string; status: string; tags: string[]; keyMetrics: Record<string, number> | null }[] | null;
};

/** A search with at most this many matches reads them once for its page and its total. */
export const SEARCH_READ_ONCE = 5000;

/**
 * One row: the filter's total and the page as JSON (in page order), each item with its overall
 * (scenario '' and language '') values of the given metrics through the metrics' unique index.
 * A search with up to `readOnce` matches reads them once (through the trigram indexes) for both
 * the page and the total: otherwise the page walked the release-date index testing the text on
 * every version until 25 matched (3,385 rows of ILIKE for q=needle at 100k, 26–88 ms) while the
 * total read them again. A broader search pays that first read (≤ readOnce + 1 rows) on top.
 */
export function listSql(p: ListVersionsParams, sort: VersionSort, direction: SortOrder, page: number, pageSize: number, keys: readonly string[], readOnce = SEARCH_READ_ONCE): Prisma.Sql {
  const where = listWhereSql(p);
  const order = listOrderSql(sort, direction);
  const items = (pageRel: Prisma.Sql) => Prisma.sql`
           SELECT json_agg(json_build_object(
                      'id', p.id, 'modelId', p.model_id, 'component', p.component, 'architecture', p.architecture,
                      'version', p.version, 'releaseDate', p.release_date, 'status', p.status, 'tags', p.tags,
                      'keyMetrics', (SELECT json_object_agg(d.key, m.value)
                                     FROM metric_definitions d JOIN metrics m ON m.definition_id = d.id
                                     WHERE d.key = ANY(${[...keys]}::text[]) AND m.version_id = p.id AND m.scenario = '' AND m.language = ''))
                    ORDER BY p.n)
            FROM ${pageRel} p`;
  if (p.q?.trim()) {
    // Up to `readOnce` matches are read once (their total counted, their page sorted in
    // memory); past that, the total is counted and the page found in index order, as for any filter.
    const pageOf = (from: Prisma.Sql, filter: Prisma.Sql) => Prisma.sql`
      SELECT v.id, v.model_id, c.key AS component, v.architecture, v.version, v.release_date, v.status, v.tags,
             row_number() OVER (ORDER BY ${order}) AS n
      FROM ${from} JOIN components c ON c.id = v.component_id ${filter}
      ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
    return Prisma.sql`
    WITH hits AS MATERIALIZED (
      SELECT v.id, v.model_id, v.component_id, v.architecture, v.version, v.release_date, v.status, v.tags, v.major, v.minor, v.patch, v.created_at
      FROM model_versions v ${where} LIMIT ${readOnce + 1}
    ), few AS (${pageOf(Prisma.sql`hits v`, Prisma.empty)}),
    many AS (${pageOf(Prisma.sql`model_versions v`, where)})
    SELECT CASE WHEN (SELECT count(*) FROM hits) <= ${readOnce} THEN (SELECT count(*)::int FROM hits)
                ELSE (SELECT count(*)::int FROM model_versions v ${where}) END AS total,
           CASE WHEN (SELECT count(*) FROM hits) <= ${readOnce} THEN (${items(Prisma.sql`few`)})
                ELSE (${items(Prisma.sql`many`)}) END AS items`;
  }
  return Prisma.sql`
    WITH page AS (
      SELECT v.id, v.model_id, c.key AS component, v.architecture, v.version, v.release_date, v.status, v.tags,
             row_number() OVER (ORDER BY ${order}) AS n
      FROM model_versions v JOIN components c ON c.id = v.component_id ${where}
      ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
    )
    SELECT (SELECT count(*)::int FROM model_versions v ${where}) AS total, (${items(Prisma.sql`page`)}) AS items`;
}
