// A prompt that cannot work as written stays inert and says why in the console, once — never to the customer.
import { expect } from '@esm-bundle/chai';
import '../../src/elements.js';
import { setDefaultClient } from '../../src/elements.js';
import type { CxPromptElement } from '../../src/elements/prompt-element.js';
import { Collector } from '../support/collector.js';
import { idleClient } from '../support/clients.js';
import { clearPromptPage, PromptHarness } from './prompt-harness.js';

let logged: { error: string[]; warn: string[] };
const original = { error: console.error, warn: console.warn };

async function mount(markup: string): Promise<PromptHarness[]> {
  const host = document.createElement('div');
  host.innerHTML = markup;
  document.body.append(host);
  const harnesses = [...host.querySelectorAll<CxPromptElement>('cx-nps, cx-csat, cx-ces')].map((e) => new PromptHarness(e));
  for (const harness of harnesses) await harness.settled();
  return harnesses;
}

const interactive = (prompt: PromptHarness) => prompt.element.shadowRoot!.querySelectorAll('button, textarea, [tabindex]').length;

describe('a prompt that cannot work as written', () => {
  beforeEach(() => {
    logged = { error: [], warn: [] };
    console.error = (message: unknown) => void logged.error.push(String(message));
    console.warn = (message: unknown) => void logged.warn.push(String(message));
  });
  afterEach(() => {
    Object.assign(console, original);
    clearPromptPage();
  });

  // first in the file: the page is told once that its prompts have no client, however many there are
  it('without a client renders nothing to answer, and one console error names the cause for all of them', async () => {
    const [nps, csat] = await mount('<cx-nps touchpoint="checkout"></cx-nps><cx-csat touchpoint="pricing"></cx-csat>');
    expect(interactive(nps!)).to.equal(0);
    expect(interactive(csat!)).to.equal(0);
    expect(nps!.visible).to.equal(false);
    expect(logged.error).to.have.length(1);
    expect(logged.error[0]).to.match(/^cxkit: <cx-nps touchpoint="checkout"> stays inert: it has no client to record answers with\. /);
    // a client set afterwards brings them to life
    setDefaultClient(await idleClient(new Collector()));
    await nps!.settled();
    expect(nps!.optionValues).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(logged.error).to.have.length(1);
  });

  it('without a touchpoint renders nothing to answer and names the element, once', async () => {
    setDefaultClient(await idleClient(new Collector()));
    const [nps] = await mount('<cx-nps></cx-nps>');
    expect(interactive(nps!)).to.equal(0);
    nps!.element.locale = 'de';
    await nps!.settled();
    expect(logged.error).to.deep.equal([
      'cxkit: <cx-nps> needs a touchpoint attribute naming the moment being rated; it stays inert until it has one',
    ]);
    nps!.element.touchpoint = 'checkout';
    await nps!.settled();
    expect(nps!.optionValues).to.have.length(11);
  });

  it('warns once about an attribute value it does not know, naming the allowed ones, and falls back', async () => {
    setDefaultClient(await idleClient(new Collector()));
    const [csat, ces, nps] = await mount(
      '<cx-csat touchpoint="a" variant="hearts"></cx-csat><cx-ces touchpoint="b" scale="9"></cx-ces><cx-nps touchpoint="c" mode="sidebar"></cx-nps>',
    );
    await csat!.choose(4);
    await ces!.choose(2);
    // each said once, in whatever order the prompts first rendered (a kind's first prompt renders in a task of its own)
    expect(logged.warn).to.have.members([
      'cxkit: <cx-csat touchpoint="a"> variant="hearts" is not one of "stars", "emoji", "numbers"; using "stars"',
      'cxkit: <cx-ces touchpoint="b"> scale="9" is not one of "5", "7"; using "7"',
      'cxkit: <cx-nps touchpoint="c"> mode="sidebar" is not one of "inline", "popover", "modal"; using "inline"',
    ]);
    expect(csat!.optionNames).to.deep.equal(['1 star', '2 stars', '3 stars', '4 stars', '5 stars']);
    expect(ces!.optionValues).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    expect(nps!.visible).to.equal(true);
    expect(logged.error).to.deep.equal([]);
  });
});
