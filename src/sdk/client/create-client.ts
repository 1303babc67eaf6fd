// The SDK's createClient: a client on a page, and one that does nothing where there is none (server-side rendering).
import type { ClientConfig } from '../../schema/config.js';
import { startTouchpointEngine } from '../../touchpoints/engine.js';
import { createClientWith, type CxClient } from './client.js';
import { clientWithoutPage } from './client-without-page.js';
import { startDelivery } from '../delivery/delivery.js';
import { storagePart } from '../storage-part.js';

/**
 * Creates a client, with the touchpoint engine, the outbox and delivery bundled as an app that imports the SDK has
 * them. Throws CxValidationError naming the field when the config is invalid.
 */
export function createClient(config: ClientConfig): CxClient {
  return globalThis.document
    ? createClientWith(config, {
        startTouchpoints: startTouchpointEngine,
        loadStorage: async () => storagePart,
        loadDelivery: async () => startDelivery,
      })
    : clientWithoutPage(config);
}
