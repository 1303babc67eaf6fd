// What createClient gives where there is no page: a server rendering an app's components (Next.js, Nuxt, SvelteKit,
// Angular's SSR) runs the module that creates the client too, and a call there (a milestone in a component's body)
// must neither throw nor leave a timer behind. The config is checked as on a page, so that a mistake shows in the
// server's log; nothing is stored, sent, shown or listened to; what would take an answer says why it cannot.
import type { ClientConfig } from '../../schema/config.js';
import { clientConfigPlan } from '../../validation/plans.generated.js';
import type { CxClient } from './client.js';
import { CxError, parseOrThrow } from '../errors.js';

const noPage = 'no page here (a server rendering the app, or a worker): cxkit asks and stores answers in the browser';

export function clientWithoutPage(config: ClientConfig): CxClient {
  const refuse = () => Promise.reject(new CxError(`cxkit: ${noPage}`));
  return {
    config: parseOrThrow(clientConfigPlan, config, 'config'),
    identify() {},
    record: refuse,
    draft: refuse,
    flush: async () => ({ sent: 0, failed: 0, pending: 0 }),
    show: async () => null,
    milestone: async () => false,
    explain: (touchpoint) => ({ touchpoint, eligible: false, waitingFor: [], blockedBy: [noPage] }),
    debug() {},
    consent() {},
    pending: async () => 0,
    on: () => () => {},
    destroy() {},
  };
}
