// A prompt that falls due in a tab the visitor is not looking at (opened in the background, or left for another) waits
// until the tab is shown: then it can be seen and answered, its display says when it was, and a visitor who closes the
// tab unseen was not asked. A page Chrome prerenders (speculation rules, a URL typed in the address bar) is not a page
// the visitor has seen until they go to it, and may never be.

/** Why a prompt waits in a hidden tab. */
export const hiddenTabReason = 'the visitor to come back to this tab';

export const tabHidden = (): boolean => document.visibilityState === 'hidden';

/** Resolves once the tab is shown, or once `stopped()` says the wait is over (looked at on each change). */
export function tabShown(stopped: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!stopped() && tabHidden()) return;
      document.removeEventListener('visibilitychange', check);
      resolve();
    };
    document.addEventListener('visibilitychange', check);
    check();
  });
}

/** Whether the page is being prerendered: the visitor has not come to it (yet). */
export const prerendering = (): boolean => (document as { prerendering?: boolean }).prerendering === true;

/** Resolves when the visitor comes to a page being prerendered. */
export const pageVisited = (): Promise<void> =>
  new Promise((resolve) => document.addEventListener('prerenderingchange', () => resolve(), { once: true }));
