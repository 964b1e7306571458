import type { ListVersionsParams } from '@/lib/contracts/version-list';

/** The /versions URL for these params with some changed (defaults left out to keep URLs short). */
export function versionsUrl(params: ListVersionsParams, change: Partial<ListVersionsParams> = {}): string {
  const p = { ...params, ...change };
  const sp = new URLSearchParams();
  if (p.q) sp.set('q', p.q);
  if (p.component) sp.set('component', p.component);
  if (p.status) sp.set('status', p.status);
  if (p.tag) sp.set('tag', p.tag);
  if (p.sort && p.sort !== 'releaseDate') sp.set('sort', p.sort);
  if (p.order) sp.set('order', p.order);
  if (p.page && p.page > 1) sp.set('page', String(p.page));
  if (p.pageSize && p.pageSize !== 25) sp.set('pageSize', String(p.pageSize));
  const s = sp.toString();
  return s ? `/versions?${s}` : '/versions';
}
