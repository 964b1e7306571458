import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CompareChart, type CompareChartData } from '@/components/compare/compare-chart';
import { CompareForm } from '@/components/compare/compare-form';
import { CompareTable } from '@/components/compare/compare-table';
import { StatusBadge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { fmtDate, languageLabel, scenarioLabel } from '@/components/versions/format';
import { ImpactTable } from '@/components/versions/impact-table';
import { VersionTags } from '@/components/versions/tags';
import { requirePageActor } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { pageSearchParams } from '@/lib/http/page-params';
import { contextFor } from '@/lib/context';
import { CompareQuerySchema, MAX_COMPARE } from '@/lib/contracts/compare';
import { compareVersions, listCompareChoices, type VersionComparison } from '@/lib/queries/version-compare';

export const metadata: Metadata = { title: 'Compare versions' };
export const dynamic = 'force-dynamic';

function chartData(c: VersionComparison, m: VersionComparison['metrics'][number]): CompareChartData {
  return {
    metric: m.name,
    direction: m.direction === 'lower_is_better' ? 'lower is better' : 'higher is better',
    series: c.versions.map((v, i) => ({ key: `s${i}`, label: v.modelId })),
    rows: m.rows.map((r) => Object.fromEntries([['scenario', r.language ? `${scenarioLabel(r.scenario)} · ${languageLabel(r.language)}` : scenarioLabel(r.scenario)], ...r.cells.map((cell, i) => [`s${i}`, cell.value])])),
  };
}

export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = contextFor(await requirePageActor('read:registry'));
  // The API's parameter schema; the page shows its complaint instead of answering 400.
  const raw = (await pageSearchParams(searchParams)).ids;
  const parsed = CompareQuerySchema.safeParse({ ids: raw });
  const given = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const ids = parsed.success ? parsed.data.ids : given;
  let comparison: VersionComparison | null = null;
  let problem: string | null = null;
  if (given.length > MAX_COMPARE) problem = `Choose at most ${MAX_COMPARE} versions (got ${given.length}).`;
  else if (given.length === 1) problem = 'Choose at least one more version to compare with.';
  else if (parsed.success) {
    try {
      comparison = await compareVersions(ctx, ids);
    } catch (e) {
      if (isAppError(e) && e.code === 'not_found') notFound();
      if (isAppError(e) && e.code === 'validation_failed') problem = e.message;
      else throw e;
    }
  } else if (given.length > 0) problem = parsed.error.issues.map((i) => i.message).join('; ');
  const choices = await listCompareChoices(ctx, ids);

  return (
    <>
      <PageHeader title="Compare versions" subtitle="Values per metric, scenario and language, with the change against the baseline judged by each metric's direction." />
      <CompareForm choices={choices} selected={ids} />
      {problem && (
        <p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{problem}</p>
      )}
      {!comparison ? (
        !problem && <EmptyState>Pick a baseline and at least one more version, then press Compare.</EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-4">
          <Card title="Versions">
            <ol className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="compared-versions">
              {comparison.versions.map((v, i) => (
                <li key={v.id} className="min-w-0 rounded border border-slate-200 p-2">
                  <span className="text-xs font-semibold text-slate-600 uppercase">{i === 0 ? 'Baseline' : `Version ${i + 1}`}</span>
                  <Link href={`/versions/${v.modelId}`} className="block font-mono text-xs break-all">{v.modelId}</Link>
                  <span className="mt-1 flex flex-wrap items-center gap-1">
                    <StatusBadge status={v.status} />
                    <span className="text-xs text-slate-600">released {fmtDate(v.releaseDate)}</span>
                    <VersionTags tags={v.tags} />
                  </span>
                </li>
              ))}
            </ol>
          </Card>
          {comparison.metrics.length === 0 && <EmptyState>None of these versions has metrics yet.</EmptyState>}
          {comparison.metrics.map((m) => (
            <Card key={m.key} title={`${m.name}${m.unit ? ` (${m.unit})` : ''} · ${m.direction === 'lower_is_better' ? 'lower is better' : 'higher is better'}`}>
              <div className="grid grid-cols-1 gap-4 xl:grid-cols-2" data-testid={`compare-metric-${m.key}`}>
                <CompareTable metric={m} versions={comparison.versions} />
                <CompareChart data={chartData(comparison, m)} />
              </div>
            </Card>
          ))}
          <Card title="Claimed vs measured impact">
            <div className="grid grid-cols-1 gap-6" data-testid="claimed-vs-measured">
              {comparison.impacts.map((imp) => (
                <div key={imp.versionId}>
                  <h3 className="mb-2 text-sm font-semibold text-slate-800">
                    <span className="font-mono break-all">{imp.modelId}</span>{' '}
                    <span className="font-normal text-slate-600">
                      {imp.previous ? `vs its previous version ${imp.previous.version}` : '(first version of its component)'}
                    </span>
                  </h3>
                  <ImpactTable impact={imp} />
                </div>
              ))}
            </div>
          </Card>
        </div>
      )}
    </>
  );
}
