// A node:http server around the collector handler, with room for another handler (the demo site) on the same port;
// timeouts and connection caps so that slow or greedy clients cannot starve real posts, and a graceful close that
// finishes every request in flight, so that no acknowledged answer is lost at shutdown.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { startAgeing } from '../ageing.js';
import { createCollectorHandler, type CollectorOptions } from './handler.js';

export interface ServerOptions extends CollectorOptions {
  readonly port: number;
  /** Default 127.0.0.1: reachable from this machine only. */
  readonly host?: string;
  /** Serves what the collector does not (the demo shop); answers 404 when absent or when it declines. */
  readonly fallback?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** Open connections at most, in all. Default 2048. */
  readonly maxConnections?: number;
  /** Open connections at most from one address (the socket's, whatever X-Forwarded-For says). Default 256. */
  readonly maxConnectionsPerIp?: number;
  /** How long close() waits for requests in flight before cutting them. Default 10 s. */
  readonly drainMs?: number;
  /** Erase answers, displays and what the quarantine keeps once older than this many days (at start, then hourly). Default never. */
  readonly retentionDays?: number | undefined;
}

export interface RunningServer {
  readonly url: string;
  /** Stops accepting, lets requests in flight finish (up to `drainMs`), then closes every connection. */
  close(): Promise<void>;
}

const loopback = new Set(['127.0.0.1', 'localhost', '::1']);

/** The origins a browser may see this server under, when none is configured: the address it listens on. */
function listeningOrigins(host: string, port: number): string[] {
  const hosts = loopback.has(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [host.includes(':') ? `[${host}]` : host];
  return hosts.map((h) => `http://${h}:${port}`);
}

export async function startCollectorServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer({
    // a request's headers must arrive within 10 s and the whole request within 30 s; idle keep-alive sockets go after 5 s
    headersTimeout: 10_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 5_000,
    connectionsCheckingInterval: 1_000,
  });
  server.maxConnections = options.maxConnections ?? 2048;
  server.setTimeout(30_000, (socket) => socket.destroy());
  const perIp = options.maxConnectionsPerIp ?? 256;
  const openByIp = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const ip = socket.remoteAddress ?? '';
    const open = (openByIp.get(ip) ?? 0) + 1;
    openByIp.set(ip, open);
    socket.once('close', () => {
      const left = (openByIp.get(ip) ?? 1) - 1;
      if (left > 0) openByIp.set(ip, left);
      else openByIp.delete(ip);
    });
    if (open > perIp) socket.destroy();
  });

  let collector: ReturnType<typeof createCollectorHandler> | undefined;
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      if (--inFlight === 0) drained?.();
    });
    void (async () => {
      if (await collector!(req, res)) return;
      if (options.fallback && (await options.fallback(req, res))) return;
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    })().catch((error: unknown) => {
      // only the fallback can get here: the collector handler never rejects
      console.error(`cxkit server: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  collector = createCollectorHandler({ ...options, publicOrigin: options.publicOrigin ?? listeningOrigins(host, port) });
  options.webhooks?.start();
  const { anonymiseDays, retentionDays } = options;
  const stopAgeing = anonymiseDays || retentionDays ? startAgeing(options.store, { anonymiseDays, retentionDays }) : undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        const deadline = new Promise<void>((resolve) => setTimeout(resolve, options.drainMs ?? 10_000).unref());
        await Promise.race([new Promise<void>((resolve) => (drained = resolve)), deadline]);
      }
      server.closeAllConnections();
      await closed;
      await options.webhooks?.stop();
      await stopAgeing?.();
    },
  };
}
