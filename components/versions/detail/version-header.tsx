import Link from '@/components/ui/link';
import { StatusBadge, Tag } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import type { VersionCore } from '@/lib/queries/version-core';
import { VersionTags } from '../tags';
import { Time } from '@/components/ui/time';
import { ModelId } from '@/components/ui/model-id';

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
      <h1 id="version-title" className="mt-1 font-mono text-lg font-semibold break-words text-slate-900 sm:text-2xl"><ModelId id={v.modelId} /></h1>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <StatusBadge status={v.status} />
        <span className="text-sm text-slate-600">since <Time value={v.statusChangedAt} style="date" /></span>
        <VersionTags tags={v.tags} />
        {v.underMonitoring && <Tag tone="indigo">heightened monitoring until <Time value={v.monitoringUntil} style="date" /></Tag>}
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
          <Link href={`/compare?v=${v.previous.modelId}&v=${v.modelId}`} className={`${buttonClass.primary} text-white no-underline hover:no-underline`}>
            Compare with previous ({v.previous.version})
          </Link>
        )}
        <Link href={`/compare?v=${v.modelId}`} className={`${buttonClass.secondary} no-underline hover:no-underline`}>Compare with…</Link>
        <a href={`/api/v1/versions/${v.id}/model-card`} className={`${buttonClass.secondary} no-underline hover:no-underline`}>Model card (Markdown)</a>
      </div>
      {/* "On this page" (issue 10 item 13): the page is ~4,600 px tall; the links wrap on phones. */}
      <nav aria-label="On this page" className="mt-4 flex items-baseline gap-x-3 text-sm" data-testid="on-this-page">
        <span className="shrink-0 font-medium text-slate-700" aria-hidden="true">On this page:</span>
        <ul className="flex flex-wrap gap-x-3 gap-y-1">
          {SECTIONS.map(([id, label]) => (
            <li key={id}><a href={`#${id}`}>{label}</a></li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
