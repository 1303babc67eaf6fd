// Plural forms on the CSAT stars: the same words Intl.PluralRules picks, in every built-in language, without making an
// Intl object for the first paint in the languages that count as English does.
import { expect } from '@esm-bundle/chai';
import { CxCsat } from '../../src/elements/csat/csat.js';
import { csatEnglish } from '../../src/elements/csat/csat-english.js';
import { setDefaultClient } from '../../src/elements/default-client.js';
import { defineElement } from '../../src/elements/define-element.js';
import type { CxPromptElement } from '../../src/elements/prompt-element.js';
import { ar } from '../../src/locales/languages/ar.js';
import { cs } from '../../src/locales/languages/cs.js';
import { da } from '../../src/locales/languages/da.js';
import { de } from '../../src/locales/languages/de.js';
import { es } from '../../src/locales/languages/es.js';
import { fi } from '../../src/locales/languages/fi.js';
import { fr } from '../../src/locales/languages/fr.js';
import { he } from '../../src/locales/languages/he.js';
import { it as italian } from '../../src/locales/languages/it.js';
import { ja } from '../../src/locales/languages/ja.js';
import { ko } from '../../src/locales/languages/ko.js';
import { nb } from '../../src/locales/languages/nb.js';
import { nl } from '../../src/locales/languages/nl.js';
import { pl } from '../../src/locales/languages/pl.js';
import { pt } from '../../src/locales/languages/pt.js';
import { ru } from '../../src/locales/languages/ru.js';
import { sv } from '../../src/locales/languages/sv.js';
import { tr } from '../../src/locales/languages/tr.js';
import { uk } from '../../src/locales/languages/uk.js';
import { zh } from '../../src/locales/languages/zh.js';
import { addTranslations, plural } from '../../src/locales/registry.js';
import type { PluralForms } from '../../src/locales/translation.js';
import { idleClient } from '../support/clients.js';
import { Collector } from '../support/collector.js';
import { clearPromptPage, PromptHarness } from './prompt-harness.js';

const stars: Record<string, PluralForms> = {
  en: csatEnglish.stars,
  ...Object.fromEntries(
    Object.entries({ ar, cs, da, de, es, fi, fr, he, it: italian, ja, ko, nb, nl, pl, pt, ru, sv, tr, uk, zh }).map(([tag, t]) => [
      tag,
      t.stars,
    ]),
  ),
};

/** Intl's choice of form, as the words should read. */
const byIntl = (forms: PluralForms, n: number, tag: string) =>
  (forms[new Intl.PluralRules(tag).select(n)] ?? forms.other).replace('{n}', String(n));

/** Counts the Intl.PluralRules made while `run` runs. */
async function pluralRulesMade(run: () => Promise<unknown>): Promise<number> {
  const intl = Intl as { PluralRules: typeof Intl.PluralRules };
  const original = intl.PluralRules;
  let made = 0;
  intl.PluralRules = class extends original {
    constructor(...args: ConstructorParameters<typeof original>) {
      super(...args);
      made++;
    }
  } as typeof original;
  try {
    await run();
  } finally {
    intl.PluralRules = original;
  }
  return made;
}

async function mountCsat(locale: string): Promise<PromptHarness> {
  document.body.innerHTML = `<cx-csat touchpoint="t" locale="${locale}"></cx-csat>`;
  const harness = new PromptHarness(document.body.firstElementChild as CxPromptElement);
  await harness.settled();
  return harness;
}

// first: the words below make Intl objects, which the page keeps
describe('plural forms on a CSAT prompt', () => {
  before(() => {
    addTranslations({ ar, de, fr, pt, sv, ru, ja, zh, ko, tr });
    defineElement('cx-csat', CxCsat);
  });
  beforeEach(async () => setDefaultClient(await idleClient(new Collector())));
  afterEach(clearPromptPage);

  it('in English, German, French, Portuguese and Swedish the first paint makes no Intl.PluralRules', async () => {
    for (const locale of ['en-US', 'de', 'fr-CA', 'pt-BR', 'sv-SE']) {
      let names: string[] = [];
      expect(await pluralRulesMade(async () => (names = (await mountCsat(locale)).optionNames)), locale).to.equal(0);
      expect(names, locale).to.have.length(5);
    }
  });

  it('in Japanese, Chinese, Korean and Turkish, whose stars have one form, the first paint makes no Intl.PluralRules', async () => {
    for (const [locale, first] of [
      ['ja', '星1つ'],
      ['zh-CN', '1 星'],
      ['ko', '별 1개'],
      ['tr', '1 yıldız'],
    ] as const) {
      let names: string[] = [];
      expect(await pluralRulesMade(async () => (names = (await mountCsat(locale)).optionNames)), locale).to.equal(0);
      expect(names[0], locale).to.equal(first);
      expect(names, locale).to.have.length(5);
    }
  });

  it("in Russian Intl.PluralRules picks the stars' forms (one, few, many)", async () => {
    let names: string[] = [];
    expect(await pluralRulesMade(async () => (names = (await mountCsat('ru')).optionNames))).to.be.greaterThan(0);
    expect(names).to.deep.equal(['1 звезда', '2 звезды', '3 звезды', '4 звезды', '5 звёзд']);
  });

  it("in Arabic Intl.PluralRules picks the stars' forms (one, two, few)", async () => {
    let names: string[] = [];
    expect(await pluralRulesMade(async () => (names = (await mountCsat('ar')).optionNames))).to.be.greaterThan(0);
    expect(names).to.deep.equal(['نجمة واحدة', 'نجمتان', '3 نجوم', '4 نجوم', '5 نجوم']);
  });
});

describe('plural forms', () => {
  for (const [language, forms] of Object.entries(stars)) {
    for (const tag of [language, `${language}-${language === 'en' ? 'GB' : 'XX'}`, ...(language === 'pt' ? ['pt-PT'] : [])]) {
      it(`${tag}: the words Intl picks, for 0 to 5, 11, 21, 100 and 1.5 stars`, () => {
        for (const n of [0, 1, 2, 3, 4, 5, 11, 21, 100, 1.5])
          expect(plural(forms, n, tag, String(n)), `${n}`).to.equal(byIntl(forms, n, tag));
      });
    }
  }

  it('a language of its own with more forms still gets them from Intl (Polish: 1 gwiazdka, 2 gwiazdki, 5 gwiazdek)', () => {
    const polish = { one: '{n} gwiazdka', few: '{n} gwiazdki', many: '{n} gwiazdek', other: '{n} gwiazdki' };
    expect([1, 2, 5, 22].map((n) => plural(polish, n, 'pl', String(n)))).to.deep.equal([
      '1 gwiazdka',
      '2 gwiazdki',
      '5 gwiazdek',
      '22 gwiazdki',
    ]);
  });
});
