import { PageSkeleton } from '@/components/ui/skeleton';

/** Shown while any signed-in page renders on the server (pages with their own loading.tsx override it). */
export default function Loading() {
  return <PageSkeleton title="the page" />;
}
