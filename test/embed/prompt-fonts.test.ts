// While the script tag's prompt UI downloads, the core looks up the faces of the page's font that a prompt's first
// frame needs and the page may not have used (src/embed/prompt-fonts.ts). It only helps while its faces are the
// prompt's: this holds the two in step.
import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import { setDefaultClient } from '../../src/elements/default-client.js';
import type { CxPromptElement } from '../../src/elements/prompt-element.js';
import { lookUpPromptFonts } from '../../src/embed/prompt-fonts.js';
import { idleClient } from '../support/clients.js';
import { Collector } from '../support/collector.js';
import { clearPromptPage } from '../elements/prompt-harness.js';

/** A face as the browser resolves it for text: style, weight, size and family. */
const faceOf = (element: Element) => {
  const style = getComputedStyle(element);
  return `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
};

describe("the prompt's font probe", () => {
  afterEach(clearPromptPage);

  it('looks up the faces of the question and the end labels, in a page with a font of its own', async () => {
    document.body.style.font = 'italic 17px Georgia, serif';
    try {
      lookUpPromptFonts();
      const probe = document.querySelector('body > cx-fonts');
      expect(probe, 'the probe is in the page').to.not.equal(null);
      const probed = new Set([probe!, ...probe!.querySelectorAll('*')].map(faceOf));
      setDefaultClient(await idleClient(new Collector()));
      const prompt = document.createElement('cx-nps') as CxPromptElement;
      prompt.touchpoint = 'fonts';
      prompt.mode = 'popover';
      prompt.open = true;
      document.body.append(prompt);
      await prompt.updateComplete;
      const root = prompt.shadowRoot!;
      for (const part of ['.question', '.ends > span']) expect(probed, `the face of ${part}`).to.include(faceOf(root.querySelector(part)!));
    } finally {
      document.body.style.font = '';
    }
  });

  it('leaves the page a second later', async () => {
    lookUpPromptFonts();
    expect(document.querySelectorAll('body > cx-fonts')).to.have.length(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(document.querySelectorAll('cx-fonts')).to.have.length(0);
  });
});
