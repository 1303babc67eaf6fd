import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements.js';
import { setDefaultClient } from '../../src/elements.js';
import type { CxPromptElement } from '../../src/elements/prompt-element.js';
import { registerTranslation } from '../../src/locales/registry.js';
import { responseSchema, type Response } from '../../src/schema/response.js';
import type { CxClient } from '../../src/sdk/client/client.js';
import { Collector } from '../support/collector.js';
import { destroyTestClients, idleClient, storedIn } from '../support/clients.js';
import { clearPromptPage, PromptHarness } from './prompt-harness.js';

let client: CxClient;

async function mount(markup: string): Promise<PromptHarness> {
  const host = document.createElement('div');
  host.innerHTML = `<button id="before">before</button>${markup}<button id="after">after</button>`;
  document.body.append(host);
  const element = host.querySelector<CxPromptElement>('cx-nps, cx-csat, cx-ces');
  if (!element) throw new Error('no prompt in markup');
  const harness = new PromptHarness(element);
  await harness.settled();
  return harness;
}

describe('prompt elements', () => {
  beforeEach(async () => {
    client = await idleClient(new Collector());
    setDefaultClient(client);
  });
  afterEach(clearPromptPage);

  it('render their full scales with labelled ends', async () => {
    const nps = await mount('<cx-nps touchpoint="t" locale="en"></cx-nps>');
    expect(nps.optionValues).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(nps.question).to.equal('How likely are you to recommend us to a friend or colleague?');
    expect(nps.endLabels).to.deep.equal(['0: Not at all likely', '10: Extremely likely']);
    const ces = await mount('<cx-ces touchpoint="t" locale="en"></cx-ces>');
    expect(ces.optionValues).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    expect(ces.endLabels).to.deep.equal(['1: Strongly disagree', '7: Strongly agree']);
    const ces5 = await mount('<cx-ces touchpoint="t" scale="5" locale="en"></cx-ces>');
    expect(ces5.optionValues).to.deep.equal([1, 2, 3, 4, 5]);
  });

  it('names CSAT options for screen readers in every variant', async () => {
    const stars = await mount('<cx-csat touchpoint="t" locale="en"></cx-csat>');
    expect(stars.optionNames).to.deep.equal(['1 star', '2 stars', '3 stars', '4 stars', '5 stars']);
    const emoji = await mount('<cx-csat touchpoint="t" variant="emoji" locale="en"></cx-csat>');
    expect(emoji.optionNames).to.deep.equal(['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied']);
    const numbers = await mount('<cx-csat touchpoint="t" variant="numbers" locale="en"></cx-csat>');
    expect(numbers.optionNames[0]).to.equal('1, Very dissatisfied');
  });

  it('draws the CSAT faces itself: no emoji character for a missing font to turn into a box', async () => {
    const emoji = await mount('<cx-csat touchpoint="t" variant="emoji" locale="en"></cx-csat>');
    const options = [...emoji.element.shadowRoot!.querySelectorAll<HTMLElement>('[role="radio"]')];
    expect(options.map((option) => option.textContent?.trim())).to.deep.equal(['', '', '', '', '']);
    const mouths = options.map((option) => {
      const face = option.querySelector('svg');
      const { width, height } = face!.getBoundingClientRect();
      expect(width).to.be.at.least(24);
      expect(height).to.be.at.least(24);
      return face!.querySelector('path')!.getAttribute('d');
    });
    // five different faces, from frown to smile
    expect(new Set(mouths).size).to.equal(5);
  });

  it('is answered end to end with the keyboard alone, and the response is in the outbox', async () => {
    const nps = await mount('<cx-nps touchpoint="checkout-complete" locale="en"></cx-nps>');
    const submitted = nps.next('cx-submit');
    document.querySelector<HTMLButtonElement>('#before')!.focus();
    await nps.press('Tab');
    expect(nps.focusedValue).to.equal(0);
    await nps.press('ArrowRight', 'ArrowRight', 'End', 'ArrowLeft');
    expect(nps.focusedValue).to.equal(9);
    expect(nps.checked).to.equal(null);
    await nps.press('Enter');
    expect(nps.checked).to.equal(9);
    expect(nps.followUpQuestion).to.equal('What do you like most about us?');
    await nps.press('Tab');
    await sendKeys({ type: 'Quick delivery' });
    await nps.press('Tab', 'Tab', 'Enter');
    const { response } = (await submitted).detail;
    expect(response).to.include({ kind: 'nps', score: 9, comment: 'Quick delivery', touchpoint: 'checkout-complete', locale: 'en' });
    expect(responseSchema.safeParse(response).success).to.equal(true);
    const { outbox } = await storedIn(client.config.storage.name);
    expect(outbox.map((e) => e.id)).to.deep.equal([response.id]);
    expect(nps.status).to.equal('Thank you for your feedback!');
  });

  it('moves with arrows, Home and End, wrapping, without choosing; Space chooses', async () => {
    const csat = await mount('<cx-csat touchpoint="t" variant="numbers"></cx-csat>');
    const answered = csat.next('cx-answer');
    document.querySelector<HTMLButtonElement>('#before')!.focus();
    await csat.press('Tab', 'ArrowLeft');
    expect(csat.focusedValue).to.equal(5);
    await csat.press('ArrowRight', 'ArrowDown');
    expect(csat.focusedValue).to.equal(2);
    await csat.press('Home');
    expect(csat.focusedValue).to.equal(1);
    await csat.press('ArrowUp');
    expect(csat.focusedValue).to.equal(5);
    expect(csat.checked).to.equal(null);
    await csat.press('Space');
    expect((await answered).detail.score).to.equal(5);
    expect(csat.checked).to.equal(5);
  });

  it('asks a follow-up worded for the score band, and skipping still submits the score', async () => {
    const ces = await mount('<cx-ces touchpoint="help" locale="en"></cx-ces>');
    await ces.choose(2);
    expect(ces.followUpQuestion).to.equal('What made it difficult?');
    await ces.choose(4);
    expect(ces.followUpQuestion).to.equal('What could have made it easier?');
    await ces.choose(6);
    expect(ces.followUpQuestion).to.equal('What made it easy?');
    const submitted = ces.next('cx-submit');
    await ces.skip();
    const { response } = (await submitted).detail;
    expect(response.score).to.equal(6);
    expect(response.comment).to.equal(undefined);
    expect(response.scale).to.deep.equal({ min: 1, max: 7 });
  });

  it('submits at once with follow-up="off", and uses custom follow-up text', async () => {
    const off = await mount('<cx-nps touchpoint="t" follow-up="off"></cx-nps>');
    const submitted = off.next('cx-submit');
    await off.choose(3);
    expect((await submitted).detail.response.score).to.equal(3);
    const custom = await mount('<cx-nps touchpoint="t" follow-up="Anything else?"></cx-nps>');
    await custom.choose(10);
    expect(custom.followUpQuestion).to.equal('Anything else?');
  });

  it('records the question as shown, replaced by the question attribute', async () => {
    const csat = await mount('<cx-csat touchpoint="t" question="How was the delivery?" follow-up="off"></cx-csat>');
    expect(csat.question).to.equal('How was the delivery?');
    const submitted = csat.next('cx-submit');
    await csat.choose(4);
    expect((await submitted).detail.response.question).to.equal('How was the delivery?');
  });

  it('shows a failure to queue to the customer instead of swallowing it', async () => {
    const nps = await mount('<cx-nps touchpoint="t" follow-up="off"></cx-nps>');
    client.destroy();
    let submitted = false;
    nps.element.addEventListener('cx-submit', () => (submitted = true));
    const originalError = console.error;
    console.error = () => {};
    try {
      await nps.choose(8);
      await new Promise((r) => setTimeout(r, 50));
      await nps.settled();
    } finally {
      console.error = originalError;
    }
    expect(nps.error).to.equal('Your answer could not be saved. Try again');
    expect(submitted).to.equal(false);
  });

  it('speaks the locale: translated text, right-to-left for Arabic and Hebrew, mirrored arrow keys', async () => {
    const fr = await mount('<cx-nps touchpoint="t" locale="fr-CA"></cx-nps>');
    expect(fr.question).to.equal('Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?');
    const he = await mount('<cx-csat touchpoint="t" locale="he"></cx-csat>');
    expect(he.direction).to.equal('rtl');
    expect(he.optionNames.slice(0, 3)).to.deep.equal(['כוכב אחד', 'שני כוכבים', '3 כוכבים']);
    const ar = await mount('<cx-nps touchpoint="t" locale="ar"></cx-nps>');
    expect(ar.direction).to.equal('rtl');
    ar.group?.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
    await ar.press('ArrowLeft');
    expect(ar.focusedValue).to.equal(1);
    const unknown = await mount('<cx-nps touchpoint="t" locale="xx-YY"></cx-nps>');
    expect(unknown.question).to.equal('How likely are you to recommend us to a friend or colleague?');
  });

  it("paints the scale at once in ASCII digits, then in the locale's own digits once the browser has them", async () => {
    registerTranslation('fa', { dir: 'rtl' });
    const fa = await mount('<cx-nps touchpoint="t" locale="fa"></cx-nps>');
    const labels = () => [...fa.element.shadowRoot!.querySelectorAll('[role="radio"]')].map((o) => o.textContent?.trim());
    expect(labels()[10]).to.equal('10');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await fa.settled();
    expect(labels()).to.deep.equal(['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹', '۱۰']);
  });

  it('creates no Intl.NumberFormat for a language written in ASCII digits, and one for a language that is not', async () => {
    const created: string[] = [];
    const original = Intl.NumberFormat;
    Intl.NumberFormat = new Proxy(original, {
      construct(target, args: [string]) {
        created.push(args[0]);
        return new target(...args);
      },
    });
    try {
      await mount('<cx-nps touchpoint="t" locale="de-AT"></cx-nps>');
      await mount('<cx-csat touchpoint="t" locale="ja"></cx-csat>');
      registerTranslation('fa-AF', { dir: 'rtl' });
      const dari = await mount('<cx-ces touchpoint="t" locale="fa-AF"></cx-ces>');
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await dari.settled();
      expect(created).to.deep.equal(['fa-af']);
      const labels = [...dari.element.shadowRoot!.querySelectorAll('[role="radio"]')].map((o) => o.textContent?.trim());
      expect(labels[0]).to.equal('۱');
    } finally {
      Intl.NumberFormat = original;
    }
  });

  it('lets a site override strings of a language', async () => {
    registerTranslation('de', { submit: 'Abschicken', question: { nps: 'Würden Sie uns empfehlen?' } });
    const de = await mount('<cx-nps touchpoint="t" locale="de-AT"></cx-nps>');
    expect(de.question).to.equal('Würden Sie uns empfehlen?');
    await de.choose(10);
    expect(de.element.shadowRoot?.querySelector('[part="submit"]')?.textContent?.trim()).to.equal('Abschicken');
    expect(de.followUpQuestion).to.equal('Was gefällt Ihnen an uns am besten?');
  });

  it('puts the score into the form data under its name', async () => {
    const nps = await mount('<form><cx-nps touchpoint="t" name="nps"></cx-nps></form>');
    await nps.choose(7);
    const form = nps.element.closest('form')!;
    expect(new FormData(form).get('nps')).to.equal('7');
    form.reset();
    await nps.settled();
    expect(new FormData(form).get('nps')).to.equal(null);
    expect(nps.checked).to.equal(null);
  });

  it('modal: opens with focus on the scale, Escape dismisses and returns focus', async () => {
    const prompt = await mount(`<cx-nps touchpoint="t" mode="modal"></cx-nps>`);
    expect(prompt.visible).to.equal(false);
    const opener = document.querySelector<HTMLButtonElement>('#before')!;
    opener.focus();
    const shown = prompt.next('cx-show');
    prompt.element.open = true;
    await prompt.settled();
    expect((await shown).detail).to.deep.equal({ kind: 'nps', touchpoint: 't', locale: 'en' });
    expect(prompt.focusedValue).to.equal(0);
    const dismissed = prompt.next('cx-dismiss');
    await prompt.press('Escape');
    expect((await dismissed).detail).to.deep.equal({ kind: 'nps', touchpoint: 't', score: null });
    expect(prompt.visible).to.equal(false);
    expect(prompt.element.open).to.equal(false);
    expect(document.activeElement).to.equal(opener);
  });

  it('modal: is answered with the keyboard, keeps Tab inside, and closes itself after the thank-you', async () => {
    const prompt = await mount(`<cx-csat touchpoint="t" mode="modal" variant="numbers"></cx-csat>`);
    document.querySelector<HTMLButtonElement>('#before')!.focus();
    prompt.element.open = true;
    await prompt.settled();
    await prompt.press('ArrowRight', 'ArrowRight', 'ArrowRight', 'Enter');
    expect(prompt.checked).to.equal(4);
    // scale, textarea, skip, send, close: Tab from close wraps to the scale, inside the prompt
    await prompt.press('Tab', 'Tab', 'Tab', 'Tab');
    expect(prompt.element.shadowRoot?.activeElement?.getAttribute('part')).to.equal('close');
    await prompt.press('Tab');
    expect(prompt.focusedValue).to.equal(4);
    const submitted = prompt.next('cx-submit');
    await prompt.press('Shift+Tab', 'Shift+Tab', 'Enter');
    expect((await submitted).detail.response.score).to.equal(4);
    expect(prompt.status).to.equal('Thank you for your feedback!');
    await new Promise((r) => setTimeout(r, 2700));
    await prompt.settled();
    expect(prompt.element.open).to.equal(false);
  });

  it('popover: opens without taking focus, typing goes on into the page, and a polite live region announces it', async () => {
    const host = await mount(`<cx-nps touchpoint="t" mode="popover"></cx-nps>`);
    const field = document.createElement('input');
    document.body.prepend(field);
    field.focus();
    await sendKeys({ type: '12 Main ' });
    const shown = host.next('cx-show');
    host.element.open = true;
    await host.settled();
    await shown;
    await sendKeys({ type: 'Street 5' });
    expect(field.value).to.equal('12 Main Street 5');
    expect(document.activeElement).to.equal(field);
    expect(host.checked).to.equal(null);
    await new Promise((r) => requestAnimationFrame(r));
    await host.settled();
    expect(host.status).to.equal('How likely are you to recommend us to a friend or colleague?');
  });

  it('popover: reached with Tab, answered with the keyboard, Tab moves on, closing returns focus to where the visitor was last', async () => {
    const prompt = await mount(`<cx-csat touchpoint="t" mode="popover" variant="numbers"></cx-csat>`);
    const before = document.querySelector<HTMLButtonElement>('#before')!;
    before.focus();
    prompt.element.open = true;
    await prompt.settled();
    expect(document.activeElement).to.equal(before);
    // in the tab order where it sits in the page: right after #before
    await prompt.press('Tab');
    expect(prompt.focusedValue).to.equal(1);
    await prompt.press('ArrowRight', 'ArrowRight', 'ArrowRight', 'Enter');
    expect(prompt.checked).to.equal(4);
    // scale, textarea, skip, send, close, then on into the page: no trap in a non-modal popover
    await prompt.press('Tab', 'Tab', 'Tab', 'Tab');
    await prompt.press('Tab');
    expect(document.activeElement?.id).to.equal('after');
    await prompt.press('Shift+Tab', 'Shift+Tab');
    const submitted = prompt.next('cx-submit');
    await prompt.press('Enter');
    expect((await submitted).detail.response.score).to.equal(4);
    expect(prompt.status).to.equal('Thank you for your feedback!');
    await new Promise((r) => setTimeout(r, 2700));
    await prompt.settled();
    expect(prompt.element.open).to.equal(false);
    // they came back in from #after with Shift+Tab
    expect(document.activeElement?.id).to.equal('after');
  });

  it('popover: closing itself while the visitor works elsewhere leaves their focus alone', async () => {
    const prompt = await mount(`<cx-nps touchpoint="t" mode="popover" follow-up="off"></cx-nps>`);
    prompt.element.open = true;
    await prompt.settled();
    await prompt.choose(8);
    const after = document.querySelector<HTMLButtonElement>('#after')!;
    after.focus();
    await new Promise((r) => setTimeout(r, 2700));
    await prompt.settled();
    expect(prompt.element.open).to.equal(false);
    expect(document.activeElement).to.equal(after);
  });

  it('inline: the close button dismisses and hides the prompt', async () => {
    const nps = await mount('<cx-nps touchpoint="t"></cx-nps>');
    const dismissed = nps.next('cx-dismiss');
    await nps.choose(5);
    await nps.close();
    expect((await dismissed).detail.score).to.equal(5);
    expect(nps.visible).to.equal(false);
  });
});

describe('cx.show()', () => {
  afterEach(() => {
    document.body.replaceChildren();
    destroyTestClients();
  });

  it('mounts a popover, resolves with the queued response, and removes it after closing', async () => {
    const cx = await idleClient(new Collector());
    const shown: string[] = [];
    cx.on('shown', (e) => shown.push(`${e.kind}@${e.touchpoint}`));
    const pending = cx.show('csat', { touchpoint: 'pricing' });
    await new Promise((r) => setTimeout(r, 50));
    const element = document.querySelector('cx-csat');
    expect(element?.mode).to.equal('popover');
    expect(shown).to.deep.equal(['csat@pricing']);
    const prompt = new PromptHarness(element!);
    await prompt.choose(5);
    await prompt.submit();
    const response = await pending;
    expect(response?.score).to.equal(5);
    expect(await cx.pending()).to.be.at.most(1);
    await new Promise((r) => setTimeout(r, 2700));
    expect(document.querySelector('cx-csat')).to.equal(null);
  });

  it('resolves null when dismissed, and reports it', async () => {
    const cx = await idleClient(new Collector());
    let dismissed = 0;
    cx.on('dismissed', () => dismissed++);
    const pending = cx.show('nps', { touchpoint: 'x', mode: 'modal' });
    await new Promise((r) => setTimeout(r, 50));
    await new PromptHarness(document.querySelector('cx-nps')!).close();
    expect(await pending).to.equal(null);
    expect(dismissed).to.equal(1);
    expect(document.querySelector('cx-nps')).to.equal(null);
  });

  it("carries the app's metadata to the answer, and to the score kept when the follow-up is abandoned", async () => {
    const collector = new Collector();
    const cx = await idleClient(collector);
    const ticket = { ticket: 'T-4821', reopened: 2 };
    const abandoned = cx.show('csat', { touchpoint: 'ticket-closed', metadata: ticket });
    await new Promise((r) => setTimeout(r, 50));
    const first = new PromptHarness(document.querySelector('cx-csat')!);
    await first.choose(2);
    await first.close();
    expect(await abandoned).to.equal(null);
    // the abandoned score is released as the prompt closes, then delivered by the next flush
    let kept: Response | undefined;
    for (let tries = 0; !kept && tries < 50; tries++) {
      await cx.flush();
      [kept] = (await collector.requests()).flatMap((r) => r.body.responses);
    }
    expect(kept).to.deep.include({ score: 2, partial: true, metadata: ticket });

    const finished = cx.show('csat', { touchpoint: 'ticket-closed', metadata: ticket });
    await new Promise((r) => setTimeout(r, 50));
    const second = new PromptHarness(document.querySelector('cx-csat')!);
    await second.choose(4);
    await second.submit();
    expect((await finished)?.metadata).to.deep.equal(ticket);
  });

  it("carries a milestone's metadata to the answer of the prompt it shows", async () => {
    const cx = await idleClient(new Collector(), {
      touchpoints: [{ id: 'ticket-closed', prompt: 'csat', on: { milestone: 'ticket-closed' } }],
    });
    const submitted = new Promise<Response>((resolve) =>
      document.addEventListener('cx-submit', (event) => resolve((event as CustomEvent<{ response: Response }>).detail.response), {
        once: true,
      }),
    );
    const shown = cx.milestone('ticket-closed', { metadata: { ticket: 'T-77' } });
    await new Promise((r) => setTimeout(r, 50));
    const prompt = new PromptHarness(document.querySelector('cx-csat')!);
    await prompt.choose(5);
    await prompt.submit();
    expect(await shown).to.equal(true);
    expect((await submitted).metadata).to.deep.equal({ ticket: 'T-77' });
  });

  it('refuses metadata that is not flat with an error naming the field, before anything shows', async () => {
    const cx = await idleClient(new Collector(), { touchpoints: [{ id: 'paid', prompt: 'nps', on: { milestone: 'paid' } }] });
    let error: unknown;
    await cx.show('nps', { touchpoint: 'x', metadata: { order: { id: 7 } } as never }).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.match(/^cxkit: show\.metadata\.order: expected/);
    expect(() => cx.milestone('paid', { metadata: { items: ['a'] } as never })).to.throw(/^cxkit: milestone\.metadata\.items: expected/);
    expect(document.querySelector('cx-nps')).to.equal(null);
  });

  it('refuses metadata no request could carry before the customer is asked, not after they have answered', async () => {
    const cx = await idleClient(new Collector(), { touchpoints: [{ id: 'paid', prompt: 'nps', on: { milestone: 'paid' } }] });
    // an app that puts a whole order in: 70 fields of 1,000 characters, over the 60 KiB a request may carry
    const order = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`line${i}`, 'x'.repeat(1000)]));
    let error: unknown;
    await cx.show('nps', { touchpoint: 'x', metadata: order }).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.match(/^cxkit: show: the answer is \d+ bytes as sent, over batch\.maxBytes \(61440\)/);
    const logged: unknown[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => void logged.push(...args);
    try {
      expect(await cx.milestone('paid', { metadata: order })).to.equal(false);
    } finally {
      console.error = log;
    }
    expect(String(logged[0])).to.match(/cxkit: milestone: the answer is \d+ bytes as sent/);
    expect(document.querySelector('cx-nps')).to.equal(null);
  });

  it('refuses a bad kind or a missing touchpoint with a named error', async () => {
    const cx = await idleClient(new Collector());
    let error: unknown;
    await cx.show('stars' as never, { touchpoint: 'x' }).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.match(/^cxkit: show.kind: expected one of/);
    await cx.show('nps', { touchpoint: '' }).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.match(/^cxkit: show.touchpoint:/);
  });
});
