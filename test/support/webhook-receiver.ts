// A webhook receiver on loopback, as a team's endpoint (or Slack's, or a Teams workflow's) would take the posts.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

/** An answer of a receiver's script: a status, or a status with headers. */
type Reply = number | { readonly status: number; readonly headers: Record<string, string> };

/** A webhook receiver on loopback that answers each request with the next reply of `script` (then 200). */
export async function receiver(script: Reply[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body, at: Date.now() });
      const reply = script.shift() ?? 200;
      if (typeof reply === 'number') res.writeHead(reply).end();
      else res.writeHead(reply.status, reply.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks/cx`,
    received,
    script,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
