import Link from '@/components/ui/link';

// No page calls unauthorized() (signed-out visitors are redirected to sign in), but Next.js puts
// the 401 fallback into every page's payload; its built-in one carries inline styles, this is smaller.
export default function Unauthorized() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <p className="text-sm font-semibold text-slate-600">401 · Sign-in required</p>
      <h1 className="mt-2 text-2xl font-semibold">Sign in to open this page</h1>
      <Link href="/signin" className="mt-6 inline-block">Sign in</Link>
    </main>
  );
}
