import Link from '@/components/ui/link';

// Inside the app's layout, which already gives the header and <main> (issue 10 item 13: a person
// who followed a dead link keeps the navigation). Unmatched addresses reach it through
// [...missing]/page.tsx. Next.js puts this fallback into the payload of every page under (app),
// so it stays small: no header of its own, no data.
export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-10">
      <p className="text-sm font-semibold text-slate-600">404 · Not found</p>
      <h1 className="mt-2 text-2xl font-semibold">There is nothing here</h1>
      <p className="mt-2 text-slate-700">The address may be mistyped, or the page was moved.</p>
      <Link href="/" className="mt-6 inline-block">Back to the dashboard</Link>
    </div>
  );
}
