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

/** Puts the markup in the page and counts the prompt's options once the task that did so, and nothing after it, has run. */
function optionsAfterItsTask(markup: string): Promise<number> {
  return new Promise((resolve) => {
    // queued before the prompt goes in: runs after the task that puts it there, before any task that task queues
    setTimeout(() => resolve(document.querySelector('cx-nps')?.shadowRoot?.querySelectorAll('[role="radio"]').length ?? 0));
    document.body.innerHTML = markup;
  });
}

describe('when a prompt first renders', () => {
  afterEach(clearPromptPage);

  it("renders a kind's first prompt in a task of its own, and its later prompts in the task that put them in the page", async () => {
    setDefaultClient(await idleClient(new Collector()));
    expect(await optionsAfterItsTask('<cx-nps touchpoint="first"></cx-nps>')).to.equal(0);
    await document.querySelector<CxPromptElement>('cx-nps')!.updateComplete;
    expect(document.querySelector('cx-nps')!.shadowRoot!.querySelectorAll('[role="radio"]')).to.have.length(11);

    expect(await optionsAfterItsTask('<cx-nps touchpoint="second"></cx-nps>')).to.equal(11);
  });
});
