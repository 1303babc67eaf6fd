// Answers, displays and batches as the SDK sends them, for tests that post to a collector.
import { randomUUID } from 'node:crypto';
import { sampleResponses } from '../../collector/sample-data.js';
import type { Display, DisplayOutcome } from '../../src/schema/display.js';
import type { Response } from '../../src/schema/response.js';
import { defaultScales } from '../../src/schema/scales.js';

export const batch = (responses: readonly Response[], displays?: readonly Display[]) => ({
  v: 1,
  sentAt: new Date().toISOString(),
  responses,
  ...(displays ? { displays } : {}),
});

/** A display as the SDK records it; pass the answer it led to, if any, for an `answered` one. */
export function display(touchpoint: string, outcome: DisplayOutcome, overrides: Partial<Display> = {}): Display {
  return {
    id: randomUUID(),
    touchpoint,
    kind: 'nps',
    mode: 'popover',
    trigger: 'milestone',
    shownAt: new Date().toISOString(),
    outcome,
    page: { url: `https://shop.example/${touchpoint}` },
    anonymousId: randomUUID(),
    sdk: { name: 'cxkit', version: 'test' },
    ...overrides,
  };
}

/** Valid responses, as the SDK would send them. */
export const responses = (count: number, seed = 1): Response[] => sampleResponses(count, 30, new Date(), seed);

/**
 * `count` answers of one kind and score at a touchpoint, at `at` and then a minute apart going back, with `extra`
 * fields (a stage, traits, a device…); the sample's own stage, device, visitor, traits and comment are dropped, so each says only
 * what it is given.
 */
export function answersOf(
  touchpoint: string,
  kind: Response['kind'],
  score: number,
  count: number,
  at: number,
  extra: Partial<Response> = {},
): Response[] {
  return responses(count, score + count + at / 60_000).map(
    ({ stage: _stage, device: _device, visitor: _visitor, traits: _traits, comment: _comment, ...r }, i) => ({
      ...r,
      kind,
      score,
      scale: { ...defaultScales[kind] },
      touchpoint,
      answeredAt: new Date(at - i * 60_000).toISOString(),
      ...extra,
    }),
  );
}

/** Posts answers to the collector at `baseUrl` in batches of 50 (the most a batch may hold); resolves once all are stored. */
export async function postInBatches(baseUrl: string, answers: readonly Response[]): Promise<void> {
  for (let i = 0; i < answers.length; i += 50) {
    const posted = await fetch(`${baseUrl}v1/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(batch(answers.slice(i, i + 50))),
    });
    if (posted.status !== 202) throw new Error(`the collector refused a batch: HTTP ${posted.status} ${await posted.text()}`);
  }
}
