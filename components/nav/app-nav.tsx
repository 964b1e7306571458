import Link from 'next/link';
import { can, type Actor } from '@/lib/auth/permissions';
import { NAV_LINKS } from './nav-links';
import { SignOutButton } from './sign-out-button';

export function AppNav({ actor }: { actor: Actor }) {
  const links = NAV_LINKS.filter((l) => can(actor, l.permission));
  return (
    <header className="bg-slate-900 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3">
        <Link href="/" className="font-semibold text-white no-underline hover:no-underline">
          Model Governance Registry
        </Link>
        <nav aria-label="Main" className="order-3 w-full overflow-x-auto sm:order-none sm:w-auto">
          <ul className="flex gap-1 text-sm">
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href} className="block rounded px-2 py-1 whitespace-nowrap text-slate-200 no-underline hover:bg-slate-800 hover:text-white hover:no-underline">
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="text-slate-300" data-testid="whoami">
            <span className="hidden xl:inline">{actor.label} · </span>
            <span className="font-medium text-white">{actor.role}{actor.senior ? ' (senior)' : ''}</span>
          </span>
          <Link href="/account/tokens" className="whitespace-nowrap text-slate-200 no-underline hover:text-white hover:underline">My tokens</Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
