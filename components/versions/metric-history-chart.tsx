'use client';

import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { niceAxis } from '@/components/dashboard/time-ticks';

export type HistoryChartPoint = { version: string; modelId: string; releaseDate: string; y: number };

/**
 * One metric across the versions of a component (already downsampled on the server). The y axis
 * is fitted around the values (round bounds), and the caption says when it does not start at 0.
 */
export function MetricHistoryChart({ points, label, highlight }: { points: HistoryChartPoint[]; label: string; highlight?: string }) {
  const current = points.find((p) => p.modelId === highlight);
  const ys = points.map((p) => p.y);
  const axis = niceAxis(Math.min(...ys), Math.max(...ys));
  const cut = axis.min !== 0;
  const note = cut ? `The y axis starts at ${axis.min}, not 0 (cut to show the changes).` : 'The y axis starts at 0.';
  return (
    <figure className="h-56 w-full" data-testid="history-chart" data-axis-cut={cut ? 'true' : 'false'}>
      <div className="h-48 w-full" role="img" aria-label={`${label}. ${note}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="version" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis tick={{ fontSize: 11 }} width={48} domain={[axis.min, axis.max]} ticks={axis.ticks} allowDataOverflow />
            <Tooltip labelFormatter={(v, p) => (p?.[0]?.payload ? `${p[0].payload.version} · ${p[0].payload.releaseDate}` : String(v))} />
            <Line type="linear" dataKey="y" name={label} stroke="var(--color-indigo-700, #4338ca)" strokeWidth={2} dot={points.length <= 60} isAnimationActive={false} />
            {current && <ReferenceDot x={current.version} y={current.y} r={6} fill="#b45309" stroke="#fff" />}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-600" data-testid="history-chart-axis">
        {cut && <span aria-hidden="true">⚠ </span>}
        {note}
      </figcaption>
    </figure>
  );
}
