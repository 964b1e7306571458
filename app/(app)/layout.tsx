import { AppNav } from '@/components/nav/app-nav';
import { Toaster } from '@/components/ui/toast';
import { getSessionActor } from '@/lib/auth/session';
import { redirectToSignIn } from '@/lib/auth/signin-redirect';

export const dynamic = 'force-dynamic';

// The layout only decides what to show; every page and action checks its own permission again.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await getSessionActor();
  if (!actor) return redirectToSignIn();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <AppNav actor={actor} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
      <Toaster />
    </>
  );
}
