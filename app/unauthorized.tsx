import { StatusMessage } from '@/components/ui/status-message';

// No page calls unauthorized(); Next.js's built-in 401 fallback carries inline styles, this is smaller.
export default function Unauthorized() {
  return <StatusMessage main status="401 · Sign-in required" title="Sign in to open this page" href="/signin" linkLabel="Sign in" />;
}
