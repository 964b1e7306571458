import Link from '@/components/ui/link';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import type { ListVersionsParams } from '@/lib/contracts/version-list';

const SORT_LABELS = [
  ['releaseDate', 'Release date'],
  ['version', 'Version (semver)'],
  ['modelId', 'Model id'],
  ['component', 'Component'],
  ['status', 'Status'],
  ['createdAt', 'Registered'],
] as const;

type Options = { components: { key: string; name: string }[]; statuses: readonly string[]; tags: string[] };

/** A plain GET form: filtering and searching work without JavaScript. */
export function VersionsFilterForm({ params, options }: { params: ListVersionsParams; options: Options }) {
  return (
    <form method="get" action="/versions" role="search" aria-label="Filter versions" className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-6">
      <div className="sm:col-span-2">
        <label htmlFor="f-q" className={labelClass}>Search</label>
        <input id="f-q" name="q" type="search" defaultValue={params.q ?? ''} placeholder="model id, description or commit" className={`${inputClass} mt-1`} />
      </div>
      <div>
        <label htmlFor="f-component" className={labelClass}>Component</label>
        <select id="f-component" name="component" defaultValue={params.component ?? ''} className={`${inputClass} mt-1`}>
          <option value="">All components</option>
          {options.components.map((c) => (
            <option key={c.key} value={c.key}>{c.name} ({c.key})</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-status" className={labelClass}>Status</label>
        <select id="f-status" name="status" defaultValue={params.status ?? ''} className={`${inputClass} mt-1`}>
          <option value="">All statuses</option>
          {options.statuses.map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-tag" className={labelClass}>Tag</label>
        <select id="f-tag" name="tag" defaultValue={params.tag ?? ''} className={`${inputClass} mt-1`}>
          <option value="">Any tag</option>
          {options.tags.map((t) => (
            <option key={t} value={t}>{t}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-sort" className={labelClass}>Sort by</label>
        <select id="f-sort" name="sort" defaultValue={params.sort ?? 'releaseDate'} className={`${inputClass} mt-1`}>
          {SORT_LABELS.map(([k, label]) => (
            <option key={k} value={k}>{label}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-order" className={labelClass}>Order</label>
        <select id="f-order" name="order" defaultValue={params.order ?? ''} className={`${inputClass} mt-1`}>
          <option value="">Default</option>
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </div>
      {params.pageSize && params.pageSize !== 25 && <input type="hidden" name="pageSize" value={params.pageSize} />}
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
        <button type="submit" className={buttonClass.primary}>Apply</button>
        <Link href="/versions" className={`${buttonClass.secondary} no-underline hover:no-underline`}>Reset</Link>
      </div>
    </form>
  );
}
