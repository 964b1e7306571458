import { AppError } from '../errors';

// A calendar quarter in UTC: 2023Q2 = [2023-04-01T00:00Z, 2023-07-01T00:00Z).

export const QUARTER_RE = /^(\d{4})Q([1-4])$/;

export type Quarter = {
  /** "2023Q2" */
  id: string;
  year: number;
  q: 1 | 2 | 3 | 4;
  /** First instant of the quarter (inclusive). */
  start: Date;
  /** First instant after the quarter (exclusive). */
  end: Date;
  /** Last day of the quarter as YYYY-MM-DD (for people). */
  lastDay: string;
};

export function quarterOf(year: number, q: 1 | 2 | 3 | 4): Quarter {
  const start = new Date(Date.UTC(year, (q - 1) * 3, 1));
  const end = new Date(Date.UTC(year, q * 3, 1));
  return { id: `${year}Q${q}`, year, q, start, end, lastDay: new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10) };
}

/** The quarter an instant falls in. */
export function quarterContaining(d: Date): Quarter {
  return quarterOf(d.getUTCFullYear(), (Math.floor(d.getUTCMonth() / 3) + 1) as 1 | 2 | 3 | 4);
}

/**
 * Parse and check a quarter named by a user. Errors name the field `quarter` and say why:
 * not `YYYYQ[1-4]`, or not yet begun at `now` (a report on a quarter that has not started would be
 * empty by construction and look like a clean bill of health). The current quarter is allowed: it
 * reports what happened so far and says so.
 */
export function parseQuarter(raw: unknown, now: Date): Quarter {
  const fail = (why: string) => new AppError('validation_failed', `Invalid quarter: ${why}`, { fieldErrors: { quarter: [why] } });
  if (typeof raw !== 'string' || raw.trim() === '') throw fail('required, as YYYYQ1–YYYYQ4 (e.g. 2023Q2)');
  const m = QUARTER_RE.exec(raw.trim().toUpperCase());
  if (!m) throw fail(`"${raw}" is not a quarter: use YYYYQ1–YYYYQ4 (e.g. 2023Q2)`);
  const year = Number(m[1]);
  if (year < 1970) throw fail(`${raw} is before 1970`);
  const quarter = quarterOf(year, Number(m[2]) as 1 | 2 | 3 | 4);
  if (quarter.start.getTime() > now.getTime()) throw fail(`${quarter.id} is in the future (today is ${now.toISOString().slice(0, 10)})`);
  return quarter;
}

export const inQuarter = (q: Quarter, d: Date | null | undefined): boolean => !!d && d.getTime() >= q.start.getTime() && d.getTime() < q.end.getTime();
