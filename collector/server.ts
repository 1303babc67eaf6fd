// A node:http server around the collector handler, with room for another handler (the demo site) on the same port.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createCollectorHandler, type CollectorOptions } from './handler.js';

export interface ServerOptions extends CollectorOptions {
  readonly port: number;
  /** Default 127.0.0.1: reachable from this machine only. */
  readonly host?: string;
  /** Serves what the collector does not (the demo shop); answers 404 when absent or when it declines. */
  readonly fallback?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startCollectorServer(options: ServerOptions): Promise<RunningServer> {
  const collector = createCollectorHandler(options);
  const server = createServer((req, res) => {
    (async () => {
      if (await collector(req, res)) return;
      if (options.fallback && (await options.fallback(req, res))) return;
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    })().catch((error: unknown) => {
      console.error('cxkit collector:', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":"internal error"}');
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
