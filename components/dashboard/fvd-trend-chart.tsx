'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const COLORS = ['#4338ca', '#047857', '#b45309', '#be123c', '#0369a1', '#6d28d9'];

export type TrendPoint = { component: string; version: string; date: string; fvd: number };

/** FVD (lower is better) per component over release dates. */
export function FvdTrendChart({ points }: { points: TrendPoint[] }) {
  const components = [...new Set(points.map((p) => p.component))];
  const dates = [...new Set(points.map((p) => p.date))].sort();
  const rows = dates.map((date) => {
    const row: Record<string, string | number> = { date };
    for (const p of points) if (p.date === date) row[p.component] = p.fvd;
    return row;
  });
  return (
    <div className="h-64 w-full" role="img" aria-label="FVD by component over release dates; lower is better">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="date" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} width={44} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {components.map((c, i) => (
            <Line key={c} type="monotone" dataKey={c} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
