import Link from '@/components/ui/link';

// Outside the app's layout: reached only by notFound() in a page of its own (e.g. /setup once an
// admin exists). Addresses no page matches get app/(app)/not-found.tsx, inside the app's header.
// Next.js puts this fallback into the payload of every page, so it is kept small and asks for no data.
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <p className="text-sm font-semibold text-slate-600">404 · Not found</p>
      <h1 className="mt-2 text-2xl font-semibold">There is nothing here</h1>
      <p className="mt-2 text-slate-700">The address may be mistyped, or the page was moved.</p>
      <Link href="/" className="mt-6 inline-block">Back to the dashboard</Link>
    </main>
  );
}
