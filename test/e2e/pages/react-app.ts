// A React app using cxkit/react, bundled by the test (test/e2e/package/react.spec.ts).
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../../../src/index.js';
import { NpsPrompt, setDefaultClient } from '../../../src/react.js';

const params = new URLSearchParams(location.search);
setDefaultClient(createClient({ endpoint: params.get('endpoint') ?? '', flushDelayMs: 0, storage: { name: params.get('db') ?? 'cxkit' } }));

function App() {
  const [log, setLog] = useState<string[]>([]);
  return createElement(
    'main',
    null,
    createElement(NpsPrompt, {
      touchpoint: 'react-checkout',
      followUp: 'off',
      // a prop like any other: the order the answer is about goes with it
      metadata: { orderId: 'R-77' },
      locale: 'en',
      // typed: event.detail.score is a number, event.detail.response a Response
      onCxAnswer: (event) => setLog((lines) => [...lines, `answer ${event.detail.score}`]),
      onCxSubmit: (event) => setLog((lines) => [...lines, `submit ${event.detail.response.score} ${event.detail.response.touchpoint}`]),
    }),
    createElement('output', { id: 'log' }, log.join(', ')),
  );
}

createRoot(document.getElementById('root')!).render(createElement(App));
