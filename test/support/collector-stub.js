// A scriptable collector at the network edge for browser tests: records every request, answers as planned.
// POST {base}/:session/collect   the endpoint under test; answers with the next planned reply, else 200
// POST {base}/:session/plan      appends replies: [{ status, headers?, delayMs?, hang? }]
// POST {base}/:session/fail-on   { text, status }: a body that holds `text` gets `status`, whatever is planned
// GET  {base}/:session/requests  what was received so far
// Sessions keep tests that run in parallel apart.

/** @typedef {{ status: number, headers?: Record<string, string>, delayMs?: number, hang?: boolean, body?: string }} Reply */
/** @typedef {{ at: number, url: string, contentType: string | undefined, cookie: string | undefined, bytes: number, body: unknown, status: number }} Received */

/** @param {import('node:http').IncomingMessage} req */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function createCollectorStub(base = '/stub') {
  /** @type {Map<string, { plan: Reply[], received: Received[], failOn?: { text: string, status: number } }>} */
  const sessions = new Map();
  const session = (/** @type {string} */ id) => {
    let s = sessions.get(id);
    if (!s) sessions.set(id, (s = { plan: [], received: [] }));
    return s;
  };

  /**
   * Handles a request if it is for the stub; returns false otherwise.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://stub');
    const match = url.pathname.match(new RegExp(`^${base}/([\\w-]+)/(collect|plan|fail-on|requests)$`));
    if (!match) return false;
    const [, id = '', action] = match;
    const s = session(id);
    res.setHeader('Access-Control-Allow-Origin', '*');
    // without this a cross-origin page cannot read Retry-After, and backs off by its own schedule instead
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Headers', '*');
      res.writeHead(204).end();
      return true;
    }
    if (action === 'plan') {
      s.plan.push(...JSON.parse(await readBody(req)));
      res.writeHead(204).end();
      return true;
    }
    if (action === 'fail-on') {
      s.failOn = JSON.parse(await readBody(req));
      res.writeHead(204).end();
      return true;
    }
    if (action === 'requests') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(s.received));
      return true;
    }
    const text = await readBody(req);
    // a collector that fails on one answer (an emoji its database cannot store) fails every batch that carries it
    const reply = s.failOn && text.includes(s.failOn.text) ? { status: s.failOn.status } : (s.plan.shift() ?? { status: 200 });
    /** @type {unknown} */
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    s.received.push({
      at: Date.now(),
      url: url.pathname + url.search,
      contentType: req.headers['content-type'],
      cookie: req.headers.cookie,
      bytes: Buffer.byteLength(text),
      body,
      status: reply.status,
    });
    if (reply.hang) return true; // never answers: the client's timeout or an unload ends it
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    const count = Array.isArray(/** @type {any} */ (body)?.responses) ? /** @type {any} */ (body).responses.length : 0;
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
    res.end(reply.body ?? (reply.status < 300 ? JSON.stringify({ accepted: count, duplicates: 0 }) : '{}'));
    return true;
  }
  return {
    handle,
    /** @param {string} id @param {Reply[]} replies */
    plan: (id, ...replies) => void session(id).plan.push(...replies),
    /** @param {string} id */
    received: (id) => session(id).received,
  };
}
