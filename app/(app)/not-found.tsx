import { StatusMessage } from '@/components/ui/status-message';

// Inside the app's layout (header and <main>); unmatched addresses reach it through [...missing].
export default function NotFound() {
  return <StatusMessage status="404 · Not found" title="There is nothing here">The address may be mistyped, or the page was moved.</StatusMessage>;
}
