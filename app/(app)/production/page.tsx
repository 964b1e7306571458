import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { RowHeader, Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { getProductionAt, getProductionTimeline, ProductionAtQuerySchema } from '@/lib/queries/production-at';
import { Time } from '@/components/ui/time';
import { ModelId } from '@/components/ui/model-id';

export const metadata: Metadata = { title: 'Production at a date' };
export const dynamic = 'force-dynamic';

const VIA: Record<string, string> = {
  committee: 'committee approval', emergency: 'emergency path', ratification: 'ratification', rollback: 'rollback', transition: 'transition', imported: 'imported, not approved here',
};
const BAR: Record<string, string> = { committee: 'bg-emerald-600', emergency: 'bg-amber-500', rollback: 'bg-red-500', imported: 'bg-slate-400', transition: 'bg-sky-600', ratification: 'bg-emerald-600' };

export default async function ProductionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('read:registry');
  const ctx = contextFor(actor);
  const raw = (await searchParams).at;
  const given = typeof raw === 'string' && raw !== '' ? raw : ctx.now().toISOString().slice(0, 10);
  const parsed = ProductionAtQuerySchema.safeParse({ at: given });
  const error = parsed.success ? null : `at: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
  const [answer, timeline] = await Promise.all([parsed.success ? getProductionAt(ctx, parsed.data.at) : null, getProductionTimeline(ctx)]);
  const starts = timeline.flatMap((t) => t.periods.map((p) => Date.parse(p.from)));
  const lo = starts.length ? Math.min(...starts) : ctx.now().getTime();
  // The axis ends a month after the last recorded change (or the chosen date), not at today:
  // years without a change would squeeze the history into a sliver.
  const ends = timeline.flatMap((t) => t.periods.flatMap((p) => [Date.parse(p.from), p.to ? Date.parse(p.to) : 0]));
  const hi = Math.min(ctx.now().getTime(), Math.max(lo + 1, ...ends, parsed.success ? parsed.data.at.getTime() : 0) + 30 * 86_400_000);
  const pct = (t: number) => `${(((t - lo) / (hi - lo)) * 100).toFixed(2)}%`;
  const marker = parsed.success ? parsed.data.at.getTime() : null;
  return (
    <>
      <PageHeader title="Production at a date" subtitle="Which version of each component was in production, since when and how it got there — from the recorded history (transitions, emergency promotions, rollbacks and their traffic steps, imported history)." />
      <Card className="mb-4">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="at" className={labelClass}>Date (UTC, end of day)</label>
            <input id="at" name="at" type="date" defaultValue={given.slice(0, 10)} className={`mt-1 ${inputClass}`} aria-invalid={error ? true : undefined} aria-describedby={error ? 'at-error' : undefined} />
          </div>
          <button type="submit" className={buttonClass.secondary}>Show</button>
          {error && <p id="at-error" role="alert" className="text-sm text-red-800">{error}</p>}
        </form>
      </Card>
      {answer && (
        <Card className="mb-4">
          <h2 className="mb-2 text-base font-semibold">In production at {answer.at.replace('T', ' ').slice(0, 19)} UTC</h2>
          <Table label="Production versions at the chosen date" minWidth="min-w-[40rem]" testId="production-at">
            <THead><Th>Component</Th><Th>Version</Th><Th>Since</Th><Th>How</Th></THead>
            <TBody>
              {answer.components.map((c) => (
                <tr key={c.component}>
                  <RowHeader dense>{c.component}</RowHeader>
                  <Td dense className="font-mono text-xs break-words">{c.modelId ? <Link href={`/versions/${c.modelId}`}><ModelId id={c.modelId} /></Link> : <span className="text-slate-500">none</span>}</Td>
                  <Td dense className="whitespace-nowrap">{c.since ? <Time value={c.since} /> : '—'}</Td>
                  <Td dense>
                    {c.via ? VIA[c.via] : '—'}
                    {c.traffic && <span className="block text-xs text-amber-800">rollback in progress: {c.traffic.map((t) => `${t.modelId} ${t.percent}%`).join(' · ')}</span>}
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
      <Card>
        <h2 className="mb-2 text-base font-semibold">Production timeline</h2>
        <p className="mb-3 text-xs text-slate-600">{new Date(lo).toISOString().slice(0, 10)} → {new Date(hi).toISOString().slice(0, 10)}. Colour: committee (green), emergency (amber), rollback (red), imported (grey). The line marks the chosen date.</p>
        <div className="space-y-4" data-testid="production-timeline">
          {timeline.map((t) => (
            <section key={t.component} aria-label={`${t.component} production periods`}>
              <h3 className="text-sm font-medium">{t.component}</h3>
              <div className="relative mt-1 h-6 rounded bg-slate-100">
                {t.periods.map((p) => (
                  <div key={`${p.modelId}-${p.from}`} className={`absolute top-0 h-6 border-r border-white ${BAR[p.via]}`} style={{ left: pct(Date.parse(p.from)), width: `max(2px, calc(${pct(p.to ? Date.parse(p.to) : hi)} - ${pct(Date.parse(p.from))}))` }} title={`${p.modelId}: ${p.from.slice(0, 10)} → ${p.to?.slice(0, 10) ?? 'now'} (${VIA[p.via]})`} />
                ))}
                {marker !== null && marker >= lo && marker <= hi && <div className="absolute -top-1 h-8 w-0.5 bg-slate-900" style={{ left: pct(marker) }} aria-hidden />}
              </div>
              <ol className="mt-1 text-xs text-slate-700">
                {t.periods.length === 0 && <li>never in production</li>}
                {t.periods.map((p) => (
                  <li key={`${p.modelId}-${p.from}-l`}><span className="font-mono">{p.modelId}</span>: {p.from.slice(0, 10)} → {p.to ? p.to.slice(0, 10) : 'now'} ({VIA[p.via]})</li>
                ))}
              </ol>
            </section>
          ))}
        </div>
      </Card>
    </>
  );
}
