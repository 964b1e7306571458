// Placeholders shown while a section's data streams in (<Suspense fallback>). No page has a
// route-level loading.tsx: a streamed shell painted the page's content only after the framework's
// JavaScript ran (Lighthouse LCP 3.3–4.5 s on the four pages that had one; decision 024).

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
