import { describe, expect, it } from 'vitest';
import { clientIpFromRequestHeaders, parseTrustedProxies, resolveClientIp } from './client-ip';

describe('resolveClientIp: the socket address unless the request came through a trusted proxy', () => {
  const none = parseTrustedProxies(undefined);
  const lb = parseTrustedProxies('10.0.0.0/8, 192.168.1.7, fd00::/8');

  it('ignores X-Forwarded-For from a client that is not a trusted proxy', () => {
    expect(resolveClientIp('203.0.113.9', '1.2.3.4', none)).toBe('203.0.113.9');
    expect(resolveClientIp('::ffff:203.0.113.9', '1.2.3.4', lb)).toBe('203.0.113.9');
  });

  it('takes the right-most untrusted hop when the socket is a trusted proxy', () => {
    expect(resolveClientIp('10.1.2.3', '198.51.100.4', lb)).toBe('198.51.100.4');
    // the client forged the first entry; the trusted proxy appended the real address
    expect(resolveClientIp('10.1.2.3', '1.1.1.1, 198.51.100.4', lb)).toBe('198.51.100.4');
    expect(resolveClientIp('10.1.2.3', '198.51.100.4, 192.168.1.7', lb)).toBe('198.51.100.4');
    expect(resolveClientIp('fd00::1', '2001:db8::5', lb)).toBe('2001:db8::5');
  });

  it('stops at a malformed hop and keeps the last address it could trust', () => {
    expect(resolveClientIp('10.1.2.3', 'garbage', lb)).toBe('10.1.2.3');
    expect(resolveClientIp('10.1.2.3', '', lb)).toBe('10.1.2.3');
  });

  it('names an unknown socket as such', () => {
    expect(resolveClientIp(undefined, '1.2.3.4', none)).toBe('unknown');
  });

  it('refuses a malformed TRUSTED_PROXIES entry with its position', () => {
    expect(() => parseTrustedProxies('10.0.0.0/8, not-an-ip')).toThrow(/TRUSTED_PROXIES.*not-an-ip/);
  });
});

describe('clientIpFromRequestHeaders', () => {
  it('reads the address our server set, never X-Forwarded-For', () => {
    expect(clientIpFromRequestHeaders({ 'x-forwarded-for': '1.2.3.4' }, true)).toBe('unknown');
    expect(clientIpFromRequestHeaders({ 'x-forwarded-for': '1.2.3.4', 'x-mgr-client-ip': '127.0.0.9' }, true)).toBe('127.0.0.9');
  });
  it('ignores the header when the app is not behind our server (plain `next start`)', () => {
    expect(clientIpFromRequestHeaders({ 'x-mgr-client-ip': '127.0.0.9' }, false)).toBe('unknown');
  });
});
