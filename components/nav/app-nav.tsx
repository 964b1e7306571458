import Link from '@/components/ui/link';
import { can, type Actor } from '@/lib/auth/permissions';
import { AccountMenu } from './account-menu';
import { LogoMark } from './logo-mark';
import { MobileNav } from './mobile-nav';
import { NavLinkList } from './nav-link-list';
import { NAV_LINKS } from './nav-links';

/**
 * The app header. From 1280 px the links sit in one row (it must not wrap for an admin's eleven
 * links at 1366 px, so the account lives in a menu); below that they are behind the "Menu" button.
 * The brand shortens to "Registry" on phones, and from 1280 to 1535 px: there an auditor's links
 * (with "Quarterly audits") ran 48 px under the account button at full length. `actor` null: pages
 * outside the signed-in area (404) get the brand and a sign-in link.
 */
export function AppNav({ actor }: { actor: Actor | null }) {
  const items = actor ? NAV_LINKS.filter((l) => can(actor, l.permission)).map(({ href, label }) => ({ href, label })) : [];
  return (
    <header className="bg-chrome text-chrome-text">
      <div className="flex items-center gap-x-4 px-4 py-2.5">
        <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold whitespace-nowrap text-chrome-text no-underline hover:no-underline focus-visible:outline-chrome-focus">
          <LogoMark />
          <span><span className="sr-only sm:not-sr-only xl:sr-only 2xl:not-sr-only">Model Governance </span>Registry</span>
        </Link>
        {actor && (
          <nav aria-label="Main" className="hidden min-w-0 xl:block">
            <NavLinkList items={items} layout="bar" />
          </nav>
        )}
        <div className="ml-auto flex shrink-0 items-center gap-1">
          {actor ? (
            <>
              <MobileNav items={items} />
              <AccountMenu email={actor.label} role={`${actor.role}${actor.senior ? ' (senior)' : ''}`} />
            </>
          ) : (
            <Link href="/signin" className="rounded px-2 py-1 text-sm text-chrome-text no-underline hover:bg-chrome-raised focus-visible:outline-chrome-focus">Sign in</Link>
          )}
        </div>
      </div>
    </header>
  );
}
