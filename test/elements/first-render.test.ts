// A kind's first prompt in a page renders in a task of its own: creating the class's first instance and rendering it
// made one long task on a slow phone. The kind's later prompts render in the task that put them in the page, so that
// the first frame after it shows them.
import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import { setDefaultClient } from '../../src/elements/default-client.js';
import type { CxPromptElement } from '../../src/elements/prompt-element.js';
import { Collector } from '../support/collector.js';
import { idleClient } from '../support/clients.js';
import { clearPromptPage } from './prompt-harness.js';

/** Puts the markup in the page and counts each prompt's options once the task that did so, and nothing after it, has run. */
function optionsAfterItsTask(markup: string): Promise<number[]> {
  return new Promise((resolve) => {
    // queued before the prompts go in: runs after the task that puts them there, before any task that task queues
    setTimeout(() =>
      resolve([...document.querySelectorAll('cx-nps')].map((nps) => nps.shadowRoot?.querySelectorAll('[role="radio"]').length ?? 0)),
    );
    document.body.innerHTML = markup;
  });
}

describe('when a prompt first renders', () => {
  afterEach(clearPromptPage);

  it("renders a kind's first prompts each in a task of its own, and once one has rendered, the next in the task that put it in the page", async () => {
    setDefaultClient(await idleClient(new Collector()));
    // two at once, as a page's HTML has them: neither renders in the task that put them there
    expect(await optionsAfterItsTask('<cx-nps touchpoint="first"></cx-nps><cx-nps touchpoint="also-first"></cx-nps>')).to.deep.equal([
      0, 0,
    ]);
    for (const nps of document.querySelectorAll<CxPromptElement>('cx-nps')) await nps.updateComplete;
    expect([...document.querySelectorAll('cx-nps')].map((nps) => nps.shadowRoot!.querySelectorAll('[role="radio"]').length)).to.deep.equal([
      11, 11,
    ]);

    expect(await optionsAfterItsTask('<cx-nps touchpoint="next"></cx-nps>')).to.deep.equal([11]);
  });
});
