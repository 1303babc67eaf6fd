import { expect } from '@esm-bundle/chai';
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
