import { expect } from '@esm-bundle/chai';
import { packBatches } from '../../../src/sdk/delivery/batches.js';
import { backoffDelay, parseRetryAfter } from '../../../src/sdk/delivery/retry.js';

describe('retry policy', () => {
  const options = { baseDelayMs: 1000, maxDelayMs: 30_000 };

  it('doubles the ceiling with each attempt up to the cap, with full jitter below it', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, options, () => 1))).to.deep.equal([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffDelay(3, options, () => 0)).to.equal(0);
    expect(backoffDelay(3, options, () => 0.5)).to.equal(2000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('120', now)).to.equal(120_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:30 GMT', now)).to.equal(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });
});

describe('packBatches', () => {
  const entry = (i: number, comment = '') => ({
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
});
