'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { barAxis } from './bar-axis';

// Colour-blind-safe palette (Okabe–Ito, darkened for contrast on white).
export const SERIES_COLORS = ['#0b5cad', '#c2410c', '#047857', '#a21caf', '#854d0e'];

export type CompareChartData = {
  metric: string;
  direction: string;
  /** label: the short version label ("v1.2.3"); title: the full model id (tooltip). */
  series: { key: string; label: string; title: string }[];
  rows: Record<string, string | number | null>[]; // { scenario, s0, s1, … }
};

/**
 * Grouped bars: one group per scenario, one bar (series) per version. The value axis starts at 0
 * unless the versions' values sit so close together that bars from 0 would hide the differences;
 * then it is cut (bar-axis.ts), and the caption says where it starts.
 */
export function CompareChart({ data }: { data: CompareChartData }) {
  const axis = barAxis(data.rows.map((r) => data.series.map((s) => (typeof r[s.key] === 'number' ? (r[s.key] as number) : null))));
  const axisNote = axis?.cut ? `Value axis starts at ${axis.min}, not 0 (cut to show the differences); compare bar heights, not their ratios.` : 'Value axis starts at 0.';
  return (
    <figure className="h-72 w-full" data-testid="compare-chart" data-axis-cut={axis?.cut ? 'true' : 'false'}>
      <div className="h-60 w-full" role="img" aria-label={`${data.metric} per scenario, one bar per version (${data.series.map((s) => s.label).join(', ')}); ${data.direction}. ${axisNote}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data.rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="scenario" tick={{ fontSize: 10 }} interval={0} angle={-20} textAnchor="end" height={44} />
            <YAxis tick={{ fontSize: 11 }} width={48} domain={axis ? [axis.min, axis.max] : ['auto', 'auto']} ticks={axis?.ticks} allowDataOverflow />
            <Tooltip formatter={(v, name) => [v as number, data.series.find((s) => s.label === name)?.title ?? name]} />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
            {data.series.map((s, i) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={SERIES_COLORS[i % SERIES_COLORS.length]} isAnimationActive={false} maxBarSize={56} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-600" data-testid="compare-chart-axis">
        {axis?.cut ? <><span aria-hidden="true">⚠ </span>{axisNote}</> : axisNote}
      </figcaption>
    </figure>
  );
}
