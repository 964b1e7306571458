'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Where a click on `<a data-link>` (components/ui/link.tsx) should go client-side, or null when the
 * browser should handle it: another button or a modifier key (new tab, download), a target other
 * than this tab, a download, another origin, or a jump within the page (only the hash changes).
 */
export function clientNavigationTarget(
  event: Pick<MouseEvent, 'button' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'defaultPrevented'>,
  anchor: Pick<HTMLAnchorElement, 'href' | 'getAttribute' | 'hasAttribute'>,
  location: Pick<Location, 'href' | 'origin'>,
): string | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const target = anchor.getAttribute('target');
  if ((target && target !== '_self') || anchor.hasAttribute('download')) return null;
  let url: URL;
  try {
    url = new URL(anchor.href, location.href);
  } catch {
    return null;
  }
  if (url.origin !== location.origin) return null;
  const here = new URL(location.href);
  if (url.hash && url.pathname === here.pathname && url.search === here.search) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * One click listener for every app link (decision 027): it does what next/link does on a click —
 * push the route in a transition and scroll to the top — without a client component per link. It listens on the document in the bubbling phase, so a
 * link's own onClick (the phone menu closing itself) runs first and may cancel the navigation.
 */
export function LinkNavigation() {
  const router = useRouter();
  useEffect(() => {
    function onClick(event: MouseEvent) {
      const anchor = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-link]') : null;
      if (!anchor) return;
      const to = clientNavigationTarget(event, anchor, window.location);
      if (to === null) return;
      event.preventDefault();
      router.push(to);
    }
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [router]);
  return null;
}
