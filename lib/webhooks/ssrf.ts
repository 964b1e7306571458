// Server-side request forgery guard for webhook URLs: a webhook may reach only public unicast
// addresses, unless an admin put its host on the allow-list (setting `webhookAllowedHosts`).
// Checked when an endpoint is registered and again at every delivery, which then connects to the
// address it checked (lib/webhooks/send.ts), so a DNS answer that changes in between is no way in.
import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Why an address may not be reached (its range's name), or null for a public unicast address. */
export function forbiddenRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address();
    // IPv4-compatible (::a.b.c.d, deprecated) embeds an IPv4 address the same way.
    else if (v6.parts.slice(0, 6).every((p) => p === 0)) return v6.range() === 'unicast' ? 'IPv4-compatible' : v6.range();
  }
  const range = ip.range();
  return range === 'unicast' ? null : range;
}

/** Host as compared with the allow-list: lower case, no brackets around IPv6, no trailing dot. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

export function isHostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  const h = normalizeHost(host);
  return allowedHosts.some((a) => normalizeHost(a) === h);
}

export type DestinationCheck = { ok: true; address: ResolvedAddress; allowListed: boolean } | { ok: false; reason: string };

/** A URL a webhook may be sent to: http(s), no credentials, syntax only. */
export function urlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with https:// or http://';
  if (url.username || url.password) return 'must not contain credentials (receivers check the signature instead)';
  if (!url.hostname) return 'has no host';
  return null;
}

/** What the audit log records of an endpoint's URL: its origin (a path or query may hold a token). */
export function urlOrigin(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Where a request to `raw` would go, or why it may not: every address the host resolves to must
 * be public (one private answer is enough to refuse), unless the host is allow-listed.
 */
export async function checkDestination(raw: string, allowedHosts: readonly string[], resolve: Resolver = systemResolver): Promise<DestinationCheck> {
  const problem = urlProblem(raw);
  if (problem) return { ok: false, reason: problem };
  const host = normalizeHost(new URL(raw).hostname);
  const allowListed = isHostAllowed(host, allowedHosts);
  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (e) {
      return { ok: false, reason: `host ${host} does not resolve (${(e as NodeJS.ErrnoException).code ?? 'DNS error'})` };
    }
    if (addresses.length === 0) return { ok: false, reason: `host ${host} does not resolve` };
  }
  if (!allowListed) {
    for (const a of addresses) {
      const range = forbiddenRange(a.address);
      if (range) {
        const via = a.address === host ? '' : ` (${host} resolves to ${a.address})`;
        return { ok: false, reason: `points to a ${range} address${via}; only public addresses are allowed unless an admin allow-lists the host` };
      }
    }
  }
  return { ok: true, address: addresses[0], allowListed };
}
