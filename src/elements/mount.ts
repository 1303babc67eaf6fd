// Mounts a prompt for `cx.show()`: creates the element in the requested mode, resolves with its outcome, removes it when it closes.
import type { Response } from '../schema/response.js';
import type { MountRequest } from '../sdk/prompt-mounter.js';
import type { CxPromptElement } from './prompt-element.js';

export function mountPrompt(request: MountRequest): Promise<Response | null> {
  const element = document.createElement(`cx-${request.kind}`) as CxPromptElement;
  element.touchpoint = request.touchpoint;
  element.mode = request.mode;
  element.client = request.client;
  if (request.question !== undefined) element.question = request.question;
  element.metadata = request.metadata;
  return new Promise((resolve) => {
    element.addEventListener('cx-show', (event) => request.onShown(event.detail.locale), { once: true });
    element.addEventListener('cx-answer', request.onAnswer, { once: true });
    element.addEventListener('cx-submit', (event) => resolve(event.detail.response), { once: true });
    element.addEventListener(
      'cx-dismiss',
      () => {
        request.onDismissed();
        resolve(null);
      },
      { once: true },
    );
    const remove = () => {
      observer.disconnect();
      element.remove();
      resolve(null);
    };
    // popover and modal prompts close themselves after the thank-you (or on dismiss) by dropping `open`; a page that
    // takes one out of the document has closed it too (Turbo and pjax put a new <body> in place on navigation), where
    // a prompt moved within it has not: looked at once the page's change is done
    const observer = new MutationObserver(() => {
      if (!element.open || !element.isConnected) remove();
    });
    observer.observe(element, { attributes: true, attributeFilter: ['open'] });
    observer.observe(document.documentElement, { childList: true });
    observer.observe(document.body, { childList: true });
    element.open = true;
    document.body.append(element);
  });
}
