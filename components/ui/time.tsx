type Style = 'datetime' | 'date';

/** "2023-06-15 14:03 UTC" (or "2023-06-15"): what the server renders, and the tooltip after. */
export function utcText(d: Date, style: Style = 'datetime'): string {
  const iso = d.toISOString();
  return style === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (~2 ms each on a
// throttled phone: 18 times on /approvals were 150 ms of main thread), so each is built once.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The same instant in the viewer's time zone and language: "15 Jun 2023, 16:03 CEST". */
export function localText(d: Date, style: Style = 'datetime', locale?: string, timeZone?: string): string {
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
  return f.format(d);
}

/**
 * An instant shown in the viewer's local time, with UTC in its tooltip (issue 10 item 10).
 * The server does not know the viewer's time zone, so it renders UTC; `LocalTimes`
 * (components/ui/local-times.tsx, one client component in the root layout) then writes the local
 * text into every `<time data-localize>` of the document, and `data-local` once it has. This is no
 * client component (decision 027): a page with a hundred of them (the audit log) hydrated a hundred.
 * `suppressHydrationWarning`: hydration may meet the local text (a streamed part of the page can be
 * localized before React hydrates it), which is the same instant and no mismatch to repair.
 * `style="date"` for day-level facts.
 */
export function Time({ value, style = 'datetime', className }: { value: Date | string | null | undefined; style?: Style; className?: string }) {
  const date = value == null ? null : typeof value === 'string' ? new Date(value) : value;
  if (date === null || Number.isNaN(date.getTime())) return <span className={className}>—</span>;
  return (
    <time dateTime={date.toISOString()} title={utcText(date, 'datetime')} data-localize={style} className={className} suppressHydrationWarning>
      {utcText(date, style)}
    </time>
  );
}
