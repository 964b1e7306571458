// Number and date formatting shared by the versions, version and compare pages.

export function fmtValue(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
  const digits = a < 1 ? 3 : a < 100 ? 2 : 1;
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(v);
}

/** Signed percentage with a real minus sign: +3.2 %, −15.0 %. */
export function fmtPct(p: number | null | undefined, digits = 1): string {
  if (p == null || !Number.isFinite(p)) return '—';
  const s = Math.abs(p).toFixed(digits);
  if (Number(s) === 0) return `±${s}%`;
  return `${p > 0 ? '+' : '−'}${s}%`;
}

export function fmtSigned(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '—';
  if (v === 0) return '±0';
  return `${v > 0 ? '+' : '−'}${fmtValue(Math.abs(v))}`;
}

export function fmtDate(d: Date | string | null | undefined): string {
  if (!d) return '—';
  const date = typeof d === 'string' ? new Date(d) : d;
  return date.toISOString().slice(0, 10);
}

export function fmtDateTime(d: Date | string | null | undefined): string {
  if (!d) return '—';
  const date = typeof d === 'string' ? new Date(d) : d;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function fmtBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export const scenarioLabel = (s: string) => (s === '' ? 'overall' : s.replace(/_/g, ' '));
export const languageLabel = (l: string) => (l === '' ? 'all languages' : l);

export const METRIC_SHORT: Record<string, string> = { fvd: 'FVD', is: 'IS', temporal_coherence: 'TC', generation_time: 'Gen time' };
