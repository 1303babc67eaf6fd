// A React app's module as a server renders it (Next.js renders client components on the server too): the client is
// created at the top, as README's React recipe does, the page is rendered to HTML, and the app calls the client as
// code in a component body might. Prints what each call gave, as JSON; run by test/e2e/package/server-render.spec.ts.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
// the package by its own name, as an app imports it: Node resolves it to dist/ through package.json's exports
import { createClient } from 'cxkit';
import { NpsPrompt, setDefaultClient } from 'cxkit/react';

const cx = createClient({
  endpoint: '/v1/responses',
  touchpoints: [{ id: 'checkout', prompt: 'nps', on: { milestone: 'checkout-complete' } }],
});
setDefaultClient(cx);
/** @param {Promise<unknown>} promise */
const settled = (promise) =>
  promise.then(
    (value) => ({ value }),
    (error) => ({ error: error.message }),
  );
const outcome = {
  html: renderToString(createElement('main', null, createElement(NpsPrompt, { touchpoint: 'checkout-complete' }))),
  milestone: await settled(cx.milestone('checkout-complete')),
  show: await settled(cx.show('nps', { touchpoint: 'checkout-complete' })),
  record: await settled(cx.record({ kind: 'nps', score: 9, touchpoint: 'checkout-complete' })),
  pending: await settled(cx.pending()),
  flush: await settled(cx.flush()),
  explain: cx.explain('checkout'),
  badConfig: await settled((async () => createClient({ endpoint: 'ftp://collect.example' }))()),
};
cx.destroy();
console.log(JSON.stringify(outcome));
