import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <p className="text-sm font-semibold text-slate-600">404 · Not found</p>
      <h1 className="mt-2 text-2xl font-semibold">There is nothing here</h1>
      <Link href="/" className="mt-6 inline-block">Back to the dashboard</Link>
    </main>
  );
}
