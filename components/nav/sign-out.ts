// next-auth's own sign-out (POST /api/auth/signout with its CSRF token, so its signOut event ends
// the server-side session) without importing next-auth/react: that client library was ~40 KB of
// JavaScript on every page for this one action (decision 018).
export async function signOut(): Promise<void> {
  const { csrfToken } = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await fetch('/api/auth/signout', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl: '/signin', json: 'true' }),
  });
  const { url } = (await res.json().catch(() => ({}))) as { url?: string };
  window.location.href = url ?? '/signin';
}
