// Placeholders shown while a section's data streams in (<Suspense fallback>, loading.tsx).

export function SkeletonLines({ lines = 3 }: { lines?: number }) {
  return (
    <div className="animate-pulse space-y-2" aria-hidden="true">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="h-3 rounded bg-slate-200" style={{ width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

/** A card-shaped placeholder with the section's title, so the page does not jump when it loads. */
export function SectionSkeleton({ title, lines = 3 }: { title: string; lines?: number }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={title} aria-busy="true">
      <h2 className="mb-3 text-sm font-semibold tracking-wide text-slate-700 uppercase">{title}</h2>
      <p className="sr-only">Loading {title.toLowerCase()}…</p>
      <SkeletonLines lines={lines} />
    </section>
  );
}

/** The whole page loading (route-level loading.tsx). */
export function PageSkeleton({ title, sections = 3 }: { title: string; sections?: number }) {
  return (
    <div aria-busy="true">
      <div className="mb-6">
        <div className="h-7 w-64 animate-pulse rounded bg-slate-200" aria-hidden="true" />
        <p className="sr-only">Loading {title}…</p>
      </div>
      <div className="grid grid-cols-1 gap-4">
        {Array.from({ length: sections }, (_, i) => (
          <div key={i} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <SkeletonLines lines={4} />
          </div>
        ))}
      </div>
    </div>
  );
}
