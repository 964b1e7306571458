'use client';

import dynamic from 'next/dynamic';
import { WhenVisible } from '@/components/ui/when-visible';
import type { HistoryChartPoint } from './metric-history-chart';

// Recharts (~400 KB of JavaScript) loads only when the chart scrolls into view (decision 018).
const Chart = dynamic(() => import('./metric-history-chart').then((m) => m.MetricHistoryChart), { ssr: false });

export function LazyMetricHistoryChart(props: { points: HistoryChartPoint[]; label: string; highlight?: string }) {
  return (
    <WhenVisible className="h-56 w-full">
      <Chart {...props} />
    </WhenVisible>
  );
}
