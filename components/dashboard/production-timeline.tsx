import Link from '@/components/ui/link';
import { parseModelId } from '@/lib/domain/naming';
import type { ProductionTimeline as Timeline } from '@/lib/queries/production-at';
import { monthTicks } from './time-ticks';
import { ModelId } from '@/components/ui/model-id';

// Which version of each component was in production when, at a glance: one bar per component on
// a shared time axis, one segment per production period labelled with its version number and
// coloured by how it got there; promotions and rollbacks marked where they happened. Server-rendered
// HTML and CSS (no chart library, no client JavaScript).

const DAY = 86_400_000;
export const VIA_LABEL: Record<string, string> = {
  committee: 'committee approval', emergency: 'emergency path', ratification: 'ratification', rollback: 'rollback', transition: 'transition', imported: 'imported, not approved here',
};
const SEGMENT: Record<string, string> = {
  committee: 'bg-emerald-700 text-white', ratification: 'bg-emerald-700 text-white', emergency: 'bg-amber-300 text-amber-950',
  rollback: 'bg-red-700 text-white', transition: 'bg-sky-700 text-white', imported: 'bg-slate-500 text-white',
};
const LEGEND: [string, string][] = [['committee', 'committee approval'], ['emergency', 'emergency path'], ['rollback', 'rollback'], ['transition', 'transition'], ['imported', 'imported history']];
const day = (iso: string) => iso.slice(0, 10);
const versionOf = (modelId: string) => parseModelId(modelId)?.version ?? modelId;

export function ProductionTimeline({ timeline, names = {}, now, marker, markerLabel }: {
  timeline: Timeline[];
  names?: Record<string, string>;
  now: Date;
  /** A chosen date to mark (the production page's "at"). */
  marker?: Date | null;
  markerLabel?: string;
}) {
  const starts = timeline.flatMap((t) => t.periods.map((p) => Date.parse(p.from)));
  if (starts.length === 0) return <p className="text-sm text-slate-600">No version has been in production yet.</p>;
  const lo = Math.min(...starts);
  // The axis ends a month after the last recorded change (or the marker), not at today: years
  // without a change would squeeze the history into a sliver. Open periods run to the axis end.
  const ends = timeline.flatMap((t) => t.periods.flatMap((p) => [Date.parse(p.from), p.to ? Date.parse(p.to) : 0]));
  const hi = Math.min(now.getTime(), Math.max(lo + DAY, ...ends, marker?.getTime() ?? 0) + 30 * DAY);
  const pos = (t: number) => Math.max(0, Math.min(100, ((t - lo) / (hi - lo)) * 100));
  const pct = (t: number) => `${pos(t).toFixed(2)}%`;
  const openEnded = hi < now.getTime();
  return (
    <div data-testid="production-timeline">
      <ul className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Legend">
        {LEGEND.map(([via, label]) => (
          <li key={via} className="flex items-center gap-1"><span className={`inline-block h-3 w-4 rounded-sm ${SEGMENT[via]}`} aria-hidden />{label}</li>
        ))}
        <li className="flex items-center gap-1"><span aria-hidden className="font-bold text-red-700">↺</span>rollback started</li>
      </ul>
      <div className="space-y-3">
        {timeline.map((t) => (
          <section key={t.component} aria-label={`${names[t.component] ?? t.component}: production periods`} className="sm:grid sm:grid-cols-[8rem_minmax(0,1fr)] sm:items-center sm:gap-3">
            <h3 className="mb-1 text-sm font-medium sm:mb-0">{names[t.component] ?? t.component}</h3>
            <div className="relative h-7 rounded bg-slate-100">
              {t.periods.length === 0 && <span className="absolute inset-0 flex items-center px-2 text-xs text-slate-600">never in production</span>}
              {t.periods.map((p, i) => {
                const from = Date.parse(p.from);
                const rolledBack = p.via === 'rollback' && i > 0 ? versionOf(t.periods[i - 1].modelId) : null;
                const to = p.to ? Date.parse(p.to) : hi;
                const width = pos(to) - pos(from);
                // A period too short to hold its label is a plain 3 px mark (its label is in the title and the list below).
                const tiny = width < 1.5;
                const className = `absolute top-0 flex h-7 items-center overflow-hidden ${tiny ? 'px-0' : 'border-r-2 border-white px-1'} text-[11px] leading-none font-medium whitespace-nowrap no-underline hover:no-underline ${SEGMENT[p.via]}`;
                const style = { left: `min(${pct(from)}, calc(100% - 3px))`, width: `max(3px, ${width.toFixed(2)}%)` };
                const title = `${p.modelId}: ${day(p.from)} → ${p.to ? day(p.to) : 'now'} (${VIA_LABEL[p.via]}${rolledBack ? ` of ${rolledBack}` : ''})`;
                const label = `${versionOf(p.modelId)} in production ${day(p.from)} to ${p.to ? day(p.to) : 'now'}, by ${VIA_LABEL[p.via]}${rolledBack ? ` of ${rolledBack}` : ''}`;
                // A label longer than its bar ends in an ellipsis (the whole of it is in the title and the list below).
                const content = !tiny && (
                  <span className="min-w-0 truncate">
                    {p.via === 'rollback' && <span aria-hidden className="mr-0.5 font-bold">↺</span>}
                    {versionOf(p.modelId)}
                    {rolledBack && <span className="ml-1 font-normal">(rolled back {rolledBack})</span>}
                  </span>
                );
                // A link needs a 24 px target (WCAG 2.2 target size) clear of its neighbours: a
                // period under 7 % of the axis (24 px of a phone's ~350 px bar) is a mark, not a
                // link; the list below links every period's version (the equivalent control).
                if (width < 7) {
                  return (
                    <span key={`${p.modelId}-${p.from}`} role="img" className={className} style={style} title={title} aria-label={label} data-testid="production-period">
                      {content}
                    </span>
                  );
                }
                return (
                  <Link key={`${p.modelId}-${p.from}`} href={`/versions/${p.modelId}`} className={`${className} hover:brightness-110`} style={style} title={title} aria-label={label} data-testid="production-period">
                    {content}
                  </Link>
                );
              })}
              {marker && marker.getTime() >= lo && marker.getTime() <= hi && (
                <div className="pointer-events-none absolute -top-1 h-9 w-0.5 bg-slate-900" style={{ left: pct(marker.getTime()) }} aria-hidden />
              )}
            </div>
          </section>
        ))}
      </div>
      <div className="relative mt-1 h-5 text-[11px] text-slate-600 sm:ml-[8.75rem]" aria-hidden>
        {monthTicks(lo, hi).map((k) => (
          <span key={k.t} className="absolute -translate-x-1/2 border-l border-slate-300 pl-0.5 whitespace-nowrap first:translate-x-0" style={{ left: pct(k.t) }}>
            {/* On a phone a month is ~35 px wide: "Feb 2023" ran into "Mar". The years are in the range line below. */}
            {k.label.split(' ')[0]}
            {k.label.includes(' ') && <span className="max-sm:hidden"> {k.label.split(' ')[1]}</span>}
          </span>
        ))}
      </div>
      <details className="mt-2 text-xs text-slate-700">
        <summary className="cursor-pointer text-slate-800">Every period as a list</summary>
        <ul className="mt-1 space-y-0.5" data-testid="production-periods-list">
          {timeline.flatMap((t) =>
            t.periods.map((p) => (
              <li key={`${p.modelId}-${p.from}-l`}>
                {names[t.component] ?? t.component}: <Link href={`/versions/${p.modelId}`} className="font-mono break-words"><ModelId id={p.modelId} /></Link> {day(p.from)} → {p.to ? day(p.to) : 'now'} ({VIA_LABEL[p.via]})
              </li>
            )),
          )}
        </ul>
      </details>
      <p className="mt-1 text-xs text-slate-600">
        {day(new Date(lo).toISOString())} → {openEnded ? `${day(new Date(hi).toISOString())} (nothing changed after that; the last bars run on to now)` : 'now'}
        {marker && markerLabel ? ` · the black line marks ${markerLabel}` : ''}
      </p>
    </div>
  );
}
