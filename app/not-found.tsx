import Link from '@/components/ui/link';
import { AppNav } from '@/components/nav/app-nav';
import { getSessionActor } from '@/lib/auth/session';

// With the app header (issue 10 item 13): a person who followed a dead link keeps the navigation.
export default async function NotFound() {
  const actor = await getSessionActor().catch(() => null);
  return (
    <>
      <AppNav actor={actor} />
      <main id="main" className="mx-auto max-w-xl px-4 py-16">
        <p className="text-sm font-semibold text-slate-600">404 · Not found</p>
        <h1 className="mt-2 text-2xl font-semibold">There is nothing here</h1>
        <p className="mt-2 text-slate-700">The address may be mistyped, or the page was moved.</p>
        <Link href="/" className="mt-6 inline-block">Back to the dashboard</Link>
      </main>
    </>
  );
}
