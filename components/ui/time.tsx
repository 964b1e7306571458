type Style = 'datetime' | 'date';

/** "2023-06-15 14:03 UTC" (or "2023-06-15"): what the server renders, and the tooltip after. */
export function utcText(d: Date, style: Style = 'datetime'): string {
  const iso = d.toISOString();
  return style === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The same instant in the viewer's time zone, in the order the UTC text uses: "2023-06-15 23:03
 * GMT+9" (or "2023-06-15"); a viewer in UTC sees exactly the UTC text. Written with Date's local
 * getters, not Intl.DateTimeFormat: the first Intl date format of a page loads ICU's data, 15–55 ms
 * of main thread here and four times that on a throttled phone (a long task on every page with a
 * time; decision 027). The offset names the zone unambiguously where abbreviations do not (CST).
 */
export function localText(d: Date, style: Style = 'datetime'): string {
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  if (style === 'date') return date;
  const east = -d.getTimezoneOffset();
  const abs = Math.abs(east);
  const zone = east === 0 ? 'UTC' : `GMT${east < 0 ? '-' : '+'}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())} ${zone}`;
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
