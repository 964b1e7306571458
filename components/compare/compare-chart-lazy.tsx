'use client';

import dynamic from 'next/dynamic';
import { WhenVisible } from '@/components/ui/when-visible';
import type { CompareChartData } from './compare-chart';

// Recharts (~400 KB of JavaScript) loads only when a chart scrolls into view (decision 018).
const Chart = dynamic(() => import('./compare-chart').then((m) => m.CompareChart), { ssr: false });

export function LazyCompareChart({ data }: { data: CompareChartData }) {
  return (
    <WhenVisible className="h-72 w-full">
      <Chart data={data} />
    </WhenVisible>
  );
}
