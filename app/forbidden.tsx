import Link from '@/components/ui/link';

// Outside the app's layout (no page there calls forbidden() today); the pages under (app) get
// app/(app)/forbidden.tsx inside the header. In every page's payload, so small and data-free.
export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <p className="text-sm font-semibold text-red-700">403 · Forbidden</p>
      <h1 className="mt-2 text-2xl font-semibold">Your role may not open this page</h1>
      <p className="mt-2 text-slate-600">Ask an administrator if you need access.</p>
      <Link href="/" className="mt-6 inline-block">Back to the dashboard</Link>
    </main>
  );
}
