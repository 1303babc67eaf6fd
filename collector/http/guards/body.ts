// Small HTTP helpers for the handler: JSON replies that remember why a request was refused (for the access log), and
// a body reader that stops at a size limit, a deadline, or the client hanging up, without ever throwing a stack trace.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Why the body could not be read: too large (413), too slow (408), or the client went away (no answer possible). */
export class BodyRefused extends Error {
  constructor(readonly reason: 'too-large' | 'too-slow' | 'aborted') {
    super(reason);
  }
}

/** Reads the body up to `limit` bytes within `deadlineMs`; past either, stops reading (nothing more is buffered). */
export function readBody(req: IncomingMessage, limit: number, deadlineMs: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyRefused('too-large'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (reason: BodyRefused['reason']) => {
      cleanup();
      req.pause();
      reject(new BodyRefused(reason));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else stop('too-large');
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onAborted = () => stop('aborted');
    const timer = setTimeout(() => stop('too-slow'), deadlineMs);
    const cleanup = () => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onAborted).off('aborted', onAborted).off('close', onClose);
    };
    // 'close' before 'end' means the client hung up mid-body
    const onClose = () => (req.complete ? undefined : onAborted());
    req.on('data', onData).on('end', onEnd).on('error', onAborted).on('aborted', onAborted).on('close', onClose);
  });
}

/** Why a read stopped early: the client that asked for it hung up (nobody to answer, nothing gone wrong). */
export class ClientGone extends Error {
  constructor() {
    super('the client hung up');
  }
}

/** Aborts, with a `ClientGone`, when the client hangs up before its answer is complete. */
export function whileConnected(res: ServerResponse): AbortSignal {
  const hungUp = new AbortController();
  res.once('close', () => (res.writableFinished ? undefined : hungUp.abort(new ClientGone())));
  return hungUp.signal;
}

const refusals = new WeakMap<ServerResponse, string>();

/** The reason given for a 4xx/5xx answer, for the access log: our own words, never the client's data. */
export const refusalReason = (res: ServerResponse): string | undefined => refusals.get(res);

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const error = status >= 400 && typeof body === 'object' && body && 'error' in body ? body.error : undefined;
  if (typeof error === 'string') refusals.set(res, error);
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    })
    .end(text);
}

/** Answers and then closes the connection, for requests whose body we refuse to read. */
export function sendJsonAndClose(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.on('finish', () => req.socket.destroySoon?.() ?? req.destroy());
  sendJson(res, status, body, { ...headers, Connection: 'close' });
}
