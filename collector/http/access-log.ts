// One JSON line per request, written when the answer is finished: what an operator needs to see refusals and latency.
// It never holds a key (the query string is left out), a header other than Origin, or anything from a body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { refusalReason } from './guards/body.js';

export interface AccessLogEntry {
  readonly time: string;
  readonly method: string;
  /** The path alone: keys travel in the query string. */
  readonly path: string;
  /** 0 when the client went away before an answer. */
  readonly status: number;
  readonly ms: number;
  readonly ip: string;
  readonly origin?: string;
  /** Why a request was refused, in the collector's words. */
  readonly reason?: string;
}

export type AccessLog = (entry: AccessLogEntry) => void;

/**
 * An access log writing JSON lines to a stream (stdout, a file) named `name` in messages. A stream that fails (a full
 * disk, a closed pipe) is said once on stderr and written to no more: the requests it logged go on being served.
 */
export function jsonLines(stream: NodeJS.WritableStream, name = 'stream'): AccessLog {
  let failed = false;
  stream.on('error', (error: Error) => {
    if (failed) return;
    failed = true;
    console.error(`cxkit collector: access log ${name}: ${error.message}; requests go on being served without it`);
  });
  return (entry) => void (failed || stream.write(`${JSON.stringify(entry)}\n`));
}

export function logWhenDone(req: IncomingMessage, res: ServerResponse, path: string, ip: string, log: AccessLog): void {
  const started = performance.now();
  const time = new Date().toISOString();
  let logged = false;
  const done = () => {
    if (logged) return;
    logged = true;
    const reason = refusalReason(res) ?? (res.writableFinished ? undefined : 'client went away');
    const origin = req.headers.origin;
    log({
      time,
      method: req.method ?? '',
      path,
      status: res.writableFinished ? res.statusCode : 0,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ip,
      ...(origin ? { origin: origin.slice(0, 200) } : {}),
      ...(reason ? { reason } : {}),
    });
  };
  res.once('finish', done).once('close', done);
}
