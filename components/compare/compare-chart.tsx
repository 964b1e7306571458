'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

// Colour-blind-safe palette (Okabe–Ito, darkened for contrast on white).
export const SERIES_COLORS = ['#0b5cad', '#c2410c', '#047857', '#a21caf', '#854d0e'];

export type CompareChartData = {
  metric: string;
  direction: string;
  series: { key: string; label: string }[];
  rows: Record<string, string | number | null>[]; // { scenario, s0, s1, … }
};

/** Grouped bars: one group per scenario, one bar (series) per version. */
export function CompareChart({ data }: { data: CompareChartData }) {
  return (
    <div className="h-72 w-full" role="img" aria-label={`${data.metric} per scenario, one bar per version; ${data.direction}`} data-testid="compare-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="scenario" tick={{ fontSize: 10 }} interval={0} angle={-20} textAnchor="end" height={48} />
          <YAxis tick={{ fontSize: 11 }} width={48} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {data.series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={SERIES_COLORS[i % SERIES_COLORS.length]} isAnimationActive={false} maxBarSize={56} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
