import { expect } from '@esm-bundle/chai';
import type { Batch } from '../../../src/schema/batch.js';
import type { Display } from '../../../src/schema/display.js';
import type { Response } from '../../../src/schema/response.js';
import { packBatches } from '../../../src/sdk/delivery/batches.js';
import type { OutboxEntry } from '../../../src/sdk/outbox/store.js';

describe('packBatches', () => {
  const entry = (i: number, comment = ''): OutboxEntry => ({
    id: `id-${i}`,
    enqueuedAt: i,
    attempts: 0,
    nextAttemptAt: 0,
    response: { id: `id-${i}`, comment } as never,
  });

  it('respects both the response count and the byte limit, keeping order', () => {
    const entries = Array.from({ length: 120 }, (_, i) => entry(i, 'x'.repeat(i % 2 ? 3000 : 10)));
    const { batches, oversized } = packBatches(entries, { maxResponses: 50, maxBytes: 20_000 }, new Date(0).toISOString());
    expect(oversized).to.deep.equal([]);
    for (const batch of batches) {
      expect(batch.entries.length).to.be.at.most(50);
      expect(new TextEncoder().encode(batch.body).byteLength).to.equal(batch.bytes);
      expect(batch.bytes).to.be.at.most(20_000);
    }
    expect(batches.flatMap((b) => b.entries.map((e) => e.id))).to.deep.equal(entries.map((e) => e.id));
  });

  it('sets aside an answer too large to send even alone', () => {
    const { batches, oversized } = packBatches([entry(1), entry(2, 'x'.repeat(5000)), entry(3)], { maxResponses: 50, maxBytes: 2000 }, '');
    expect(oversized.map((e) => e.id)).to.deep.equal(['id-2']);
    expect(batches.flatMap((b) => b.entries.map((e) => e.id))).to.deep.equal(['id-1', 'id-3']);
  });

  it('writes the batch of the contract, answers and displays apart, and counts its bytes exactly in any script', () => {
    const display = (i: number, outcome: Display['outcome']) => ({ id: `d-${i}`, outcome, touchpoint: 'checkout' }) as unknown as Display;
    const entries: OutboxEntry[] = [
      entry(1, 'très bien, merci'),
      { id: 'd-2', enqueuedAt: 2, attempts: 0, nextAttemptAt: 0, display: display(2, 'open') },
      entry(3, '非常に良い 👍'),
      { id: 'd-4', enqueuedAt: 4, attempts: 0, nextAttemptAt: 0, display: display(4, 'answered') },
    ];
    const sentAt = new Date(0).toISOString();
    const { batches } = packBatches(entries, { maxResponses: 50, maxBytes: 60_000 }, sentAt);
    const batch: Batch = {
      v: 1,
      sentAt,
      responses: [entries[0]?.response, entries[2]?.response] as Response[],
      // a display still open as its page went is sent as ignored
      displays: [display(2, 'ignored'), display(4, 'answered')],
    };
    expect(batches.map((b) => b.body)).to.deep.equal([JSON.stringify(batch)]);
    expect(batches[0]?.bytes).to.equal(new TextEncoder().encode(JSON.stringify(batch)).byteLength);
    const answersOnly = packBatches([entries[0]!], { maxResponses: 50, maxBytes: 60_000 }, sentAt).batches[0]?.body;
    expect(answersOnly).to.equal(JSON.stringify({ v: 1, sentAt, responses: [entries[0]?.response] }));
  });
});
