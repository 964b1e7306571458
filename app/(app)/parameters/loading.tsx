import { PageSkeleton } from '@/components/ui/skeleton';

// Shown while the page's reads run on the server (this page has no not-found state to answer
// with a 404 status, which a streamed response could no longer set).
export default function Loading() {
  return <PageSkeleton title="the parameters page" />;
}
