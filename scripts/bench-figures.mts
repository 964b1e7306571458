// The one table of `npm run bench`: every figure beside the baseline it is compared with, measured
// in the same run (the machine is shared, so absolute figures drift; ratios within a run hold).
// Producers of figures register here; scripts/bench.mts runs them and prints/writes the table.
// A producer of its own (scripts/bench-import.mts, scripts/bench-lighthouse.mts) exports
// `producer: FigureProducer` and bench.mts picks it up when the file exists.
import os from 'node:os';

export type Figure = {
  /** What is measured, e.g. "GET /api/v1/versions?limit=25 (c10) req/s". */
  figure: string;
  /** Where: "@10k", "@100k", "1 vs 2 instances" … */
  phase: string;
  value: number;
  unit: string;
  /** The same-run figure this one is compared with, and its value. */
  baseline: string;
  baselineValue: number;
  /** value / baselineValue (or baselineValue / value when lower is better and the goal says so). */
  ratio: number;
  goal?: string;
  ok?: boolean;
};

export type BenchContext = {
  /** postgresql:// URL of the server (no database): producers create their own databases. */
  serverUrl: string;
  args: string[];
  arg: (name: string, dflt: string) => string;
  keep: boolean;
  log: (m: string) => void;
};

export type FigureProducer = { name: string; run: (ctx: BenchContext) => Promise<Figure[]> };

export function figure(f: Omit<Figure, 'ratio'> & { ratio?: number }): Figure {
  return { ...f, ratio: f.ratio ?? (f.baselineValue ? f.value / f.baselineValue : NaN) };
}

const num = (v: number, unit: string) => (Number.isFinite(v) ? `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${unit}` : '—');

/** Markdown table of the figures. */
export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [f.figure, f.phase, num(f.value, f.unit), `${f.baseline}: ${num(f.baselineValue, f.unit)}`, Number.isFinite(f.ratio) ? `${f.ratio.toFixed(2)}×` : '—', f.goal ?? '', f.ok === undefined ? '' : f.ok ? 'yes' : 'NO']);
  const head = ['figure', 'phase', 'value', 'baseline (same run)', 'ratio', 'goal', 'met'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(width[i]) : c.padEnd(width[i]))).join(' | ')} |`;
  return [line(head), `|${width.map((w, i) => (i >= 2 && i <= 4 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The machine's state while measuring (load average from `uptime`). */
export function machine(): { cpus: number; loadavg: number[]; node: string } {
  return { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100), node: process.version };
}
