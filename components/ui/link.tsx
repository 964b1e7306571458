import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * The app's link: next/link without prefetching unless a caller asks for it (decision 026).
 *
 * Every page is dynamic and none has a `loading.tsx` (decision 024), so Next's default prefetch of
 * a link in the viewport fetches only the layouts the browser already has; on a list of 25
 * versions that was 12–25 requests whose answers the router decoded on the main thread during the
 * page's first seconds (Lighthouse long tasks on the dashboard and the versions list). A click
 * still navigates client-side; the page is rendered then, as it was before.
 */
export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
