// Gallery wiring: preselects a score where asked, and opens popover and modal prompts through cxkit.show().
// A module script runs after cxkit.js (defer), so window.cxkit is ready here.
const cx = /** @type {any} */ (window).cxkit;
const outcome = /** @type {HTMLOutputElement} */ (document.getElementById('outcome'));

for (const prompt of document.querySelectorAll('[data-preselect]')) {
  customElements.whenDefined(prompt.localName).then(async () => {
    await /** @type {any} */ (prompt).updateComplete;
    prompt.shadowRoot
      ?.querySelector(`[role="radio"][data-value="${/** @type {HTMLElement} */ (prompt).dataset.preselect}"]`)
      ?.dispatchEvent(new MouseEvent('click'));
  });
}

for (const button of document.querySelectorAll('[data-show]')) {
  const { show, mode } = /** @type {HTMLElement} */ (button).dataset;
  button.addEventListener('click', async () => {
    const response = await cx.show(show, { touchpoint: `gallery-${mode}`, mode });
    outcome.textContent = response ? `${response.kind} ${response.score} queued (${response.id.slice(0, 8)}…)` : 'dismissed';
  });
}

export {};
