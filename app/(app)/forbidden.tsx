import { StatusMessage } from '@/components/ui/status-message';

// A page's requirePageActor() refused the role; the app's layout gives the header and <main>.
export default function Forbidden() {
  return <StatusMessage status="403 · Forbidden" title="Your role may not open this page" tone="red">Ask an administrator if you need access.</StatusMessage>;
}
