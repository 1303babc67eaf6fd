// The script tag's outbox (dist/cxkit-outbox.js), loaded by the core when the browser is idle once the touchpoints have
// looked at the page, after the paint of a prompt they show then, or at once for an answer: hands the core what stores
// answers and displays (idb and the outbox, displays, drafts, the checks they pass).
import { handToCore } from './embed/part-loader.js';
import { storagePart } from './sdk/storage-part.js';

handToCore('outbox', storagePart);
