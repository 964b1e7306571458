import Link from '@/components/ui/link';

// A page's requirePageActor() refused the role. The app's layout around it gives the header and
// <main>; like not-found.tsx, this is in every page's payload and stays small.
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl py-10">
      <p className="text-sm font-semibold text-red-700">403 · Forbidden</p>
      <h1 className="mt-2 text-2xl font-semibold">Your role may not open this page</h1>
      <p className="mt-2 text-slate-600">Ask an administrator if you need access.</p>
      <Link href="/" className="mt-6 inline-block">Back to the dashboard</Link>
    </div>
  );
}
