import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound, redirect } from 'next/navigation';
import type { CompareChartData } from '@/components/compare/compare-chart';
import { LazyCompareChart } from '@/components/compare/compare-chart-lazy';
import { CompareForm } from '@/components/compare/compare-form';
import { CompareTable } from '@/components/compare/compare-table';
import { CompareVerdicts } from '@/components/compare/compare-verdict';
import { languageMetrics, LanguageTable } from '@/components/compare/language-table';
import { StatusBadge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { fmtDate, scenarioLabel } from '@/components/versions/format';
import { ImpactTable } from '@/components/versions/impact-table';
import { VersionTags } from '@/components/versions/tags';
import { requirePageActor } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { pageSearchParams } from '@/lib/http/page-params';
import { contextFor } from '@/lib/context';
import { CompareQuerySchema, MAX_COMPARE } from '@/lib/contracts/compare';
import { compareVersions, listCompareChoices, modelIdsOf, type CompareMetric, type VersionComparison } from '@/lib/queries/version-compare';
import { ModelId } from '@/components/ui/model-id';

export const metadata: Metadata = { title: 'Compare versions' };
export const dynamic = 'force-dynamic';

/** The scenario rows (all languages) of one metric; per-language rows have their own table. */
const scenarioRows = (m: CompareMetric): CompareMetric => ({ ...m, rows: m.rows.filter((r) => r.language === '') });

function chartData(c: VersionComparison, m: CompareMetric): CompareChartData {
  return {
    metric: m.name,
    direction: m.direction === 'lower_is_better' ? 'lower is better' : 'higher is better',
    series: c.versions.map((v, i) => ({ key: `s${i}`, label: c.labels[i], title: v.modelId })),
    rows: m.rows.map((r) => Object.fromEntries([['scenario', scenarioLabel(r.scenario)], ...r.cells.map((cell, i) => [`s${i}`, cell.value])])),
  };
}

const list = (raw: string | string[] | undefined) => (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((s) => s.split(',')).map((s) => s.trim());
const compareUrl = (refs: string[]) => `/compare${refs.length ? `?${refs.map((r) => `v=${encodeURIComponent(r)}`).join('&')}` : ''}`;

// The URL names the versions by model id, one `v` per version, baseline first:
// /compare?v=pib-vg-base-diffusion-1.1.0-20230328&v=pib-vg-base-diffusion-1.2.3-20230615
// Old links (?ids=<id>,<id>) are redirected to it; so is the form's submission with empty slots.
export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = contextFor(await requirePageActor('read:registry'));
  const params = await pageSearchParams(searchParams);
  if (params.ids !== undefined) {
    const refs = [...list(params.v), ...list(params.ids)].filter(Boolean);
    redirect(compareUrl(await modelIdsOf(ctx, refs)));
  }
  const rawV = list(params.v);
  const given = rawV.filter(Boolean);
  if (given.length !== rawV.length) redirect(compareUrl(given));
  // The API's parameter schema; the page shows its complaint instead of answering 400.
  const parsed = CompareQuerySchema.safeParse({ ids: given });
  const refs = parsed.success ? parsed.data.ids : given;
  let comparison: VersionComparison | null = null;
  let problem: string | null = null;
  if (given.length > MAX_COMPARE) problem = `Choose at most ${MAX_COMPARE} versions (got ${given.length}).`;
  else if (given.length === 1) problem = 'Choose at least one more version to compare with.';
  else if (parsed.success) {
    try {
      comparison = await compareVersions(ctx, refs);
    } catch (e) {
      if (isAppError(e) && e.code === 'not_found') notFound();
      if (isAppError(e) && e.code === 'validation_failed') problem = e.message;
      else throw e;
    }
  } else if (given.length > 0) problem = parsed.error.issues.map((i) => i.message).join('; ');
  const choices = await listCompareChoices(ctx, refs);
  const byLanguage = comparison ? languageMetrics(comparison.metrics) : [];
  const withoutLanguages = comparison ? comparison.labels.filter((_, i) => byLanguage.every((m) => m.rows.every((r) => r.cells[i].value == null))) : [];

  return (
    <>
      <PageHeader title="Compare versions" subtitle="A verdict against the baseline, then values per metric, scenario and language, each change judged by the metric's direction." />
      <CompareForm choices={choices} selected={refs} />
      {problem && (
        <p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{problem}</p>
      )}
      {!comparison ? (
        !problem && <EmptyState>Pick a baseline and at least one more version, then press Compare.</EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-4">
          <CompareVerdicts verdicts={comparison.verdicts} />
          <Card title="Versions">
            <ol className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="compared-versions">
              {comparison.versions.map((v, i) => (
                <li key={v.id} className="min-w-0 rounded border border-slate-200 p-2">
                  <span className="text-xs font-semibold text-slate-600 uppercase">{i === 0 ? 'Baseline' : `Version ${i + 1}`}</span>{' '}
                  <span className="font-semibold">{comparison.labels[i]}</span>
                  <Link href={`/versions/${v.modelId}`} className="block font-mono text-xs break-words"><ModelId id={v.modelId} /></Link>
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
          <Card title="By language">
            <div className={`grid grid-cols-1 gap-4 ${byLanguage.length > 1 ? 'xl:grid-cols-2' : ''}`} data-testid="compare-languages">
              {byLanguage.length === 0 ? (
                <EmptyState>None of these versions has metrics measured per language.</EmptyState>
              ) : (
                byLanguage.map((m) => (
                  <div key={m.key} className="min-w-0">
                    <h3 className="mb-1 text-sm font-semibold text-slate-800">
                      {m.name}{m.unit ? ` (${m.unit})` : ''} <span className="font-normal text-slate-600">· {m.direction === 'lower_is_better' ? 'lower is better' : 'higher is better'}</span>
                    </h3>
                    <LanguageTable metric={m} versions={comparison.versions} labels={comparison.labels} />
                  </div>
                ))
              )}
            </div>
            {byLanguage.length > 0 && (
              <p className="mt-2 text-xs text-slate-600">
                Measured per language: {byLanguage.map((m) => m.name).join(', ')}. Other metrics are recorded for all languages together (the tables below).
                {withoutLanguages.length > 0 && ` No per-language values: ${withoutLanguages.join(', ')}.`}
              </p>
            )}
          </Card>
          {comparison.metrics.map(scenarioRows).filter((m) => m.rows.length > 0).map((m) => (
            <Card key={m.key} title={`${m.name}${m.unit ? ` (${m.unit})` : ''} · ${m.direction === 'lower_is_better' ? 'lower is better' : 'higher is better'}`}>
              <div className="grid grid-cols-1 gap-4 xl:grid-cols-2" data-testid={`compare-metric-${m.key}`}>
                <CompareTable metric={m} versions={comparison.versions} labels={comparison.labels} />
                <LazyCompareChart data={chartData(comparison, m)} />
              </div>
            </Card>
          ))}
          <Card title="Claimed vs measured impact">
            <div className="grid grid-cols-1 gap-6" data-testid="claimed-vs-measured">
              {comparison.impacts.map((imp, i) => (
                <div key={imp.versionId}>
                  <h3 className="mb-2 text-sm font-semibold text-slate-800">
                    {comparison.labels[i]} <span className="font-mono text-xs font-normal break-words text-slate-600"><ModelId id={imp.modelId} /></span>{' '}
                    <span className="font-normal text-slate-600">
                      {imp.previous ? `vs its previous version ${imp.previous.version}` : '(first version of its component)'}
                    </span>
                  </h3>
                  <ImpactTable impact={imp} label={`${comparison.labels[i]}: claimed vs measured impact (scrolls horizontally)`} />
                </div>
              ))}
            </div>
          </Card>
        </div>
      )}
    </>
  );
}
