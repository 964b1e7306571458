import { StatusMessage } from '@/components/ui/status-message';

// Outside the app's layout: only notFound() in a page of its own (e.g. /setup once an admin exists).
export default function NotFound() {
  return <StatusMessage main status="404 · Not found" title="There is nothing here">The address may be mistyped, or the page was moved.</StatusMessage>;
}
