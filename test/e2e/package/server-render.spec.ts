// The SDK where there is no page: a React app rendered on a server (Next.js renders client components there too)
// creates its client as README's recipe does, renders the prompt's tag, and calls the client; nothing throws, nothing
// is left running, and what would take an answer says why it cannot.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

const app = fileURLToPath(new URL('../pages/server-render.mjs', import.meta.url));

test('a React app rendered on a server: the tag is in the HTML, the client answers every call, and the process ends by itself', async () => {
  // a timer or listener left behind would keep Node running until the timeout kills it
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [app], { timeout: 15_000 });
  expect(stderr).toBe('');
  const outcome = JSON.parse(stdout) as Record<string, unknown>;
  // @lit/react sets the element's properties once it is in the browser's page
  expect(outcome.html).toBe('<main><cx-nps></cx-nps></main>');
  const noPage = 'cxkit: no page here (a server rendering the app, or a worker): cxkit asks and stores answers in the browser';
  expect(outcome).toMatchObject({
    milestone: { value: false },
    show: { value: null },
    record: { error: noPage },
    pending: { value: 0 },
    flush: { value: { sent: 0, failed: 0, pending: 0 } },
    explain: { touchpoint: 'checkout', eligible: false, waitingFor: [], blockedBy: [noPage.replace('cxkit: ', '')] },
    badConfig: { error: 'cxkit: config.endpoint: expected an http(s) URL' },
  });
});
