import { StatusMessage } from '@/components/ui/status-message';

// Outside the app's layout (no page there calls forbidden() today).
export default function Forbidden() {
  return <StatusMessage main status="403 · Forbidden" title="Your role may not open this page" tone="red">Ask an administrator if you need access.</StatusMessage>;
}
