// The lockout message, written by the server and read back by the sign-in form (which adds the
// clock time in the user's own time zone). No server-only imports: the browser uses it too.

export function retryMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed sign-ins. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

/** "… Try again in 12 minutes (at 10:42)." for a message made by retryMessage; others unchanged. */
export function withRetryClock(message: string, now: Date): string {
  const m = /Try again in (\d+) minutes?\.$/.exec(message);
  if (!m) return message;
  const at = new Date(now.getTime() + Number(m[1]) * 60_000);
  const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  return `${message.slice(0, -1)} (at ${hhmm}).`;
}
