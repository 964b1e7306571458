import net from 'node:net';

// The client address for the per-IP sign-in limit. X-Forwarded-For is written by whoever sends
// the request, so it counts only when the TCP peer is a proxy the operator listed in
// TRUSTED_PROXIES; then the right-most address that is not a trusted proxy is the client
// (the left part of the header is the client's own claim). Route handlers cannot see the socket, so
// our HTTP server (scripts/server.mts) resolves the address and passes it in CLIENT_IP_HEADER,
// overwriting whatever the client sent under that name.

export const CLIENT_IP_HEADER = 'x-mgr-client-ip';
/** Set by scripts/server.mts in its own process: only then is CLIENT_IP_HEADER ours. */
export const CLIENT_IP_HEADER_ENV = 'MGR_CLIENT_IP_HEADER';

export type TrustedProxies = { has: (ip: string) => boolean; size: number };

function normalize(ip: string | undefined): string | null {
  if (!ip) return null;
  let v = ip.trim();
  if (v.startsWith('[') && v.includes(']')) v = v.slice(1, v.indexOf(']')); // [v6]:port
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(v);
  if (mapped) v = mapped[1];
  return net.isIP(v) ? v.toLowerCase() : null;
}

/** `TRUSTED_PROXIES`: comma-separated addresses or CIDR ranges (IPv4 or IPv6). */
export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  const list = new net.BlockList();
  let size = 0;
  for (const [i, raw] of (spec ?? '').split(',').entries()) {
    const entry = raw.trim();
    if (!entry) continue;
    const [addr, bits, extra] = entry.split('/');
    const ip = normalize(addr);
    const type = ip && net.isIPv6(ip) ? 'ipv6' : 'ipv4';
    const prefix = bits === undefined ? null : Number(bits);
    const maxBits = type === 'ipv6' ? 128 : 32;
    if (!ip || extra !== undefined || (prefix !== null && (!Number.isInteger(prefix) || prefix < 0 || prefix > maxBits))) {
      throw new Error(`TRUSTED_PROXIES entry ${i + 1} (${JSON.stringify(entry)}) is not an IP address or CIDR range`);
    }
    if (prefix === null) list.addAddress(ip, type);
    else list.addSubnet(ip, prefix, type);
    size++;
  }
  return {
    size,
    has: (ip) => {
      const v = normalize(ip);
      return v !== null && list.check(v, net.isIPv6(v) ? 'ipv6' : 'ipv4');
    },
  };
}

/** The client's address: the socket's, or the right-most untrusted X-Forwarded-For hop behind trusted proxies. */
export function resolveClientIp(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  let client = normalize(socketAddress);
  if (!client) return 'unknown';
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',').map((h) => h.trim()).filter(Boolean);
  while (trusted.has(client) && hops.length > 0) {
    const next = normalize(hops.pop());
    if (!next) break; // malformed: keep the last address a trusted proxy vouched for
    client = next;
  }
  return client;
}

/**
 * In a route handler: the address our server resolved. Without our server in front (plain
 * `next start`, `next dev`) the header could come from anyone, so it is ignored.
 */
export function clientIpFromRequestHeaders(headers: Record<string, string | string[] | undefined> | Headers | undefined, behindOurServer = process.env[CLIENT_IP_HEADER_ENV] === '1'): string {
  if (!behindOurServer || !headers) return 'unknown';
  const v = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers[CLIENT_IP_HEADER];
  return normalize(Array.isArray(v) ? v[0] : (v ?? undefined)) ?? 'unknown';
}
