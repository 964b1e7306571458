import Link from '@/components/ui/link';
import { VotePanel } from '@/components/approvals/vote-panel';
import type { FormAction } from '@/components/ui/action-form';
import { Tag } from '@/components/ui/badge';
import { RowHeader, Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { fmtDate, fmtDateTime } from '@/components/versions/format';
import type { ParameterChangeVerdict } from '@/lib/domain/parameter-diff';
import type { ParameterSetReview } from '@/lib/queries/parameter-set-review';

// One parameter set as the committee reviews it: its values, the change against the approved set
// before it (judged by lib/domain/parameter-diff.ts: colour, sign and words), the evidence it
// cites, the votes with their comments, and the vote. Facts from lib/queries/parameter-set-review.ts.

const VERDICT: Record<ParameterChangeVerdict, { cls: string; mark: string; word: string }> = {
  better: { cls: 'text-emerald-800', mark: '✓', word: 'better' },
  worse: { cls: 'text-red-800', mark: '✗', word: 'worse' },
  same: { cls: 'text-slate-700', mark: '=', word: 'unchanged' },
  changed: { cls: 'text-slate-800', mark: '→', word: 'changed' },
};

const KIND_LABEL: Record<string, string> = { lambda: 'λ', training: 'training', inference: 'inference' };

export function ParameterSetCard({ s, voteAction, framed = false }: { s: ParameterSetReview; voteAction: FormAction; /** A card of its own (the approvals page), not a row of a kind's history. */ framed?: boolean }) {
  const decided = s.status !== 'proposed';
  return (
    <li className={`min-w-0 rounded border border-slate-200 p-3 ${framed ? 'bg-white p-4 shadow-sm' : ''}`} data-testid="parameter-set" id={s.parameterId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="min-w-0 font-mono text-sm font-semibold break-all">{framed ? <Link href={`/parameters#${s.parameterId}`}>{s.parameterId}</Link> : s.parameterId}</h3>
        <span className="flex flex-wrap gap-1">
          {s.active && <Tag tone="indigo">active</Tag>}
          <Tag tone={s.status === 'approved' ? 'slate' : s.status === 'rejected' ? 'red' : 'amber'}>{s.status === 'proposed' ? 'waiting for the committee' : s.status}</Tag>
          {s.imported && <Tag tone="amber">imported · approval not recorded here</Tag>}
        </span>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-slate-600">Effective</dt>
        <dd>{fmtDate(s.effectiveDate)}</dd>
        {s.baseNoiseLambda !== null && (<><dt className="text-slate-600">Base noise λ</dt><dd className="tabular-nums">{s.baseNoiseLambda}</dd></>)}
        {s.residualNoiseLambda !== null && (<><dt className="text-slate-600">Residual noise λ</dt><dd className="tabular-nums">{s.residualNoiseLambda}</dd></>)}
        {s.proposedBy && (<><dt className="text-slate-600">Proposed by</dt><dd>{s.proposedBy}</dd></>)}
        {s.approvedBy && (<><dt className="text-slate-600">Approved by</dt><dd>{s.approvedBy}{s.approvedAt ? ` on ${fmtDateTime(s.approvedAt)}` : ''}</dd></>)}
      </dl>
      {s.notes && <p className="mt-1 text-sm text-slate-700">{s.notes}</p>}

      {s.changes.length > 0 && (
        <>
          <h4 className="mt-3 text-sm font-semibold text-slate-800">
            Changes since <span className="font-mono font-normal break-all">{s.comparedWith}</span>
          </h4>
          <Table bleed={false} frameClassName="mt-1" className="table-fixed" label={`Changes in ${s.parameterId} since ${s.comparedWith}`} caption={`Changes since ${s.comparedWith}`} testId="parameter-diff">
            <THead>
              <Th className="w-[38%]">Field</Th>
              <Th className="w-[24%]">Before</Th>
              <Th>After</Th>
            </THead>
            <TBody>
              {s.changes.map((c) => {
                const v = VERDICT[c.verdict];
                return (
                  <tr key={c.field} data-verdict={c.verdict}>
                    <RowHeader className="font-medium break-words hyphens-auto">{c.label}</RowHeader>
                    <Td className="text-slate-700 break-words hyphens-auto">{c.before}</Td>
                    <Td className="break-words hyphens-auto">
                      <span className={`font-medium ${v.cls}`}>{c.after}</span>
                      <span className={`block text-xs ${v.cls}`}><span aria-hidden="true">{v.mark} </span>{v.word}{c.note ? `: ${c.note}` : ''}</span>
                    </Td>
                  </tr>
                );
              })}
            </TBody>
          </Table>
        </>
      )}
      {s.changes.length === 0 && s.comparedWith && <p className="mt-2 text-xs text-slate-600">Same values as {s.comparedWith}.</p>}
      {!s.comparedWith && <p className="mt-2 text-xs text-slate-600">The first approved {KIND_LABEL[s.kind] ?? s.kind} set: nothing to compare with.</p>}

      {(s.evidence.performance.length > 0 || s.evidence.testedScenarios.length > 0) && (
        <div className="mt-3 text-sm" data-testid="parameter-evidence">
          <h4 className="font-semibold text-slate-800">Evidence cited</h4>
          {s.evidence.performance.length > 0 && (
            <p className="mt-0.5">
              {s.evidence.performance.map((p) => `${p.label} ${p.value}${p.direction ? (p.direction === 'lower_is_better' ? ' (lower is better)' : ' (higher is better)') : ''}`).join(' · ')}
            </p>
          )}
          <p className="mt-0.5">
            Tested scenarios: {s.evidence.testedScenarios.length ? s.evidence.testedScenarios.map((x) => x.replace(/_/g, ' ')).join(', ') : 'none'}
          </p>
        </div>
      )}

      {(s.status === 'proposed' || s.votes.length > 0) && (
        <div className="mt-3 text-sm">
          <p className="text-slate-700" data-testid="parameter-quorum">
            {s.approvals} of {s.quorum} approvals{s.rejections ? ` · ${s.rejections} rejected` : ''}{decided ? ` · ${s.status}` : ''}
          </p>
          {s.votes.length > 0 && (
            <ul className="mt-1 space-y-0.5" data-testid="parameter-votes">
              {s.votes.map((v, i) => (
                <li key={i}>
                  <span className={v.decision === 'approve' ? 'text-emerald-800' : 'text-red-800'}>{v.decision === 'approve' ? '✓ approved' : '✗ rejected'}</span> by {v.voter}{v.mine ? ' (you)' : ''}
                  {v.comment && <span className="text-slate-700"> — “{v.comment}”</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {(s.canVote || s.myVote) && (
        <VotePanel
          action={voteAction}
          hidden={{ parameterSetId: s.id }}
          subject={`parameter set ${s.parameterId}`}
          confirmLabel="Reject parameter set"
          canVote={s.canVote}
          myVote={s.myVote}
          testId="parameter-vote-form"
        />
      )}
    </li>
  );
}
