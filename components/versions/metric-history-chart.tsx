'use client';

import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type HistoryChartPoint = { version: string; modelId: string; releaseDate: string; y: number };

/** One metric across the versions of a component (already downsampled on the server). */
export function MetricHistoryChart({ points, label, highlight }: { points: HistoryChartPoint[]; label: string; highlight?: string }) {
  const current = points.find((p) => p.modelId === highlight);
  return (
    <div className="h-56 w-full" role="img" aria-label={label} data-testid="history-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="version" tick={{ fontSize: 11 }} minTickGap={16} />
          <YAxis tick={{ fontSize: 11 }} width={48} domain={['auto', 'auto']} />
          <Tooltip labelFormatter={(v, p) => (p?.[0]?.payload ? `${p[0].payload.version} · ${p[0].payload.releaseDate}` : String(v))} />
          <Line type="linear" dataKey="y" name={label} stroke="#4338ca" strokeWidth={2} dot={points.length <= 60} isAnimationActive={false} />
          {current && <ReferenceDot x={current.version} y={current.y} r={6} fill="#b45309" stroke="#fff" />}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
