import Link from 'next/link';
import { StatusBadge } from '@/components/ui/badge';
import { defaultOrder, type ListVersionsParams, type VersionSort } from '@/lib/contracts/version-list';
import type { VersionList } from '@/lib/queries/version-list';
import { fmtDate, fmtValue } from './format';
import { versionsUrl } from './list-url';
import { VersionTags } from './tags';

const COLUMNS: { key: VersionSort | null; label: string; className?: string }[] = [
  { key: 'modelId', label: 'Model id' },
  { key: 'component', label: 'Component' },
  { key: 'version', label: 'Version' },
  { key: 'releaseDate', label: 'Released' },
  { key: 'status', label: 'Status' },
];

const METRIC_COLUMNS = [
  { key: 'fvd', label: 'FVD', title: 'Fréchet Video Distance, lower is better' },
  { key: 'is', label: 'IS', title: 'Inception Score, higher is better' },
  { key: 'temporal_coherence', label: 'TC', title: 'Temporal coherence, higher is better' },
  { key: 'generation_time', label: 'Gen s/frame', title: 'Generation time in seconds per frame, lower is better' },
] as const;

function SortHeader({ col, params, list }: { col: (typeof COLUMNS)[number]; params: ListVersionsParams; list: VersionList }) {
  if (!col.key) return <th scope="col" className="px-3 py-2 font-semibold">{col.label}</th>;
  const active = list.sort === col.key;
  const nextOrder = active ? (list.order === 'asc' ? 'desc' : 'asc') : defaultOrder(col.key);
  return (
    <th scope="col" className="px-3 py-2 font-semibold" aria-sort={active ? (list.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <Link href={versionsUrl(params, { sort: col.key, order: nextOrder, page: 1 })} className="inline-flex items-center gap-1 text-slate-700 no-underline hover:text-indigo-800 hover:underline">
        {col.label}
        <span aria-hidden="true" className={active ? 'text-indigo-700' : 'text-slate-400'}>
          {active ? (list.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        <span className="sr-only">{active ? `, sorted ${list.order === 'asc' ? 'ascending' : 'descending'}; ` : ', '}sort {nextOrder === 'asc' ? 'ascending' : 'descending'}</span>
      </Link>
    </th>
  );
}

/** Phones: one card per version (the table needs ~900px). */
function VersionCards({ list }: { list: VersionList }) {
  return (
    <ul className="space-y-3 sm:hidden" data-testid="versions-cards">
      {list.items.map((v) => (
        <li key={v.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
          <Link href={`/versions/${v.modelId}`} className="font-mono text-sm break-all">{v.modelId}</Link>
          <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <StatusBadge status={v.status} />
            <span>{v.component} {v.version}</span>
            <span className="tabular-nums">{fmtDate(v.releaseDate)}</span>
            <VersionTags tags={v.tags} />
          </div>
          <dl className="mt-2 grid grid-cols-4 gap-2 text-xs">
            {METRIC_COLUMNS.map((m) => (
              <div key={m.key}>
                <dt className="text-slate-600"><abbr title={m.title} className="no-underline">{m.label}</abbr></dt>
                <dd className="font-medium tabular-nums">{fmtValue(v.keyMetrics[m.key])}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** The versions table (sm and up; scrolls sideways if it must), and cards on phones. */
export function VersionsTable({ list, params }: { list: VersionList; params: ListVersionsParams }) {
  return (
    <>
    <VersionCards list={list} />
    <div className="relative hidden overflow-x-auto rounded-lg sm:block border border-slate-200 bg-white shadow-sm" tabIndex={0} role="region" aria-label="Model versions table (scrolls horizontally)">
      <table className="w-full min-w-[56rem] text-sm" data-testid="versions-table">
        <thead className="bg-slate-50 text-left text-xs text-slate-700 uppercase">
          <tr>
            {COLUMNS.map((c) => (
              <SortHeader key={c.label} col={c} params={params} list={list} />
            ))}
            {METRIC_COLUMNS.map((m) => (
              <th key={m.key} scope="col" className="px-3 py-2 text-right font-semibold" title={m.title}>
                <abbr title={m.title} className="no-underline">{m.label}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.items.map((v) => (
            <tr key={v.id} className="hover:bg-slate-50">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <Link href={`/versions/${v.modelId}`} className="font-mono text-xs break-all">{v.modelId}</Link>
                {v.tags.length > 0 && <div className="mt-1"><VersionTags tags={v.tags} /></div>}
              </th>
              <td className="px-3 py-2">{v.component}</td>
              <td className="px-3 py-2 font-mono tabular-nums">{v.version}</td>
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">{fmtDate(v.releaseDate)}</td>
              <td className="px-3 py-2"><StatusBadge status={v.status} /></td>
              {METRIC_COLUMNS.map((m) => (
                <td key={m.key} className="px-3 py-2 text-right tabular-nums">{fmtValue(v.keyMetrics[m.key])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}
