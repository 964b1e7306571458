'use client';

import { monthTicks, niceAxis } from './time-ticks';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

// The palette's 700 shades (app/globals.css remaps them in dark mode, so the lines stay readable
// on a dark card); the hex is the light value, used where the variable is not emitted.
const COLORS = ['var(--color-indigo-700, #4338ca)', 'var(--color-emerald-700, #047857)', 'var(--color-amber-700, #b45309)', 'var(--color-rose-700, #be123c)', 'var(--color-sky-700, #0369a1)', 'var(--color-violet-700, #6d28d9)'];

export type TrendSeries = { component: string; name: string; points: { version: string; date: string; t: number; fvd: number }[] };

/** Solid lines for the first six components, then dashed ones, so no two share a look. */
const dash = (i: number) => (i < COLORS.length ? undefined : '6 3');
const fmtDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** FVD (lower is better) per component on a time axis: release dates keep their real spacing. */
export function FvdTrendChart({ series }: { series: TrendSeries[] }) {
  const all = series.flatMap((s) => s.points);
  const values = all.map((p) => p.fvd);
  const y = niceAxis(Math.min(...values), Math.max(...values));
  const times = all.map((p) => p.t);
  const x0 = Math.min(...times);
  const x1 = Math.max(...times);
  const xTicks = monthTicks(x0, x1);
  return (
    <figure data-testid="fvd-trend-chart">
      <div className="h-56 w-full" role="img" aria-label={`FVD by component over release dates (time axis); lower is better; y axis starts at ${y.min}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="t" type="number" scale="time" domain={[x0, x1]} ticks={xTicks.map((k) => k.t)} tickFormatter={(t) => xTicks.find((k) => k.t === t)?.label ?? ''} tick={{ fontSize: 11 }} allowDuplicatedCategory={false} padding={{ left: 8, right: 8 }} />
            <YAxis tick={{ fontSize: 11 }} width={40} domain={[y.min, y.max]} ticks={y.ticks} allowDataOverflow />
            <Tooltip labelFormatter={(t) => fmtDay(Number(t))} formatter={(v, name, item) => [`${v} (v${(item?.payload as { version?: string })?.version ?? ''})`, name]} />
            {series.map((s, i) => (
              <Line key={s.component} data={s.points} dataKey="fvd" name={s.name} type="linear" stroke={COLORS[i % COLORS.length]} strokeDasharray={dash(i)} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      {/* The legend is HTML below the chart, not Recharts' (absolutely placed, it grew over the chart and the card above when many components wrapped it at phone width). */}
      <ul className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-slate-800" aria-label="Components">
        {series.map((s, i) => (
          <li key={s.component} className="flex items-center gap-1">
            <svg width="20" height="8" aria-hidden="true"><line x1="0" y1="4" x2="20" y2="4" stroke={COLORS[i % COLORS.length]} strokeWidth="2" strokeDasharray={dash(i)} /></svg>
            {s.name}
          </li>
        ))}
      </ul>
      <figcaption className="mt-1 text-xs text-slate-600">Release dates on a time axis; the y axis starts at {y.min}{y.min === 0 ? '' : ', not 0'}.</figcaption>
    </figure>
  );
}
