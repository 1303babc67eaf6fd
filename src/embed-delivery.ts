// The script tag's delivery (dist/cxkit-delivery.js), loaded by the core only once the outbox holds something to send:
// hands the core what sends it (batches, retries, the lock between tabs, the send as the page goes away).
import { handToCore } from './embed/part-loader.js';
import { startDelivery } from './sdk/delivery/delivery.js';

handToCore('delivery', startDelivery);
