import { expect, test } from './fixtures';

// Finding 7's sweep against the real server: exactly the URLs and headers that answered 500.
// API calls use the session cookie of a fresh engineer (signed in through the browser); pages
// are opened in the browser. Nothing here writes data.

const API = [
  ['/api/v1/versions?q=%00', 'q'],
  ['/api/v1/versions/a%00b', 'path'],
  ['/api/v1/versions/a%00b/model-card', 'path'],
  ['/api/v1/versions?tag=%00', 'tag'],
  ['/api/v1/versions?component=%00', 'component'],
  ['/api/v1/compare?ids=a%00,b', 'ids'],
  ['/api/v1/versions/%ED%A0%80', 'path'],
] as const;

test('bad URLs and headers: 400/403 problem+json naming the field, the 400 page for pages, never 5xx', async ({ page, signIn }) => {
  await signIn('engineer');
  const request = page.request;

  for (const [url, field] of API) {
    const r = await request.get(url);
    expect(r.status(), url).toBe(400);
    expect(r.headers()['content-type'], url).toContain('application/problem+json');
    expect(Object.keys(((await r.json()) as { errors: Record<string, string[]> }).errors), url).toEqual([field]);
  }
  const metrics = await request.post('/api/v1/versions/a%00b/metrics', { data: { metrics: [{ metric: 'fvd', value: 1 }] }, headers: { origin: new URL(page.url()).origin } });
  expect(metrics.status()).toBe(400);
  expect(((await metrics.json()) as { errors: Record<string, string[]> }).errors).toHaveProperty('path');

  // Cookie writes with an Origin that is not a URL.
  for (const origin of ['null', '::::']) {
    const r = await request.post('/api/v1/tokens', { data: { name: 'x' }, headers: { origin } });
    expect(r.status(), origin).toBe(403);
    expect(r.headers()['content-type']).toContain('application/problem+json');
  }

  // A cross-origin server action.
  const action = await request.post('/versions', { headers: { origin: 'http://evil.example', 'next-action': '7f00000000000000000000000000000000000000aa', 'content-type': 'text/plain;charset=UTF-8' }, data: '[]' });
  expect(action.status()).toBe(403);

  // Pages in the browser.
  for (const url of ['/versions/a%00b', '/versions?q=%00', '/versions/%ED%A0%80']) {
    const r = await page.goto(url);
    expect(r?.status(), url).toBe(400);
    await expect(page.getByText('400 · Bad request')).toBeVisible();
  }
});
