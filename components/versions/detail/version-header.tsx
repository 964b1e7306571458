import Link from 'next/link';
import { StatusBadge, Tag } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import type { VersionCore } from '@/lib/queries/version-core';
import { fmtDate } from '../format';
import { VersionTags } from '../tags';

export const SECTIONS = [
  ['lifecycle', 'Lifecycle'],
  ['overview', 'Overview'],
  ['lineage', 'Lineage'],
  ['metrics', 'Metrics'],
  ['impact', 'Impact'],
  ['timeline', 'Timeline'],
  ['approvals', 'Approvals'],
  ['rai', 'Responsible AI'],
  ['config', 'Config'],
  ['artifacts', 'Artifacts'],
  ['model-card', 'Model card'],
] as const;

/** Title, status, tags, the emergency/critical note, the compare and model-card links, section nav. */
export function VersionHeader({ v }: { v: VersionCore }) {
  const critical = v.tags.includes('critical-issue');
  const emergency = v.tags.includes('emergency');
  return (
    <header className="mb-6">
      <p className="text-sm text-slate-600">
        <Link href="/versions">Versions</Link> <span aria-hidden="true">/</span> {v.component.name}
      </p>
      <h1 id="version-title" className="mt-1 font-mono text-lg font-semibold break-all text-slate-900 sm:text-2xl">{v.modelId}</h1>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <StatusBadge status={v.status} />
        <span className="text-sm text-slate-600">since {fmtDate(v.statusChangedAt)}</span>
        <VersionTags tags={v.tags} />
        {v.underMonitoring && <Tag tone="indigo">heightened monitoring until {fmtDate(v.monitoringUntil)}</Tag>}
      </div>
      {(critical || emergency) && (
        <p role="note" className={`mt-3 rounded-md border p-3 text-sm ${critical ? 'border-red-300 bg-red-50 text-red-900' : 'border-amber-300 bg-amber-50 text-amber-900'}`}>
          {critical
            ? 'Critical issue: this version was rolled back after an incident. See the incidents below.'
            : 'Emergency release: promoted through the expedited hotfix path; committee ratification and the backport to develop are tracked.'}
        </p>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        {v.previous && (
          <Link href={`/compare?ids=${v.previous.id},${v.id}`} className={`${buttonClass.primary} text-white no-underline hover:no-underline`}>
            Compare with previous ({v.previous.version})
          </Link>
        )}
        <Link href={`/compare?ids=${v.id}`} className={`${buttonClass.secondary} no-underline hover:no-underline`}>Compare with…</Link>
        <a href={`/api/v1/versions/${v.id}/model-card`} className={`${buttonClass.secondary} no-underline hover:no-underline`}>Model card (Markdown)</a>
      </div>
      <nav aria-label="Sections of this page" className="relative mt-4 -mx-4 overflow-x-auto px-4">
        <ul className="flex gap-3 text-sm whitespace-nowrap">
          {SECTIONS.map(([id, label]) => (
            <li key={id}><a href={`#${id}`}>{label}</a></li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
