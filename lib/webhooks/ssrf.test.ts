import { describe, expect, it } from 'vitest';
import { checkDestination, forbiddenRange, normalizeHost, urlProblem } from './ssrf';

describe('forbiddenRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::7f00:1', 'IPv4-compatible'],
    ['64:ff9b::a00:1', 'rfc6052'],
  ])('refuses %s (%s)', (ip, range) => {
    expect(forbiddenRange(ip)).toBe(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows public %s', (ip) => {
    expect(forbiddenRange(ip)).toBeNull();
  });
});

describe('checkDestination', () => {
  const resolveTo = (address: string) => async () => [{ address, family: address.includes(':') ? (6 as const) : (4 as const) }];

  it('refuses a literal private address and names it', async () => {
    const r = await checkDestination('http://10.0.0.5/hook', []);
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('private') });
  });

  it('refuses a bracketed IPv6 loopback literal', async () => {
    expect((await checkDestination('http://[::1]:8080/hook', [])).ok).toBe(false);
  });

  it('refuses a name that resolves to loopback, even if another answer is public', async () => {
    const both = async () => [{ address: '93.184.215.14', family: 4 as const }, { address: '127.0.0.1', family: 4 as const }];
    const r = await checkDestination('https://rebind.example/hook', [], both);
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('resolves to 127.0.0.1') });
  });

  it('accepts a public answer and returns the address to pin', async () => {
    const r = await checkDestination('https://hooks.example/x', [], resolveTo('93.184.215.14'));
    expect(r).toEqual({ ok: true, address: { address: '93.184.215.14', family: 4 }, allowListed: false });
  });

  it('lets an allow-listed host through whatever it resolves to', async () => {
    const r = await checkDestination('http://LocalHost./x', ['localhost'], resolveTo('127.0.0.1'));
    expect(r).toMatchObject({ ok: true, allowListed: true });
    expect((await checkDestination('http://[::1]/x', ['[::1]'])).ok).toBe(true);
  });

  it('refuses other schemes and credentials', () => {
    expect(urlProblem('file:///etc/passwd')).toMatch(/https/);
    expect(urlProblem('https://u:p@hooks.example/')).toMatch(/credentials/);
    expect(urlProblem('not a url')).toMatch(/valid URL/);
    expect(normalizeHost('[FE80::1]')).toBe('fe80::1');
  });
});
