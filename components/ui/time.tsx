'use client';

import { useEffect, useRef } from 'react';

type Style = 'datetime' | 'date';

/** "2023-06-15 14:03 UTC" (or "2023-06-15"): what the server renders, and the tooltip after. */
export function utcText(d: Date, style: Style = 'datetime'): string {
  const iso = d.toISOString();
  return style === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** The same instant in the viewer's time zone and language: "15 Jun 2023, 16:03 CEST". */
export function localText(d: Date, style: Style = 'datetime', locale?: string, timeZone?: string): string {
  return formatter(style, locale, timeZone).format(d);
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (~2 ms each on a
// throttled phone: 18 times on /approvals were 150 ms of main thread), so each is built once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: Style, locale?: string, timeZone?: string): Intl.DateTimeFormat {
  const key = `${style}|${locale ?? ''}|${timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      style === 'date'
        ? { year: 'numeric', month: 'short', day: 'numeric', timeZone }
        : { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short', timeZone };
    f = new Intl.DateTimeFormat(locale, opts);
    formatters.set(key, f);
  }
  return f;
}

// Local text is written in slices of a few milliseconds after hydrating, not all in one task:
// formatting a hundred times (the audit log) held the main thread for ~140 ms on a throttled phone.
type Pending = { el: HTMLElement; iso: string; style: Style; done: boolean };
const queue: Pending[] = [];
let scheduled = false;
function localizeSoon(p: Pending) {
  queue.push(p);
  if (!scheduled) {
    scheduled = true;
    setTimeout(flush, 0);
  }
}
function flush() {
  const until = performance.now() + 8;
  while (queue.length && performance.now() < until) {
    const p = queue.shift()!;
    if (p.done) continue;
    p.el.textContent = localText(new Date(p.iso), p.style);
    p.el.setAttribute('data-local', '');
  }
  if (queue.length) setTimeout(flush, 0);
  else scheduled = false;
}

/**
 * An instant shown in the viewer's local time, with UTC in its tooltip (issue 10 item 10).
 * The server does not know the viewer's time zone, so it renders UTC (and hydration sees the same
 * text); right after, an effect writes the local text and `data-local` into the element itself.
 * No React state: a second render of every <Time> after hydrating was a long task on pages with a
 * hundred of them (the audit log). React never re-renders the text unless `value` or `style`
 * change, and then the effect runs again. `style="date"` for day-level facts.
 */
export function Time({ value, style = 'datetime', className }: { value: Date | string | null | undefined; style?: Style; className?: string }) {
  const ref = useRef<HTMLTimeElement>(null);
  const date = value == null ? null : typeof value === 'string' ? new Date(value) : value;
  const valid = date !== null && !Number.isNaN(date.getTime());
  const iso = valid ? date.toISOString() : null;
  useEffect(() => {
    const el = ref.current;
    if (!el || iso === null) return;
    const pending: Pending = { el, iso, style, done: false };
    localizeSoon(pending);
    return () => {
      pending.done = true;
    };
  }, [iso, style]);
  if (!valid) return <span className={className}>—</span>;
  return (
    <time ref={ref} dateTime={iso!} title={utcText(date, 'datetime')} className={className}>
      {utcText(date, style)}
    </time>
  );
}
