// The script tag's prompt UI carries English alone and asks the core for another language when a prompt needs it
// (the core knows which it has files for): a prompt waits for its language, and `updateComplete` still means
// "rendered in it", however early it is asked.
import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import { setDefaultClient } from '../../src/elements/default-client.js';
import type { CxPromptElement } from '../../src/elements/prompt-element.js';
import { en } from '../../src/locales/languages/en.js';
import { fr } from '../../src/locales/languages/fr.js';
import { addTranslations, setLocaleSource } from '../../src/locales/registry.js';
import { Collector } from '../support/collector.js';
import { idleClient } from '../support/clients.js';
import { clearPromptPage } from './prompt-harness.js';

describe('a prompt whose language is still on its way', () => {
  afterEach(clearPromptPage);

  it('renders once the language is in, and updateComplete asked before its first render waits for that', async () => {
    setDefaultClient(await idleClient(new Collector()));
    let arrive = () => {};
    setLocaleSource(
      (locale) =>
        new Promise<void>((resolve) => {
          arrive = () => {
            if (locale === 'fr') addTranslations({ fr });
            resolve();
          };
        }),
    );
    document.body.innerHTML = '<cx-nps touchpoint="t" locale="fr"></cx-nps>';
    const element = document.querySelector<CxPromptElement>('cx-nps')!;
    const rendered = element.updateComplete.then(() => element.shadowRoot?.querySelector('#question')?.textContent?.trim() ?? '');
    // its first render finds French missing and asks for it; nothing shows meanwhile
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(element.shadowRoot?.querySelectorAll('[role="radio"]').length ?? 0).to.equal(0);
    arrive();
    expect(await rendered).to.equal(fr.question.nps);
    expect(element.shadowRoot!.querySelectorAll('[role="radio"]')).to.have.length(11);
  });

  it('asks the source for a language cxkit lacks too, and shows the prompt in English once the source has no file', async () => {
    setDefaultClient(await idleClient(new Collector()));
    const asked: string[] = [];
    setLocaleSource((locale) => {
      asked.push(locale);
      return Promise.resolve();
    });
    document.body.innerHTML = '<cx-nps touchpoint="t" locale="hu-HU"></cx-nps>';
    const element = document.querySelector<CxPromptElement>('cx-nps')!;
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector('#question')?.textContent?.trim()).to.equal(en.question.nps);
    expect(asked).to.deep.equal(['hu']);
  });
});
