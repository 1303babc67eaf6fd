// The page's own modal dialogs: a prompt that falls due while the visitor is in one (a <dialog> the page opened with
// showModal(), an element it marks aria-modal, or a video in full screen, which :modal matches too) waits until it has
// closed, rather than open beneath it, where the page's dialog makes it inert, or over it, taking the visitor away from
// what the page asked.

/** How often a waiting prompt looks again: a dialog of the page's own may leave without an event (removed, hidden). */
const recheckMs = 1000;

/** Why a prompt waits while the page has a dialog open. */
export const pageDialogReason = 'the page’s own dialog or full-screen view to close';

/** Whether the page shows a modal dialog of its own (cxkit's prompts live in shadow roots, which this does not search). */
export function pageDialogOpen(): boolean {
  try {
    for (const dialog of document.querySelectorAll(':modal,[aria-modal="true"]')) if (dialog.getClientRects().length) return true;
  } catch {
    // no :modal before Safari 15.6 and Firefox 103: there a prompt does not wait for the page's dialogs
  }
  return false;
}

/** Resolves once the page shows no modal dialog of its own, or once `stopped()` says the wait is over. */
export function pageDialogClosed(stopped: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (stopped() || !pageDialogOpen() ? resolve() : setTimeout(check, recheckMs));
    check();
  });
}
