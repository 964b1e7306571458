import { describe, expect, it } from 'vitest';
import { authOptions } from './options';
import { safeCallbackPath, signInPathFor } from './redirect';

const BASE = 'http://127.0.0.1:3000';

describe('safeCallbackPath: only same-origin paths are followed after sign-in', () => {
  it.each([
    ['//evil.example/phish', '/'],
    ['/\\evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['http://evil.example/phish', '/'],
    ['https://127.0.0.1:3000/x', '/'], // another scheme is another origin
    ['javascript:alert(1)', '/'],
    ['', '/'],
    [null, '/'],
    ['/versions?q=base#top', '/versions?q=base#top'],
    ['http://127.0.0.1:3000/audit', '/audit'],
    ['/a//b', '/a//b'],
  ])('%j → %j', (raw, expected) => {
    expect(safeCallbackPath(raw, BASE)).toBe(expected);
  });
});

describe("next-auth's redirect callback", () => {
  const redirect = authOptions().callbacks?.redirect;

  it.each(['//evil.example/phish', '/\\evil.example', 'http://evil.example/phish'])('keeps %j on our origin', async (url) => {
    expect(redirect).toBeTypeOf('function');
    const out = await redirect!({ url, baseUrl: BASE });
    expect(new URL(out).origin).toBe(BASE);
    expect(new URL(out).pathname.startsWith('//')).toBe(false);
    expect(out).toBe(`${BASE}/`);
  });

  it('follows a same-origin path', async () => {
    expect(await redirect!({ url: '/versions?q=x', baseUrl: BASE })).toBe(`${BASE}/versions?q=x`);
  });
});

describe('signInPathFor: the sign-in page comes back to the page that asked (issue 10 item 9)', () => {
  it.each([
    ['/versions?component=base', '/signin?callbackUrl=%2Fversions%3Fcomponent%3Dbase'],
    ['/', '/signin'],
    [null, '/signin'],
    ['//evil.example/phish', '/signin'],
    ['/signin?callbackUrl=%2Faudit', '/signin'],
  ])('%s → %s', (path, expected) => {
    expect(signInPathFor(path)).toBe(expected);
  });
});
