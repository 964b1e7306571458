import Link from '@/components/ui/link';
import { Card, EmptyState } from '@/components/ui/card';
import type { ServiceContext } from '@/lib/context';
import { historyMetricKeys, metricHistory } from '@/lib/queries/metric-history';
import { KEY_METRICS } from '@/lib/domain/metrics';
import type { VersionCore } from '@/lib/queries/version-core';
import { METRIC_SHORT } from '../format';
import { METRIC_ABBREVIATIONS } from '@/lib/domain/audit-labels';
import { ImpactTable } from '../impact-table';
import { LazyMetricHistoryChart } from '../metric-history-chart-lazy';
import { MetricsMatrix } from '../metrics-matrix';
import { versionMetrics } from './version-data';

/** The metric to chart across the component, from ?history= (a key metric; FVD otherwise). */
export function historyMetricOf(raw: string | string[] | undefined): string {
  return typeof raw === 'string' && (KEY_METRICS as readonly string[]).includes(raw) ? raw : 'fvd';
}

/** Every value by scenario × language, and one key metric across the component's versions. */
export async function MetricsSection({ ctx, v, historyMetric }: { ctx: ServiceContext; v: VersionCore; historyMetric: string }) {
  // Offer only the key metrics this component has a line for; an asked-for metric it lacks falls back to the first it has.
  const offered = await historyMetricKeys(ctx, v.component.key, KEY_METRICS);
  const shown = offered.includes(historyMetric) ? historyMetric : (offered[0] ?? historyMetric);
  const [metrics, history] = await Promise.all([versionMetrics(ctx, v), metricHistory(ctx, v.component.key, shown, '', 200)]);
  const missing = KEY_METRICS.filter((k) => !offered.includes(k));
  return (
    <Card title="Metrics by scenario">
      <div id="metrics">
        {metrics.groups.length ? <MetricsMatrix groups={metrics.groups} /> : <EmptyState>No metrics uploaded yet.</EmptyState>}
        {history && history.points.length > 1 && (
          <div className="mt-6">
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-sm font-semibold text-slate-800">
                {history.metric.name} across {v.component.name} versions{' '}
                <span className="font-normal text-slate-600">
                  ({history.metric.direction === 'lower_is_better' ? 'lower is better' : 'higher is better'}; {history.downsampled ? `${history.points.length} of ${history.total} points` : `${history.total} versions`})
                </span>
              </h3>
              <ul className="flex flex-wrap gap-2 text-sm" aria-label="History metric">
                {offered.map((k) => (
                  <li key={k}>
                    <Link href={`?history=${k}#metrics`} aria-current={k === shown ? 'true' : undefined} className={`inline-flex min-h-6 min-w-6 items-center justify-center ${k === shown ? 'font-semibold text-slate-900' : ''}`}>
                      {METRIC_ABBREVIATIONS[METRIC_SHORT[k]] ? <abbr title={METRIC_ABBREVIATIONS[METRIC_SHORT[k]]} className="no-underline">{METRIC_SHORT[k]}</abbr> : METRIC_SHORT[k]}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
            {missing.length > 0 && (
              <p className="mb-1 text-xs text-slate-600" data-testid="history-missing">
                Not offered: {missing.map((k) => METRIC_SHORT[k]).join(', ')} — fewer than two {v.component.name} versions have a value for {missing.length === 1 ? 'it' : 'them'}.
              </p>
            )}
            <LazyMetricHistoryChart
              points={history.points.map((p) => ({ version: p.version, modelId: p.modelId, releaseDate: p.releaseDate, y: p.y }))}
              label={`${history.metric.name} across ${v.component.name} versions; this version highlighted`}
              highlight={v.modelId}
            />
          </div>
        )}
      </div>
    </Card>
  );
}

/** Measured change against the previous version beside the commit message's claim. */
export async function ImpactSection({ ctx, v }: { ctx: ServiceContext; v: VersionCore }) {
  const { impact } = await versionMetrics(ctx, v);
  return (
    <Card title={v.previous ? `Impact vs previous version ${v.previous.version}` : 'Impact'}>
      <div id="impact">
        {!v.previous && <p className="mb-2 text-sm text-slate-600">This is the first version of {v.component.name}: nothing to measure the claim against.</p>}
        <ImpactTable impact={impact} caption="Measured change of the overall metrics against the previous version by semantic version, beside the claim in the commit message." />
      </div>
    </Card>
  );
}
