'use client';

import Link from '@/components/ui/link';
import { usePathname } from 'next/navigation';

export type NavItem = { href: string; label: string };

/** The link for `pathname`: `/` only on itself, any other on itself and the pages under it. */
export function isActive(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The main navigation's links, the current page's marked with aria-current="page" (issue 10 item 13).
 * `layout="bar"`: one row in the header (wide screens); `"sheet"`: a column in the phone menu.
 */
export function NavLinkList({ items, layout, onNavigate }: { items: NavItem[]; layout: 'bar' | 'sheet'; onNavigate?: () => void }) {
  const pathname = usePathname();
  const bar = layout === 'bar';
  return (
    <ul className={bar ? 'flex items-center gap-0.5 text-sm' : 'flex flex-col gap-1 text-base'}>
      {items.map((l) => {
        const active = isActive(l.href, pathname);
        return (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={active ? 'page' : undefined}
              onClick={onNavigate}
              className={
                bar
                  ? `block rounded px-2 py-1 whitespace-nowrap no-underline hover:bg-chrome-raised hover:text-chrome-text hover:no-underline focus-visible:outline-chrome-focus ${active ? 'bg-chrome-raised font-medium text-chrome-text shadow-[inset_0_-2px_0_var(--color-chrome-focus)]' : 'text-chrome-muted'}`
                  : `block rounded-md px-3 py-2 no-underline hover:bg-slate-100 hover:no-underline ${active ? 'bg-indigo-50 font-semibold text-indigo-800' : 'text-slate-800'}`
              }
            >
              {l.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
