// The checkout button: the shopper identified by their email, and a journey milestone, the moment the NPS touchpoint
// waits for.
const page = /** @type {{ cxkit?: { push(call: unknown[]): void } }} */ (/** @type {unknown} */ (window));
const form = /** @type {HTMLFormElement} */ (document.getElementById('checkout'));
const button = /** @type {HTMLButtonElement} */ (document.getElementById('place-order'));
const confirmation = /** @type {HTMLElement} */ (document.getElementById('confirmation'));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  button.disabled = true;
  confirmation.textContent = 'Thank you! Order #1042 is on its way.';
  // push() works before cxkit.js has loaded (the call waits in the queue) and after. The shopper is known from here on
  // (a real shop identifies them at sign-in or checkout): the team can reach them about this answer, and about one this
  // browser gave before, signed out. The order's number goes with the answer, so that whoever follows up an unhappy
  // one knows which order it was
  const email = /** @type {HTMLInputElement} */ (form.elements.namedItem('email')).value;
  page.cxkit = page.cxkit || [];
  page.cxkit.push(['identify', email]);
  page.cxkit.push(['milestone', 'checkout-complete', { metadata: { orderId: '1042' } }]);
});
export {};
