// Month-start ticks for the dashboard's time axes (the production timeline and the FVD chart).

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Month starts inside [lo, hi], every 1, 3 or 12 months (whichever keeps about 8 or fewer); the first tick and each January carry the year. */
export function monthTicks(lo: number, hi: number): { t: number; label: string }[] {
  const months = (hi - lo) / (30.4 * DAY);
  const step = months <= 8 ? 1 : months <= 24 ? 3 : 12;
  const d = new Date(lo);
  let y = d.getUTCFullYear();
  let m = Math.ceil((d.getUTCMonth() + (d.getUTCDate() > 1 || d.getUTCHours() > 0 ? 1 : 0)) / step) * step;
  const out: { t: number; label: string }[] = [];
  for (;;) {
    y += Math.floor(m / 12);
    m %= 12;
    const t = Date.UTC(y, m, 1);
    if (t > hi) break;
    out.push({ t, label: m === 0 || out.length === 0 ? `${MONTHS[m]} ${y}` : MONTHS[m] });
    m += step;
  }
  return out;
}

/** A "nice" axis from lo to hi: round bounds and about four equal steps (so the axis starts where the caption says). */
export function niceAxis(lo: number, hi: number): { min: number; max: number; ticks: number[] } {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const min = Math.floor((lo - span * 0.1) / step) * step;
  const max = Math.ceil((hi + span * 0.1) / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { min: lo >= 0 ? Math.max(0, min) : min, max, ticks: lo >= 0 ? ticks.filter((t) => t >= 0) : ticks };
}
