// Comment themes on comments whose lifts are worked out by hand, on both stores: what sets unhappy customers' comments
// apart from happy ones', per language, with counts, minimum support and lift; and each theme's comments found again
// through the drill-down.
import type { Response } from '../../../src/schema/response.js';
import { termsOf } from '../../../collector/analytics/themes/themes.js';
import { answersOf, batch, expect, storeKinds, test } from '../../support/collector-harness.js';

const at = Date.UTC(2026, 10, 20, 12);
const said = (kind: Response['kind'], score: number, count: number, comment: string, locale = 'en-GB') =>
  answersOf('checkout', kind, score, count, at, { comment, locale });
const data: Response[] = [
  // unhappy (NPS 2), 10 comments
  ...said('nps', 2, 6, 'The delivery was slow and the box arrived damaged.'),
  ...said('nps', 2, 4, 'Support never answered my email.'),
  // happy (NPS 10), 8 comments
  ...said('nps', 10, 5, 'Fast delivery, great prices.'),
  ...said('nps', 10, 3, 'Support was great.'),
  // neutral: not on either side
  ...said('nps', 7, 5, 'Slow slow slow.'),
  // German, unhappy only (CSAT 1)
  ...said('csat', 1, 3, 'Die Lieferung war zu spät.', 'de-DE'),
];

// lift = ((n + ½) / (side + 1)) / ((other + ½) / (other side + 1))
const lift = (n: number, side: number, other: number, otherSide: number) => (n + 0.5) / (side + 1) / ((other + 0.5) / (otherSide + 1));

test('a comment is cut into its words and two-word phrases, without stop words, never across punctuation', () => {
  expect([...termsOf('The delivery was slow and the box arrived damaged.', 'en')].sort()).toEqual([
    'arrived',
    'arrived damaged',
    'box',
    'box arrived',
    'damaged',
    'delivery',
    'slow',
  ]);
  expect([...termsOf('Fast delivery, great prices.', 'en')].sort()).toEqual([
    'delivery',
    'fast',
    'fast delivery',
    'great',
    'great prices',
    'prices',
  ]);
  expect([...termsOf('配送がとても遅かったです。', 'ja')]).toContain('配送');
});

test('a pasted link, an email address, what anonymising left of one, or a "word" longer than any word is no theme, and no phrase spans it', () => {
  expect(
    [
      ...termsOf(
        `Checkout broken https://shop.example.com/checkout?step=2 again, write to help@shop.example or www.shop.example/help ${'a'.repeat(41)} order`,
        'en',
      ),
    ].sort(),
  ).toEqual(['broken', 'checkout', 'checkout broken', 'order', 'write']);
  // what anonymising left of an address or a phone number is neither a theme nor part of one
  expect([...termsOf('Courier lost it, call [number removed] or write [e-mail removed] soon', 'en')].sort()).toEqual([
    'call',
    'courier',
    'courier lost',
    'lost',
    'soon',
    'write',
  ]);
  // a long German compound is a word
  expect(termsOf('Rechtsschutzversicherungsgesellschaften', 'de')).toContain('rechtsschutzversicherungsgesellschaften');
});

for (const kind of storeKinds) {
  test(`${kind}: themes match the hand-worked lifts, and each opens its comments`, async ({ startCollector }) => {
    const collector = await startCollector({ database: kind });
    for (let i = 0; i < data.length; i += 50) expect((await collector.post(batch(data.slice(i, i + 50)))).status).toBe(202);
    const response = await fetch(`${collector.url}v1/themes`);
    expect(response.status).toBe(200);
    const themes = await response.json();
    expect(themes).toMatchObject({ minSupport: 3, minLift: 1.5, read: { unhappy: 13, happy: 8, limit: 1000 } });
    expect(themes.languages.map((l: { language: string }) => l.language)).toEqual(['en', 'de']);
    const [en, de] = themes.languages;
    expect(en).toMatchObject({ unhappyComments: 10, happyComments: 8 });
    // the damaged parcel (6 of 10, none of 8), then the unanswered email (4 of 10); "delivery" (6 and 5) and
    // "support" (4 and 3) are said by both sides alike; a word whose phrase has the same comments ("box" in "box
    // arrived", "never" in "never answered") is left to the phrase
    expect(en.unhappyThemes.map((t: { term: string }) => t.term)).toEqual([
      'arrived damaged',
      'box arrived',
      'slow',
      'email',
      'never answered',
      'support never',
    ]);
    expect(en.unhappyThemes[0]).toMatchObject({ unhappy: 6, happy: 0 });
    expect(en.unhappyThemes[0].lift).toBeCloseTo(lift(6, 10, 0, 8), 10);
    expect(en.unhappyThemes[3].lift).toBeCloseTo(lift(4, 10, 0, 8), 10);
    // "great" is in 8 comments, "great prices" in 5: both say something
    expect(en.happyThemes.map((t: { term: string }) => t.term)).toEqual(['great', 'fast delivery', 'great prices']);
    expect(en.happyThemes[0]).toMatchObject({ unhappy: 0, happy: 8 });
    expect(en.happyThemes[0].lift).toBeCloseTo(lift(8, 8, 0, 10), 10);
    expect(de).toMatchObject({ unhappyComments: 3, happyComments: 0, happyThemes: [] });
    expect(de.unhappyThemes.map((t: { term: string; unhappy: number }) => [t.term, t.unhappy])).toEqual([
      ['lieferung', 3],
      ['spät', 3],
    ]);

    // a theme opens the comments behind it
    const behind = async (query: string) => (await (await fetch(`${collector.url}v1/answers?band=unhappy&${query}`)).json()).answers;
    expect(await behind('q=arrived%20damaged')).toHaveLength(6);
    // only the rows can tell how many comments hold a text: no total from the rollups
    expect((await (await fetch(`${collector.url}v1/answers?q=slow`)).json()).total).toBeNull();
    expect(await behind('q=SLOW')).toHaveLength(6);
    expect(await behind('q=100%25_')).toHaveLength(0);
    // case is ignored in every alphabet, not only in ASCII
    expect(await behind('q=LIEFERUNG%20WAR%20ZU%20SP%C3%84T')).toHaveLength(3);
    // a touchpoint with no comments has no themes
    expect((await (await fetch(`${collector.url}v1/themes?touchpoint=elsewhere`)).json()).languages).toEqual([]);
  });
}

test('Norwegian comments are one language whatever the tag says (no, nb, nn, no_NO), read with Bokmål’s stop words', async ({
  startCollector,
}) => {
  const collector = await startCollector({ database: 'sqlite' });
  const norwegian = [
    // a score and count each: answersOf() seeds its ids with their sum, and one id is one answer to the collector
    ...said('nps', 0, 2, 'Pakken kom for sent.', 'no'),
    ...said('nps', 1, 2, 'Pakken kom for sent.', 'nb-NO'),
    ...said('nps', 2, 2, 'Pakken kom for sent.', 'nn-NO'),
    ...said('nps', 10, 3, 'Rask levering.', 'no_NO'),
  ];
  expect((await collector.post(batch(norwegian))).status).toBe(202);
  const { languages } = await (await fetch(`${collector.url}v1/themes`)).json();
  expect(languages).toHaveLength(1);
  expect(languages[0]).toMatchObject({ language: 'nb', unhappyComments: 6, happyComments: 3 });
  // "for" is a stop word in Bokmål: neither it nor a phrase with it is a theme ("pakken" and "kom" are left to their phrase)
  expect(languages[0].unhappyThemes.map((t: { term: string }) => t.term)).toEqual(['pakken kom', 'sent']);
});
