import Link from '@/components/ui/link';
import { Tag } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { FormAction } from '@/components/ui/action-form';
import type { VersionCore } from '@/lib/queries/version-core';
import { BackportForm } from '../backport-form';
import { CopyButton } from '../copy-button';
import { fmtDate } from '../format';
import { BranchKindBadge } from '../tags';
import { ModelId } from '@/components/ui/model-id';

/** Git commit, branch, the hotfix backport, the previous version and the commit message with its claims. */
export function LineageSection({ v, recordBackport }: { v: VersionCore; recordBackport: FormAction }) {
  const none = <span className="text-slate-500">—</span>;
  return (
    <Card title="Lineage">
      <div id="lineage" className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <dl className="grid grid-cols-[6rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
          <dt className="text-slate-600">Commit</dt>
          <dd className="flex min-w-0 flex-wrap items-center gap-2">
            {v.gitCommit ? (
              <>
                <code className="font-mono text-xs break-all" data-testid="git-commit">{v.gitCommit}</code>
                <CopyButton value={v.gitCommit} label="commit hash" />
              </>
            ) : none}
          </dd>
          <dt className="text-slate-600">Branch</dt>
          <dd className="flex min-w-0 flex-wrap items-center gap-2">
            {v.gitBranch ? <code className="font-mono text-xs break-words"><ModelId id={v.gitBranch} /></code> : none}
            <BranchKindBadge kind={v.branchKind} />
          </dd>
          {v.hotfix && (
            <>
              <dt className="text-slate-600">Backport</dt>
              <dd>
                {v.backportCommit ? (
                  <span className="min-w-0 break-words">
                    to develop as <code className="font-mono text-xs break-all">{v.backportCommit}</code> on {fmtDate(v.backportedAt)}
                  </span>
                ) : (
                  <>
                    <Tag tone="amber">backport to develop open</Tag>
                    {v.abilities.recordBackport && <BackportForm versionId={v.id} action={recordBackport} />}
                  </>
                )}
              </dd>
            </>
          )}
          {v.previous && (
            <>
              <dt className="text-slate-600">Previous</dt>
              <dd>
                <Link href={`/versions/${v.previous.modelId}`} className="font-mono text-xs break-words"><ModelId id={v.previous.modelId} /></Link>
              </dd>
            </>
          )}
        </dl>
        <div className="min-w-0">
          <h3 className="mb-1 text-sm font-semibold text-slate-800">Commit message</h3>
          {v.commitMessage ? (
            <>
              <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-800" data-testid="commit-message">{v.commitMessage}</pre>
              {v.commit && (
                <p className="mt-2 text-sm">
                  {v.commit.component && <Tag>{v.commit.component}</Tag>} {v.commit.type && <Tag tone="indigo">{v.commit.type}</Tag>}{' '}
                  <span className="font-medium">Performance impact (claimed):</span>{' '}
                  {v.commit.impacts.length ? v.commit.impacts.map((i) => i.raw).join(', ') : 'none stated'}
                  {v.commit.reviewedBy.length > 0 && <span className="block text-slate-600">Reviewed by {v.commit.reviewedBy.join(', ')}</span>}
                  {v.commit.problems.length > 0 && (
                    <span className="block text-amber-900">Does not follow the commit convention: {v.commit.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}</span>
                  )}
                </p>
              )}
            </>
          ) : (
            <p className="text-sm text-slate-500">No commit message recorded.</p>
          )}
        </div>
      </div>
    </Card>
  );
}
