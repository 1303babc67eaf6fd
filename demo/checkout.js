// The checkout button: a journey milestone, the moment the NPS touchpoint waits for.
const page = /** @type {{ cxkit?: { push(call: unknown[]): void } }} */ (/** @type {unknown} */ (window));
const form = /** @type {HTMLFormElement} */ (document.getElementById('checkout'));
const button = /** @type {HTMLButtonElement} */ (document.getElementById('place-order'));
const confirmation = /** @type {HTMLElement} */ (document.getElementById('confirmation'));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  button.disabled = true;
  confirmation.textContent = 'Thank you! Order #1042 is on its way.';
  // push() works before cxkit.js has loaded (the call waits in the queue) and after
  page.cxkit = page.cxkit || [];
  page.cxkit.push(['milestone', 'checkout-complete']);
});
export {};
