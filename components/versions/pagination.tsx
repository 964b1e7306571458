import Link from '@/components/ui/link';
import type { ListVersionsParams } from '@/lib/contracts/version-list';
import type { VersionList } from '@/lib/queries/version-list';
import { versionsUrl } from './list-url';

const linkClass = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 no-underline hover:bg-slate-50 hover:no-underline';
const disabledClass = 'rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-500';

export function Pagination({ list, params }: { list: VersionList; params: ListVersionsParams }) {
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const from = list.total === 0 ? 0 : (list.page - 1) * list.pageSize + 1;
  const to = Math.min(list.total, list.page * list.pageSize);
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-700" aria-live="polite">
        {from}–{to} of {list.total} versions · page {list.page} of {pages}
      </p>
      <ul className="flex gap-2">
        <li>
          {list.page > 1 ? <Link className={linkClass} href={versionsUrl(params, { page: 1 })}>First</Link> : <span className={disabledClass} aria-disabled="true">First</span>}
        </li>
        <li>
          {list.page > 1 ? <Link className={linkClass} rel="prev" href={versionsUrl(params, { page: list.page - 1 })}>Previous</Link> : <span className={disabledClass} aria-disabled="true">Previous</span>}
        </li>
        <li>
          {list.page < pages ? <Link className={linkClass} rel="next" href={versionsUrl(params, { page: list.page + 1 })}>Next</Link> : <span className={disabledClass} aria-disabled="true">Next</span>}
        </li>
      </ul>
    </nav>
  );
}
