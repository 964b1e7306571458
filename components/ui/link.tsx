import type { AnchorHTMLAttributes } from 'react';

/**
 * The app's link: a plain `<a data-link>` that navigates client-side through one listener on the
 * document (`LinkNavigation`, components/ui/link-navigation.tsx) — decision 027.
 *
 * Each next/link is a client component: React hydrates it, gives it an IntersectionObserver and a
 * click handler, and on a list of 25 versions that was a share of the page's hydration (the list
 * and its phone cards had 60 of them). This renders no client component: it can be used from server
 * and client components alike, and a click before the page has hydrated is an ordinary page load,
 * as with next/link. Nothing is prefetched (decision 026).
 */
export default function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a data-link="" {...props} />;
}
