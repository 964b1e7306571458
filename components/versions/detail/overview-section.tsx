import type { ServiceContext } from '@/lib/context';
import type { VersionCore } from '@/lib/queries/version-core';
import { fmtDate } from '../format';
import { MetadataView } from '../metadata-view';
import { versionTests } from './version-data';

export async function OverviewSection({ ctx, v }: { ctx: ServiceContext; v: VersionCore }) {
  const { latestUnit } = await versionTests(ctx, v);
  const facts: [string, string][] = [
    ['Component', `${v.component.name} (${v.component.key})`],
    ['Architecture', v.architecture],
    ['Version', v.version],
    ['Release date', fmtDate(v.releaseDate)],
    ['Registered', `${fmtDate(v.createdAt)}${v.registeredBy ? ` by ${v.registeredBy.name}` : ''}`],
    ['Unit tests', latestUnit ? `${latestUnit.passed} passed, ${latestUnit.failed} failed (${latestUnit.suite})` : 'none recorded'],
  ];
  return (
    <section id="overview" aria-labelledby="h-overview" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="h-overview" className="mb-3 text-sm font-semibold tracking-wide text-slate-700 uppercase">Overview</h2>
      {v.description && <p className="mb-4 text-slate-800">{v.description}</p>}
      <dl className="mb-6 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
        {facts.map(([k, val]) => (
          <div key={k} className="min-w-0">
            <dt className="text-xs text-slate-600 uppercase">{k}</dt>
            <dd className="font-medium break-words">{val}</dd>
          </div>
        ))}
      </dl>
      <MetadataView metadata={v.metadata} />
    </section>
  );
}
