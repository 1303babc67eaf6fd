// What both stores do to a valid batch before it is stored: ids in lower case, one row per id within the batch, and
// answer times the figures can trust.
import type { Response } from '../../src/schema/response.js';

const dayMs = 86_400_000;

/**
 * Answer times outside this window around the collector's clock are not believed: a client clock a year ahead would
 * otherwise pin "latest comments" forever, and refusing the answer would lose it (the SDK drops refused batches). Such an
 * answer is kept, dated when it was received, and the client's claim is kept beside it.
 */
export const answeredAtWindow = { aheadMs: dayMs, behindMs: 3 * 365 * dayMs } as const;

/** One response as both stores keep it: the columns reads filter and group by, and the whole response as JSON. */
export interface StoredRow {
  readonly id: string;
  readonly kind: Response['kind'];
  readonly score: number;
  readonly scaleMax: number;
  readonly touchpoint: string;
  /** ISO 8601 in UTC with milliseconds, so that text order is time order. */
  readonly answeredAt: string;
  /** What the client said when it was outside `answeredAtWindow`, else null. */
  readonly answeredAtClaimed: string | null;
  readonly partial: boolean;
  readonly comment: string | null;
  readonly userId: string | null;
  readonly anonymousId: string;
  readonly body: Response;
}

export interface PreparedBatch {
  readonly rows: StoredRow[];
  /** Responses that repeated an id earlier in the same batch. */
  readonly repeated: number;
}

function toRow(response: Response, receivedAt: Date): StoredRow {
  const claimed = new Date(response.answeredAt);
  const offset = claimed.getTime() - receivedAt.getTime();
  const believable = offset <= answeredAtWindow.aheadMs && -offset <= answeredAtWindow.behindMs;
  const answeredAt = (believable ? claimed : receivedAt).toISOString();
  const id = response.id.toLowerCase();
  return {
    id,
    kind: response.kind,
    score: response.score,
    scaleMax: response.scale.max,
    touchpoint: response.touchpoint,
    answeredAt,
    answeredAtClaimed: believable ? null : response.answeredAt,
    partial: response.partial === true,
    comment: response.comment ?? null,
    userId: response.userId ?? null,
    anonymousId: response.anonymousId,
    body: { ...response, id, ...(believable ? {} : { answeredAt }) },
  };
}

/** One row per id, in batch order; where a batch repeats an id, a complete answer wins over a partial one. */
export function prepareBatch(responses: readonly Response[], receivedAt: Date): PreparedBatch {
  const byId = new Map<string, StoredRow>();
  let repeated = 0;
  for (const response of responses) {
    const row = toRow(response, receivedAt);
    const earlier = byId.get(row.id);
    if (earlier) {
      repeated++;
      if (earlier.partial && !row.partial) byId.set(row.id, row);
    } else byId.set(row.id, row);
  }
  return { rows: [...byId.values()], repeated };
}
