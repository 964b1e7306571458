'use client';

import dynamic from 'next/dynamic';
import { WhenVisible } from '@/components/ui/when-visible';
import type { TrendSeries } from './fvd-trend-chart';

// Recharts (~400 KB of JavaScript) loads only when the chart scrolls into view (decision 018).
const Chart = dynamic(() => import('./fvd-trend-chart').then((m) => m.FvdTrendChart), { ssr: false });

/** The box keeps about the chart's height (h-56), its legend's and its caption's, so little shifts. */
export function LazyFvdTrendChart({ series }: { series: TrendSeries[] }) {
  return (
    <WhenVisible className="min-h-[16.5rem] w-full">
      <Chart series={series} />
    </WhenVisible>
  );
}
