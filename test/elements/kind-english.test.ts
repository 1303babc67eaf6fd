// CSAT's and CES's English comes with their elements (the script tag loads them as files of their own): a language a
// site registered before such an element arrived falls back to that English too, and English ends up whole.
import { expect } from '@esm-bundle/chai';
import { setDefaultClient } from '../../src/elements/default-client.js';
import { defineElement } from '../../src/elements/define-element.js';
import type { CxPromptElement } from '../../src/elements/prompt-element.js';
import { fr } from '../../src/locales/languages/fr.js';
import { registerTranslation, resolveLocale } from '../../src/locales/registry.js';
import { Collector } from '../support/collector.js';
import { idleClient } from '../support/clients.js';
import { clearPromptPage, PromptHarness } from './prompt-harness.js';

/** Every path to a string in a translation, e.g. `ends.csat.0`. */
function paths(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object') return [at];
  return Object.entries(value).flatMap(([key, inner]) => paths(inner, at ? `${at}.${key}` : key));
}

async function mount(markup: string): Promise<PromptHarness> {
  document.body.innerHTML = markup;
  const harness = new PromptHarness(document.body.firstElementChild as CxPromptElement);
  await harness.settled();
  return harness;
}

describe("a prompt kind's English, added by its element", () => {
  afterEach(clearPromptPage);

  it('reaches a language registered before the element came, and completes English', async () => {
    setDefaultClient(await idleClient(new Collector()));
    // a site's own language, registered while only NPS is in the page: CSAT's strings fall back to English
    registerTranslation('hu', { submit: 'Küldés' });
    const { CxCsat } = await import('../../src/elements/csat/csat.js');
    const { CxCes } = await import('../../src/elements/ces/ces.js');
    defineElement('cx-csat', CxCsat);
    defineElement('cx-ces', CxCes);

    const csat = await mount('<cx-csat touchpoint="t" locale="hu"></cx-csat>');
    expect(csat.endLabels).to.deep.equal(['1: Very dissatisfied', '5: Very satisfied']);
    expect(csat.optionNames[0]).to.equal('1 star');
    await csat.choose(2);
    expect(csat.followUpQuestion).to.equal('What went wrong?');
    expect(csat.element.shadowRoot?.querySelector('[part="submit"]')?.textContent?.trim()).to.equal('Küldés');

    const ces = await mount('<cx-ces touchpoint="t" locale="hu"></cx-ces>');
    expect(ces.endLabels).to.deep.equal(['1: Strongly disagree', '7: Strongly agree']);
    await ces.choose(6);
    expect(ces.followUpQuestion).to.equal('What made it easy?');

    // English has every string a built-in language has
    expect(paths(resolveLocale('en').strings).sort()).to.deep.equal(paths(fr).sort());
  });
});
