// A real HTTP receiver for webhook tests (integration and e2e): node:http on 127.0.0.1 and a free
// port. Each request is recorded; `respond` decides the answer (status, body, or hold it open until
// released), so tests can make it fail, stall or answer a huge body.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = { headers: Record<string, string>; body: string; at: number };
export type Answer = { status: number; body?: string } | { hold: Promise<void>; status?: number } | { stream: true };

export type Receiver = {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Resolves with the n-th request (1-based) once it has arrived. */
  nth: (n: number) => Promise<ReceivedWebhook>;
  respond: (fn: (req: ReceivedWebhook, index: number) => Answer) => void;
  close: () => Promise<void>;
};

export async function startReceiver(path = '/hook'): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: { n: number; resolve: (r: ReceivedWebhook) => void }[] = [];
  let answer: (req: ReceivedWebhook, index: number) => Answer = () => ({ status: 204 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const r: ReceivedWebhook = { headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(r);
      for (const w of waiters.filter((x) => x.n === received.length)) w.resolve(r);
      const a = answer(r, received.length);
      if ('stream' in a) {
        // An answer that never ends: 64 KiB chunks until the client hangs up.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 120);
        const pump = () => { while (!res.destroyed && res.write(chunk)); };
        res.on('drain', pump);
        pump();
        return;
      }
      if ('hold' in a) {
        void a.hold.then(() => { if (!res.destroyed) res.writeHead(a.status ?? 200).end('ok'); });
        return;
      }
      res.writeHead(a.status).end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    received,
    nth: (n) => (received.length >= n ? Promise.resolve(received[n - 1]) : new Promise((resolve) => waiters.push({ n, resolve }))),
    respond: (fn) => { answer = fn; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
