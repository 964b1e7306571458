// One HTTP attempt to a checked, pinned address: no redirects followed, a deadline for the whole
// exchange, and at most `maxResponseBytes` of the answer read (the rest is dropped with the socket).
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './ssrf';

export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

export type SendResult = { ok: boolean; status: number | null; error: string | null; responseBytes: number };

/** A lookup that answers every name with the address that was checked. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as unknown as LookupFunction;
}

export function sendWebhookRequest(p: {
  url: string;
  body: string;
  headers: Record<string, string>;
  address: ResolvedAddress;
  timeoutMs?: number;
  maxResponseBytes?: number;
}): Promise<SendResult> {
  const timeoutMs = p.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cap = p.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const url = new URL(p.url);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = client.request(url, {
      method: 'POST',
      headers: { ...p.headers, 'content-length': String(Buffer.byteLength(p.body)) },
      lookup: pinnedLookup(p.address),
      agent: false, // a fresh connection each time: never a pooled socket to another address
    });
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, error: `no complete answer within ${timeoutMs} ms`, responseBytes: 0 });
      req.destroy();
    }, timeoutMs);
    req.on('error', (e) => finish({ ok: false, status: null, error: e.message || String(e), responseBytes: 0 }));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      let bytes = 0;
      const done = () => {
        const redirect = status >= 300 && status < 400;
        const ok = status >= 200 && status < 300;
        const error = ok ? null : redirect ? `redirect to ${res.headers.location ?? '(no location)'} not followed` : `HTTP ${status}`;
        finish({ ok, status, error, responseBytes: Math.min(bytes, cap) });
      };
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > cap) {
          // Enough: the status is what counts; the rest of the body is not read.
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('error', () => done());
      res.on('close', done);
    });
    req.end(p.body);
  });
}
