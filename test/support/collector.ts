// Browser-side handle on the collector stub (test/support/collector-stub.js) for one test.
import type { Batch } from '../../src/schema/batch.js';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  delayMs?: number;
  hang?: boolean;
  /** The reply's body; default a small JSON object. */
  body?: string;
}

export interface Received {
  at: number;
  url: string;
  contentType: string | undefined;
  cookie: string | undefined;
  bytes: number;
  body: Batch;
  status: number;
}

export class Collector {
  readonly base: string;

  constructor(readonly session = crypto.randomUUID()) {
    this.base = `/stub/${session}`;
  }

  get endpoint(): string {
    return `${location.origin}${this.base}/collect`;
  }

  /** The next requests get these replies, in order; after them every request gets 200. */
  async plan(...replies: Reply[]): Promise<void> {
    await fetch(`${this.base}/plan`, { method: 'POST', body: JSON.stringify(replies) });
  }

  /** From now on every request whose body holds `text` gets `status`, whatever is planned. */
  async failOn(text: string, status: number): Promise<void> {
    await fetch(`${this.base}/fail-on`, { method: 'POST', body: JSON.stringify({ text, status }) });
  }

  async requests(): Promise<Received[]> {
    return (await fetch(`${this.base}/requests`)).json() as Promise<Received[]>;
  }

  /** Every response id received, in arrival order, duplicates included. */
  async receivedIds(): Promise<string[]> {
    return (await this.requests()).flatMap((r) => r.body.responses.map((response) => response.id));
  }

  /** Waits until `count` requests have arrived. */
  async waitForRequests(count: number, timeoutMs = 5000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const received = await this.requests();
      if (received.length >= count) return received;
      if (Date.now() > deadline) throw new Error(`expected ${count} requests, got ${received.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
