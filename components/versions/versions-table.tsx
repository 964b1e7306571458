import Link from '@/components/ui/link';
import { StatusBadge } from '@/components/ui/badge';
import { RowHeader, Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { defaultOrder, type ListVersionsParams, type VersionSort } from '@/lib/contracts/version-list';
import type { VersionList } from '@/lib/queries/version-list';
import { fmtDate, fmtValue } from './format';
import { versionsUrl } from './list-url';
import { VersionTags } from './tags';
import { ModelId } from '@/components/ui/model-id';

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
  if (!col.key) return <Th className="px-3">{col.label}</Th>;
  const active = list.sort === col.key;
  const nextOrder = active ? (list.order === 'asc' ? 'desc' : 'asc') : defaultOrder(col.key);
  return (
    <Th className="px-3" aria-sort={active ? (list.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <Link href={versionsUrl(params, { sort: col.key, order: nextOrder, page: 1 })} className="inline-flex items-center gap-1 text-slate-700 no-underline hover:text-indigo-800 hover:underline">
        {col.label}
        <span aria-hidden="true" className={active ? 'text-indigo-700' : 'text-slate-400'}>
          {active ? (list.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        <span className="sr-only">{active ? `, sorted ${list.order === 'asc' ? 'ascending' : 'descending'}; ` : ', '}sort {nextOrder === 'asc' ? 'ascending' : 'descending'}</span>
      </Link>
    </Th>
  );
}

/** Phones: one card per version (the table needs ~900px). */
function VersionCards({ list }: { list: VersionList }) {
  return (
    <ul className="space-y-3 sm:hidden" data-testid="versions-cards">
      {list.items.map((v) => (
        <li key={v.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
          <Link href={`/versions/${v.modelId}`} className="font-mono text-sm break-words"><ModelId id={v.modelId} /></Link>
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
    <Table bleed={false} minWidth="min-w-[56rem]" frameClassName="hidden rounded-lg border border-slate-200 bg-white shadow-sm sm:block" label="Model versions table (scrolls horizontally)" testId="versions-table">
      <THead className="bg-slate-50">
        {COLUMNS.map((c) => (
          <SortHeader key={c.label} col={c} params={params} list={list} />
        ))}
        {METRIC_COLUMNS.map((m) => (
          <Th key={m.key} align="right" className="px-3" title={m.title}>
            <abbr title={m.title} className="no-underline">{m.label}</abbr>
          </Th>
        ))}
      </THead>
      <TBody>
        {list.items.map((v) => (
          <tr key={v.id} className="hover:bg-slate-50">
            <RowHeader className="px-3 font-normal">
              <Link href={`/versions/${v.modelId}`} className="font-mono text-xs break-words"><ModelId id={v.modelId} /></Link>
              {v.tags.length > 0 && <div className="mt-1"><VersionTags tags={v.tags} /></div>}
            </RowHeader>
            <Td className="px-3">{v.component}</Td>
            <Td className="px-3 font-mono tabular-nums">{v.version}</Td>
            <Td className="px-3 whitespace-nowrap tabular-nums">{fmtDate(v.releaseDate)}</Td>
            <Td className="px-3"><StatusBadge status={v.status} /></Td>
            {METRIC_COLUMNS.map((m) => (
              <Td key={m.key} align="right" className="px-3">{fmtValue(v.keyMetrics[m.key])}</Td>
            ))}
          </tr>
        ))}
      </TBody>
    </Table>
    </>
  );
}
